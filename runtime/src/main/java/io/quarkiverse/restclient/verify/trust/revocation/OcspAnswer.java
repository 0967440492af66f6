package io.quarkiverse.restclient.verify.trust.revocation;

import java.io.IOException;
import java.math.BigInteger;
import java.security.cert.CRLReason;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.CertException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * What an OCSP response says about one certificate, after checking that the certificate's issuer (or a responder
 * it delegated to) signed it and that it is current.
 *
 * @param status the certificate's status
 * @param revokedAt when it was revoked, for {@link Status#REVOKED}
 * @param reason the revocation reason in words, or null
 * @param thisUpdate when the responder vouched for the status
 * @param nextUpdate until when the answer may be used, or null when the responder does not say
 */
record OcspAnswer(Status status, Instant revokedAt, String reason, Instant thisUpdate, Instant nextUpdate) {

    /** Clocks of client and responder differ; RFC 6960 leaves the tolerance to the client. */
    static final Duration SKEW = Duration.ofMinutes(5);
    /**
     * How long an answer without nextUpdate ("newer information is always available", RFC 6960) is used after its
     * thisUpdate: the JDK's own stapling server keeps such an answer for an hour ({@code jdk.tls.stapling.cacheLifetime}),
     * and a replayed old answer must not outlive that.
     */
    static final Duration MAX_AGE_WITHOUT_NEXT_UPDATE = Duration.ofHours(1);

    /** A certificate's status according to its responder. */
    enum Status {
        GOOD,
        REVOKED,
        UNKNOWN
    }

    /** An OCSP response that cannot be used: malformed, unsigned by the right key, stale or about another certificate. */
    static final class Unusable extends Exception {
        private static final long serialVersionUID = 1L;

        Unusable(String message) {
            super(message);
        }
    }

    /** Until when this answer may be used: its nextUpdate, or a short while after its thisUpdate when it has none. */
    Instant usableUntil() {
        return nextUpdate != null ? nextUpdate.plus(SKEW) : thisUpdate.plus(MAX_AGE_WITHOUT_NEXT_UPDATE).plus(SKEW);
    }

    /** Why this answer cannot be used at this instant, or null when it can. */
    String staleness(Instant now) {
        if (!now.isAfter(usableUntil())) {
            return null;
        }
        return nextUpdate != null ? "the response expired on " + nextUpdate
                : "the response has no nextUpdate and was produced at " + thisUpdate + ", more than "
                        + MAX_AGE_WITHOUT_NEXT_UPDATE.toMinutes() + " minutes ago; an answer that does not say how long"
                        + " it holds counts only while it is recent";
    }

    /** The encoded OCSP request for one certificate, without a nonce so that answers can be cached. */
    static byte[] request(X509Certificate certificate, X509Certificate issuer) throws Unusable {
        try {
            return new OCSPReqBuilder().addRequest(id(certificate, issuer)).build().getEncoded();
        } catch (OCSPException | IOException e) {
            throw new Unusable("cannot build an OCSP request: " + e.getMessage());
        }
    }

    /** Reads a DER OCSP response about the certificate. */
    static OcspAnswer read(byte[] encoded, X509Certificate certificate, X509Certificate issuer, Instant now)
            throws Unusable {
        try {
            OCSPResp response = new OCSPResp(encoded);
            if (response.getStatus() != OCSPResp.SUCCESSFUL) {
                throw new Unusable("the responder answered with error status " + response.getStatus());
            }
            Object object = response.getResponseObject();
            if (!(object instanceof BasicOCSPResp)) {
                throw new Unusable("the response is not a basic OCSP response");
            }
            BasicOCSPResp basic = (BasicOCSPResp) object;
            X509CertificateHolder issuerHolder = new JcaX509CertificateHolder(issuer);
            if (!signedByIssuerOrDelegate(basic, issuerHolder, now)) {
                throw new Unusable("the response is not signed by '" + issuer.getSubjectX500Principal().getName()
                        + "' or a responder it authorised");
            }
            DigestCalculatorProvider digests = new JcaDigestCalculatorProviderBuilder().build();
            BigInteger serial = certificate.getSerialNumber();
            for (SingleResp single : basic.getResponses()) {
                CertificateID id = single.getCertID();
                if (!id.getSerialNumber().equals(serial) || !id.matchesIssuer(issuerHolder, digests)) {
                    continue;
                }
                Instant thisUpdate = single.getThisUpdate().toInstant();
                Date next = single.getNextUpdate();
                if (thisUpdate.isAfter(now.plus(SKEW))) {
                    throw new Unusable("the response is dated in the future (" + thisUpdate + ")");
                }
                Instant nextUpdate = next == null ? null : next.toInstant();
                Object status = single.getCertStatus();
                OcspAnswer answer;
                if (status == CertificateStatus.GOOD) {
                    answer = new OcspAnswer(Status.GOOD, null, null, thisUpdate, nextUpdate);
                } else if (status instanceof RevokedStatus) {
                    RevokedStatus revoked = (RevokedStatus) status;
                    String reason = null;
                    if (revoked.hasRevocationReason()) {
                        int code = revoked.getRevocationReason();
                        reason = code >= 0 && code < CRLReason.values().length
                                ? CrlSet.words(CRLReason.values()[code].name())
                                : "reason code " + code;
                    }
                    answer = new OcspAnswer(Status.REVOKED, revoked.getRevocationTime().toInstant(), reason,
                            thisUpdate, nextUpdate);
                } else {
                    answer = new OcspAnswer(Status.UNKNOWN, null, null, thisUpdate, nextUpdate);
                }
                String stale = answer.staleness(now);
                if (stale != null) {
                    throw new Unusable(stale);
                }
                return answer;
            }
            throw new Unusable("the response says nothing about serial " + serial.toString(16));
        } catch (IOException | OCSPException | OperatorCreationException | CertificateException e) {
            throw new Unusable("the response cannot be read: " + e.getMessage());
        }
    }

    private static boolean signedByIssuerOrDelegate(BasicOCSPResp basic, X509CertificateHolder issuer, Instant now)
            throws OperatorCreationException, CertificateException {
        JcaContentVerifierProviderBuilder verifiers = new JcaContentVerifierProviderBuilder();
        try {
            if (basic.isSignatureValid(verifiers.build(issuer))) {
                return true;
            }
        } catch (OCSPException | CertificateException | RuntimeException e) {
            // Not the issuer's signature: a delegated responder may have signed.
        }
        for (X509CertificateHolder responder : basic.getCerts()) {
            try {
                boolean delegated = responder.getIssuer().equals(issuer.getSubject())
                        && responder.isSignatureValid(verifiers.build(issuer))
                        && responder.isValidOn(Date.from(now))
                        && ExtendedKeyUsage.fromExtensions(responder.getExtensions()) != null
                        && ExtendedKeyUsage.fromExtensions(responder.getExtensions())
                                .hasKeyPurposeId(KeyPurposeId.id_kp_OCSPSigning);
                if (delegated && basic.isSignatureValid(verifiers.build(responder))) {
                    return true;
                }
            } catch (CertException | OCSPException | CertificateException | RuntimeException e) {
                // Not a usable delegate; try the next one.
            }
        }
        return false;
    }

    private static CertificateID id(X509Certificate certificate, X509Certificate issuer) throws Unusable {
        try {
            DigestCalculatorProvider digests = new JcaDigestCalculatorProviderBuilder().build();
            return new CertificateID(digests.get(CertificateID.HASH_SHA1), new JcaX509CertificateHolder(issuer),
                    certificate.getSerialNumber());
        } catch (OperatorCreationException | OCSPException | CertificateEncodingException e) {
            throw new Unusable("cannot identify the certificate for OCSP: " + e.getMessage());
        }
    }
}
