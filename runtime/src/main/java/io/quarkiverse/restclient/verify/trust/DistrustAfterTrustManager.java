package io.quarkiverse.restclient.verify.trust;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Map;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Enforces Mozilla's distrust-after dates: after the delegate accepted a chain, a chain that leads to a root with
 * such a date is rejected when the server's certificate was issued (notBefore) after it. Only the few dated roots
 * are looked at, so a handshake under any other root costs one map walk.
 */
final class DistrustAfterTrustManager extends LayeredTrustManager {

    private final Map<X509Certificate, Instant> distrustAfter;

    DistrustAfterTrustManager(X509ExtendedTrustManager delegate, Map<X509Certificate, Instant> distrustAfter) {
        super(delegate);
        this.distrustAfter = Map.copyOf(distrustAfter);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        delegate.checkServerTrusted(chain, authType, socket);
        checkDistrustAfter(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        delegate.checkServerTrusted(chain, authType, engine);
        checkDistrustAfter(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        delegate.checkServerTrusted(chain, authType);
        checkDistrustAfter(chain);
    }

    /** Rejects the chain when it ends at, or was issued by, a dated root and the leaf is newer than the date. */
    void checkDistrustAfter(X509Certificate[] chain) throws DistrustedRootException {
        if (chain.length == 0) {
            return;
        }
        X509Certificate leaf = chain[0];
        for (Map.Entry<X509Certificate, Instant> entry : distrustAfter.entrySet()) {
            X509Certificate root = entry.getKey();
            if (anchoredAt(chain, root) && leaf.getNotBefore().toInstant().isAfter(entry.getValue())) {
                throw new DistrustedRootException(root, entry.getValue(), leaf);
            }
        }
    }

    // The presented chain leads to the root when it contains it, or when its last certificate was signed by it.
    private static boolean anchoredAt(X509Certificate[] chain, X509Certificate root) {
        X509Certificate last = chain[chain.length - 1];
        for (X509Certificate certificate : chain) {
            if (certificate.equals(root)) {
                return true;
            }
        }
        if (!last.getIssuerX500Principal().equals(root.getSubjectX500Principal())) {
            return false;
        }
        try {
            last.verify(root.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
