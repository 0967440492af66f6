package io.quarkiverse.restclient.verify.trust.rules;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

import io.quarkiverse.restclient.verify.trust.LayeredTrustManager;
import io.quarkiverse.restclient.verify.trust.PathValidating;
import io.quarkiverse.restclient.verify.trust.ValidatedPath;

/**
 * Strict mode ({@code verify-strict}): after the trust below accepted a server's chain, the path it was validated
 * along is judged by the rules of webpki and the CA/Browser Forum ({@link StrictPathRules}). It tells that path to
 * the checks above it (revocation, pins), so they judge the same one. Never accepts what the trust below refused.
 */
public final class StrictTrustManager extends LayeredTrustManager implements PathValidating {

    private StrictTrustManager(X509ExtendedTrustManager delegate) {
        super(delegate);
    }

    /**
     * The delegate with the strict rules after it, or the delegate itself when strict mode is off. The delegate must
     * tell the path it validated (the anchor layers do); one that cannot has every chain refused.
     */
    public static X509ExtendedTrustManager wrap(X509ExtendedTrustManager delegate, boolean strict) {
        return strict ? new StrictTrustManager(delegate) : delegate;
    }

    @Override
    public ValidatedPath checkServerPath(X509Certificate[] chain, String authType, SSLEngine engine, Socket socket)
            throws CertificateException {
        ValidatedPath path = PathValidating.checkServerPath(delegate, chain, authType, engine, socket);
        StrictPathRules.check(path);
        return path;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        checkServerPath(chain, authType, engine, null);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        checkServerPath(chain, authType, null, socket);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        checkServerPath(chain, authType, null, null);
    }
}
