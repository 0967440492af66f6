package io.quarkiverse.restclient.verify.trust;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Certificates with exactly the names, serials and dates a test needs, which the test PKI does not expose. */
public final class NamedCertificates {

    /** One key pair for all: these tests are about names and files, not about keys. */
    public static final KeyPair KEYS = generate();

    private NamedCertificates() {
    }

    public static X509Certificate certificate(X500Principal subject, X500Principal issuer, long serial, Instant notBefore,
            Instant notAfter) {
        try {
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(serial),
                    Date.from(notBefore), Date.from(notAfter), subject, KEYS.getPublic());
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(KEYS.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A certificate for someone else's public key, with the given extended key usages (none: no extension). */
    public static X509Certificate certificateFor(PublicKey subjectKey, String subject, Instant notBefore, Instant notAfter,
            KeyPurposeId... usages) {
        try {
            X500Principal name = new X500Principal(subject);
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    new X500Principal("CN=Named Test CA"), BigInteger.valueOf(System.nanoTime()), Date.from(notBefore),
                    Date.from(notAfter), name, subjectKey);
            if (usages.length > 0) {
                builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(usages));
            }
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(KEYS.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(256);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
