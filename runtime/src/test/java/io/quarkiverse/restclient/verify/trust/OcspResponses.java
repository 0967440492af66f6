package io.quarkiverse.restclient.verify.trust;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPResponse;
import org.bouncycastle.asn1.ocsp.OCSPResponseStatus;
import org.bouncycastle.asn1.ocsp.ResponseBytes;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.jcajce.JcaBasicOCSPRespBuilder;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;

/**
 * OCSP responses as a responder, a delegated responder or a forger makes them: any status, dates, signer, attached
 * certificates and certificate ID, at whole seconds (OCSP times have no fractions).
 */
public final class OcspResponses {

    private OcspResponses() {
    }

    /** A signing key and its certificate, e.g. a delegated OCSP responder. */
    public record Signer(PrivateKey key, X509Certificate certificate) {
    }

    /** A response about the certificate, by default GOOD, signed by its issuer, current from now-1m to now+1h. */
    public static Builder about(X509Certificate certificate, CertificateAuthority issuer, Instant now) {
        return new Builder(certificate, issuer, now);
    }

    /** A response with this error status and no body, e.g. {@link OCSPRespBuilder#TRY_LATER}. */
    public static byte[] error(int status) {
        try {
            return new OCSPRespBuilder().build(status, null).getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A SUCCESSFUL response whose body is of another type than a basic OCSP response. */
    public static byte[] notBasic() {
        try {
            return new OCSPResp(new OCSPResponse(new OCSPResponseStatus(OCSPResponseStatus.SUCCESSFUL),
                    new ResponseBytes(new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.7"),
                            new DEROctetString(new byte[] { 5, 0 }))))
                    .getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A responder certificate issued by the CA with this extended key usage (none when null) and validity: what a CA
     * gives the responder it delegates OCSP signing to (RFC 6960, 4.2.2.2).
     */
    public static Signer delegate(CertificateAuthority ca, KeyPurposeId usage, Instant notBefore, Instant notAfter) {
        return signer(ca.certificate().getSubjectX500Principal(), ca.privateKey(), usage, notBefore, notAfter);
    }

    /** A responder certificate that names the CA as its issuer but is signed by another key. */
    public static Signer forgedDelegate(CertificateAuthority ca, Instant notBefore, Instant notAfter) {
        return signer(ca.certificate().getSubjectX500Principal(), newKeys().getPrivate(),
                KeyPurposeId.id_kp_OCSPSigning, notBefore, notAfter);
    }

    /**
     * A responder certificate signed with the CA's key but naming another CA as its issuer: not issued "directly by
     * the CA" in the sense of RFC 6960, 4.2.2.2.
     */
    public static Signer delegateUnderAnotherName(CertificateAuthority ca, CertificateAuthority named, Instant notBefore,
            Instant notAfter) {
        return signer(named.certificate().getSubjectX500Principal(), ca.privateKey(),
                KeyPurposeId.id_kp_OCSPSigning, notBefore, notAfter);
    }

    private static Signer signer(X500Principal issuer, PrivateKey issuerKey, KeyPurposeId usage, Instant notBefore,
            Instant notAfter) {
        try {
            KeyPair keys = newKeys();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
                    BigInteger.valueOf(System.nanoTime()), Date.from(notBefore), Date.from(notAfter),
                    new X500Principal("CN=Delegated OCSP Responder " + System.nanoTime()), keys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            if (usage != null) {
                builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(usage));
            }
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(algorithm(issuerKey)).build(issuerKey)));
            return new Signer(keys.getPrivate(), certificate);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static KeyPair newKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String algorithm(PrivateKey key) {
        return "RSA".equals(key.getAlgorithm()) ? "SHA256withRSA" : "SHA256withECDSA";
    }

    /** One response, built step by step. */
    public static final class Builder {
        private final X509Certificate certificate;
        private X509Certificate idIssuer;
        private BigInteger serial;
        private PrivateKey signingKey;
        private X509Certificate[] attached = new X509Certificate[0];
        private CertificateStatus status = CertificateStatus.GOOD;
        private Instant thisUpdate;
        private Instant nextUpdate;
        private boolean otherFirst;

        private Builder(X509Certificate certificate, CertificateAuthority issuer, Instant now) {
            this.certificate = certificate;
            this.idIssuer = issuer.certificate();
            this.serial = certificate.getSerialNumber();
            this.signingKey = issuer.privateKey();
            this.thisUpdate = now.minusSeconds(60);
            this.nextUpdate = now.plusSeconds(3600);
        }

        /** The status in the answer, e.g. a {@code RevokedStatus}. */
        public Builder status(CertificateStatus value) {
            this.status = value;
            return this;
        }

        /** When the responder vouched for the status. */
        public Builder thisUpdate(Instant value) {
            this.thisUpdate = value;
            return this;
        }

        /** Until when the answer holds; null for none. */
        public Builder nextUpdate(Instant value) {
            this.nextUpdate = value;
            return this;
        }

        /** The answer is signed by this key, and carries these certificates. */
        public Builder signedBy(PrivateKey key, X509Certificate... certificates) {
            this.signingKey = key;
            this.attached = certificates;
            return this;
        }

        /** The answer carries these certificates, whoever signed it. */
        public Builder attach(X509Certificate... certificates) {
            this.attached = certificates;
            return this;
        }

        /** The certificate ID names this issuer instead of the real one. */
        public Builder idIssuer(X509Certificate issuer) {
            this.idIssuer = issuer;
            return this;
        }

        /** The certificate ID names this serial instead of the certificate's. */
        public Builder serial(BigInteger value) {
            this.serial = value;
            return this;
        }

        /** Before the answer about the certificate, the response answers for another serial of the same issuer. */
        public Builder anotherSerialFirst() {
            this.otherFirst = true;
            return this;
        }

        public byte[] build() {
            try {
                DigestCalculatorProvider digests = new JcaDigestCalculatorProviderBuilder().build();
                X509CertificateHolder issuerHolder = new JcaX509CertificateHolder(idIssuer);
                BasicOCSPRespBuilder builder = new JcaBasicOCSPRespBuilder(idIssuer.getPublicKey(),
                        digests.get(CertificateID.HASH_SHA1));
                if (otherFirst) {
                    builder.addResponse(new CertificateID(digests.get(CertificateID.HASH_SHA1), issuerHolder,
                            serial.add(BigInteger.ONE)),
                            new RevokedStatus(
                                    Date.from(thisUpdate), 1),
                            Date.from(thisUpdate), Date.from(thisUpdate.plusSeconds(60)));
                }
                builder.addResponse(new CertificateID(digests.get(CertificateID.HASH_SHA1), issuerHolder, serial),
                        status, Date.from(thisUpdate), nextUpdate == null ? null : Date.from(nextUpdate));
                X509CertificateHolder[] chain = new X509CertificateHolder[attached.length];
                for (int i = 0; i < attached.length; i++) {
                    chain[i] = new JcaX509CertificateHolder(attached[i]);
                }
                BasicOCSPResp basic = builder.build(new JcaContentSignerBuilder(algorithm(signingKey))
                        .build(signingKey), chain, Date.from(thisUpdate));
                return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic).getEncoded();
            } catch (Exception e) {
                throw new IllegalStateException("cannot build an OCSP response", e);
            }
        }
    }
}
