package io.quarkiverse.restclient.verify.trust;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;

/**
 * Many distinct certificates cheaply: one shared key, each certificate really signed by its issuer with its own serial,
 * as a hostile server could present a new one on every handshake.
 */
public final class ManyIssued {

    private static final AtomicLong SERIAL = new AtomicLong(1_000_000);
    private static final KeyPair KEY = key();

    private ManyIssued() {
    }

    /** A certificate issued by the CA with a serial no other certificate of this class has, and these extensions. */
    public static X509Certificate issue(CertificateAuthority ca, String commonName, List<Extension> extensions) {
        return issue(ca, new X500Principal("CN=" + commonName), Duration.ofDays(30), extensions);
    }

    /** A certificate with this subject and validity, issued by the CA. */
    public static X509Certificate issue(CertificateAuthority ca, X500Principal subject, Duration validity,
            List<Extension> extensions) {
        try {
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(ca.certificate(),
                    BigInteger.valueOf(SERIAL.getAndIncrement()), Date.from(now.minus(Duration.ofMinutes(5))),
                    Date.from(now.plus(validity)), subject, KEY.getPublic());
            for (Extension extension : extensions) {
                builder.addExtension(extension);
            }
            String algorithm = "RSA".equals(ca.privateKey().getAlgorithm()) ? "SHA256withRSA" : "SHA256withECDSA";
            return new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder(algorithm).build(ca.privateKey())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair key() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
