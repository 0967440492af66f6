package io.quarkiverse.restclient.verify.trust;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A check layered over the trust manager below it. A layer decides servers' chains; the client side (which a REST
 * client never asks) and the accepted issuers pass through to the manager below unchanged.
 */
public abstract class LayeredTrustManager extends X509ExtendedTrustManager {

    /** The trust manager this layer adds its check to. */
    protected final X509ExtendedTrustManager delegate;

    protected LayeredTrustManager(X509ExtendedTrustManager delegate) {
        this.delegate = delegate;
    }

    @Override
    public final void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        delegate.checkClientTrusted(chain, authType, socket);
    }

    @Override
    public final void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        delegate.checkClientTrusted(chain, authType, engine);
    }

    @Override
    public final void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        delegate.checkClientTrusted(chain, authType);
    }

    @Override
    public final X509Certificate[] getAcceptedIssuers() {
        return delegate.getAcceptedIssuers();
    }
}
