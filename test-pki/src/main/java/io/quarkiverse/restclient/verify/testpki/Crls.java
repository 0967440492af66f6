package io.quarkiverse.restclient.verify.testpki;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Certificate revocation lists signed by a test CA. */
public final class Crls {

    private Crls() {
    }

    /** A CRL of the CA, current for a day, revoking these certificates (reason: key compromise). */
    public static X509CRL issue(CertificateAuthority ca, X509Certificate... revoked) {
        return issue(ca, Instant.now().minus(Duration.ofMinutes(5)), Instant.now().plus(Duration.ofDays(1)), revoked);
    }

    /** A CRL of the CA with this validity, e.g. one whose nextUpdate has passed. */
    public static X509CRL issue(CertificateAuthority ca, Instant thisUpdate, Instant nextUpdate,
            X509Certificate... revoked) {
        try {
            X509v2CRLBuilder builder = new JcaX509v2CRLBuilder(ca.certificate().getSubjectX500Principal(),
                    Date.from(thisUpdate));
            builder.setNextUpdate(Date.from(nextUpdate));
            for (X509Certificate certificate : revoked) {
                builder.addCRLEntry(certificate.getSerialNumber(), Date.from(thisUpdate), CRLReason.keyCompromise);
            }
            builder.addCRLEntry(BigInteger.valueOf(999_999), Date.from(thisUpdate), CRLReason.superseded);
            String algorithm = "RSA".equals(ca.privateKey().getAlgorithm()) ? "SHA256withRSA" : "SHA256withECDSA";
            return new JcaX509CRLConverter()
                    .getCRL(builder.build(new JcaContentSignerBuilder(algorithm).build(ca.privateKey())));
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot issue a CRL", e);
        }
    }

    /** The CRL in PEM form. */
    public static String pem(X509CRL crl) {
        try {
            return "-----BEGIN X509 CRL-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(crl.getEncoded())
                    + "\n-----END X509 CRL-----\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
