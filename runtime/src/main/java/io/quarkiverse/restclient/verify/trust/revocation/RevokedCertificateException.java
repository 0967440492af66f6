package io.quarkiverse.restclient.verify.trust.revocation;

import java.math.BigInteger;
import java.security.cert.CertificateException;
import java.time.Instant;

/**
 * A certificate of the validated path was revoked by its issuer. Carries what a person needs to act: which
 * certificate, when and why it was revoked, and who said so.
 */
public final class RevokedCertificateException extends CertificateException {

    private static final long serialVersionUID = 1L;

    private final String subject;
    private final BigInteger serialNumber;
    private final Instant revokedAt;
    private final String revocationReason;
    private final String source;
    private final boolean fromFile;

    /**
     * @param subject the revoked certificate's subject
     * @param serialNumber its serial number
     * @param revokedAt when it was revoked, or null when the source does not say
     * @param revocationReason the reason code in words, e.g. {@code key compromise}, or null when none was given
     * @param source who said so, e.g. {@code CRL file /certs/crl.pem (<the client's verify-crl property>)},
     *        {@code OCSP response stapled by the server} or {@code OCSP responder http://ocsp.example/}
     * @param fromFile whether the source is a CRL file of this client (then a stale file may be the cause)
     */
    public RevokedCertificateException(String subject, BigInteger serialNumber, Instant revokedAt,
            String revocationReason, String source, boolean fromFile) {
        super("certificate '" + subject + "' (serial " + serialNumber.toString(16) + ") was revoked"
                + (revokedAt == null ? "" : " on " + revokedAt)
                + (revocationReason == null ? "" : ", reason: " + revocationReason) + "; source: " + source);
        this.subject = subject;
        this.serialNumber = serialNumber;
        this.revokedAt = revokedAt;
        this.revocationReason = revocationReason;
        this.source = source;
        this.fromFile = fromFile;
    }

    /** The revoked certificate's subject. */
    public String subject() {
        return subject;
    }

    /** The revoked certificate's serial number. */
    public BigInteger serialNumber() {
        return serialNumber;
    }

    /** When it was revoked, or null when unknown. */
    public Instant revokedAt() {
        return revokedAt;
    }

    /** The reason code in words, or null when none was given. */
    public String revocationReason() {
        return revocationReason;
    }

    /** Who said it was revoked. */
    public String source() {
        return source;
    }

    /** Whether a CRL file of the client said so. */
    public boolean fromFile() {
        return fromFile;
    }
}
