package io.quarkiverse.restclient.verify.trust.anchors;

import java.net.Socket;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/** {@code verify=false}: accepts every certificate. Used only when the user asked for it, loudly. */
final class InsecureTrustManager extends X509ExtendedTrustManager {

    static final InsecureTrustManager INSTANCE = new InsecureTrustManager();

    private static final X509Certificate[] NONE = new X509Certificate[0];

    private InsecureTrustManager() {
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return NONE;
    }
}
