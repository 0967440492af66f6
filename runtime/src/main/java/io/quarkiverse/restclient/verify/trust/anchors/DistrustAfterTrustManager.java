package io.quarkiverse.restclient.verify.trust.anchors;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.security.auth.x500.X500Principal;

import io.quarkiverse.restclient.verify.trust.LayeredTrustManager;
import io.quarkiverse.restclient.verify.trust.PathValidating;
import io.quarkiverse.restclient.verify.trust.ValidatedPath;

/**
 * Enforces Mozilla's distrust-after dates: after the delegate accepted a chain, a chain whose validated path ends at a
 * root with such a date is rejected when the server's certificate was issued (notBefore) after it. The root is the
 * trust anchor of the path PKIX validated, never guessed from the presented certificates, which a server can pad.
 * The path is built only when a presented certificate names a dated root as its issuer or subject, since no other
 * chain can end at one, so a handshake under any other root costs a few name look-ups.
 */
public final class DistrustAfterTrustManager extends LayeredTrustManager implements PathValidating {

    private final Map<X509Certificate, Instant> distrustAfter;
    private final Set<X500Principal> datedSubjects = new HashSet<>();

    public DistrustAfterTrustManager(X509ExtendedTrustManager delegate, Map<X509Certificate, Instant> distrustAfter) {
        super(delegate);
        this.distrustAfter = Map.copyOf(distrustAfter);
        for (X509Certificate root : distrustAfter.keySet()) {
            datedSubjects.add(root.getSubjectX500Principal());
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        check(chain, authType, null, socket);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        check(chain, authType, engine, null);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain, authType, null, null);
    }

    @Override
    public ValidatedPath checkServerPath(X509Certificate[] chain, String authType, SSLEngine engine, Socket socket)
            throws CertificateException {
        ValidatedPath path = PathValidating.checkServerPath(delegate, chain, authType, engine, socket);
        checkDistrustAfter(path);
        return path;
    }

    private void check(X509Certificate[] chain, String authType, SSLEngine engine, Socket socket)
            throws CertificateException {
        if (mayEndAtDatedRoot(chain)) {
            checkServerPath(chain, authType, engine, socket);
        } else {
            PathValidating.checkServerTrusted(delegate, chain, authType, engine, socket);
        }
    }

    /**
     * Whether the chain's path can end at a dated root: the path's last certificate is presented and names the root
     * as its issuer, or the server's certificate is the root (or has its name and key).
     */
    private boolean mayEndAtDatedRoot(X509Certificate[] chain) {
        if (chain == null) {
            return false;
        }
        for (X509Certificate certificate : chain) {
            if (certificate != null && (datedSubjects.contains(certificate.getIssuerX500Principal())
                    || datedSubjects.contains(certificate.getSubjectX500Principal()))) {
                return true;
            }
        }
        return false;
    }

    /** Rejects the path when it ends at a dated root and its server certificate is newer than the date. */
    void checkDistrustAfter(ValidatedPath path) throws DistrustedRootException {
        X509Certificate root = path.anchor();
        Instant date = distrustAfter.get(root);
        if (date == null) {
            return;
        }
        X509Certificate leaf = path.certificates().isEmpty() ? root : path.certificates().get(0);
        if (leaf.getNotBefore().toInstant().isAfter(date)) {
            throw new DistrustedRootException(root, date, leaf);
        }
    }
}
