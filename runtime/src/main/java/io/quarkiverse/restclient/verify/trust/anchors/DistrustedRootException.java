package io.quarkiverse.restclient.verify.trust.anchors;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;

/**
 * The chain leads to a root that Mozilla trusts only for certificates issued up to a date, and the server's
 * certificate was issued after it ({@code CKA_NSS_SERVER_DISTRUST_AFTER}, as browsers enforce it).
 */
public final class DistrustedRootException extends CertificateException {

    private static final long serialVersionUID = 1L;

    private final transient X509Certificate root;
    private final Instant distrustAfter;
    private final Instant leafNotBefore;

    DistrustedRootException(X509Certificate root, Instant distrustAfter, X509Certificate leaf) {
        super("the server's certificate '" + leaf.getSubjectX500Principal().getName() + "' was issued on "
                + leaf.getNotBefore().toInstant() + " under the root '" + root.getSubjectX500Principal().getName()
                + "', which Mozilla distrusts for TLS server certificates issued after " + distrustAfter
                + " (CKA_NSS_SERVER_DISTRUST_AFTER)");
        this.root = root;
        this.distrustAfter = distrustAfter;
        this.leafNotBefore = leaf.getNotBefore().toInstant();
    }

    /** The distrusted root. */
    public X509Certificate root() {
        return root;
    }

    /** Certificates issued by the root after this instant are not trusted. */
    public Instant distrustAfter() {
        return distrustAfter;
    }

    /** When the server's certificate was issued (its notBefore). */
    public Instant leafNotBefore() {
        return leafNotBefore;
    }
}
