package io.quarkiverse.restclient.verify.trust;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A trust manager below the one under test that records which of its checks was asked (and with what connection), and
 * accepts or refuses every chain: whether the layer above passed the decision on, and kept a refusal.
 */
public final class RecordingTrust extends X509ExtendedTrustManager {

    public static final String REFUSAL = "refused by the trust below";

    public final List<String> calls = new CopyOnWriteArrayList<>();
    private final boolean refuse;

    private RecordingTrust(boolean refuse) {
        this.refuse = refuse;
    }

    public static RecordingTrust accepting() {
        return new RecordingTrust(false);
    }

    public static RecordingTrust refusing() {
        return new RecordingTrust(true);
    }

    private void decide(String call) throws CertificateException {
        calls.add(call);
        if (refuse) {
            throw new CertificateException(REFUSAL);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        decide(socket == null ? "server, null socket" : "server with socket");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        decide(engine == null ? "server, null engine" : "server with engine");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        decide("server");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        decide("client with socket");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        decide("client with engine");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        decide("client");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
