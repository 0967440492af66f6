package io.quarkiverse.restclient.verify.trust;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.function.UnaryOperator;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v1CertificateBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v1CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates for the conformance table, made with Bouncy Castle field by field: each case starts from a chain as
 * public CAs issue it and changes one thing. Keys are cached per kind, since only the structure is under test.
 */
public final class ConformanceCertificates {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final KeyPair EC_256 = generate("EC", 256);
    private static final KeyPair EC_256_B = generate("EC", 256);
    private static final KeyPair EC_256_C = generate("EC", 256);
    private static final KeyPair EC_384 = generate("EC", 384);

    private ConformanceCertificates() {
    }

    public static KeyPair generate(String algorithm, int size) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (algorithm.equals("EC")) {
                generator.initialize(new ECGenParameterSpec(size == 384 ? "secp384r1"
                        : size == 521 ? "secp521r1"
                                : "secp256r1"),
                        RANDOM);
            } else {
                generator.initialize(size, RANDOM);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A certificate being made, with the defaults of a public CA's certificate of its kind. */
    public static final class Spec {
        public String subject;
        public boolean ca;
        public Integer pathLength;
        public Integer keyUsage;
        boolean keyUsageCritical = true;
        public List<KeyPurposeId> extendedKeyUsage;
        List<String> dnsNames = new ArrayList<>();
        public List<String> ipAddresses = new ArrayList<>();
        public boolean sanCritical;
        public boolean basicConstraints = true;
        public boolean authorityKeyId = true;
        public byte[] authorityKeyIdValue;
        public boolean subjectKeyId = true;
        public BigInteger serial = new BigInteger(127, RANDOM).setBit(120);
        public Duration validity;
        public Instant notBefore = Instant.now().minus(Duration.ofHours(1));
        public KeyPair keys = EC_256;
        public String signatureAlgorithm;
        public boolean version1;
        public List<Extension> extensions = new ArrayList<>();

        public Spec with(UnaryOperator<Spec> change) {
            return change.apply(this);
        }
    }

    /** A root CA: ECDSA P-384, critical basic constraints, keyCertSign and cRLSign. */
    public static Spec root(String name) {
        Spec spec = new Spec();
        spec.subject = "CN=" + name + ", O=Conformance, C=US";
        spec.ca = true;
        spec.keyUsage = KeyUsage.keyCertSign | KeyUsage.cRLSign;
        spec.validity = Duration.ofDays(9000);
        spec.keys = EC_384;
        spec.authorityKeyId = false;
        return spec;
    }

    /** An issuing CA: path length 0, serverAuth and clientAuth, as public CAs issue them now. */
    public static Spec intermediate(String name) {
        Spec spec = new Spec();
        spec.subject = "CN=" + name + ", O=Conformance, C=US";
        spec.ca = true;
        spec.pathLength = 0;
        spec.keyUsage = KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature;
        spec.extendedKeyUsage = List.of(KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth);
        spec.validity = Duration.ofDays(1825);
        spec.keys = EC_256_B;
        return spec;
    }

    /** A server certificate for these DNS names, the first also its CN, valid 90 days. */
    public static Spec leaf(String... dnsNames) {
        Spec spec = new Spec();
        spec.subject = dnsNames.length == 0 ? "CN=server" : "CN=" + dnsNames[0];
        spec.keyUsage = KeyUsage.digitalSignature;
        spec.extendedKeyUsage = List.of(KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth);
        spec.dnsNames = new ArrayList<>(List.of(dnsNames));
        spec.validity = Duration.ofDays(90);
        spec.keys = EC_256_C;
        return spec;
    }

    /** A certificate issued by this issuer (null: self-signed). */
    public record Issued(X509Certificate certificate, PrivateKey key) {
    }

    public static Issued issue(Spec spec, Issued issuer) {
        try {
            X500Name subject = new X500Name(new X500Principal(spec.subject).getName(X500Principal.RFC2253));
            X500Name issuerName = issuer == null ? subject
                    : X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded());
            PublicKey issuerKey = issuer == null ? spec.keys.getPublic() : issuer.certificate().getPublicKey();
            PrivateKey signingKey = issuer == null ? spec.keys.getPrivate() : issuer.key();
            Date from = Date.from(spec.notBefore);
            Date to = Date.from(spec.notBefore.plus(spec.validity));
            String algorithm = spec.signatureAlgorithm != null ? spec.signatureAlgorithm
                    : signingKey.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
            JcaContentSignerBuilder signer = new JcaContentSignerBuilder(algorithm);
            if (spec.version1) {
                X509v1CertificateBuilder builder = new JcaX509v1CertificateBuilder(issuerName, spec.serial, from, to,
                        subject, spec.keys.getPublic());
                return new Issued(new JcaX509CertificateConverter().getCertificate(builder.build(signer.build(
                        signingKey))), spec.keys.getPrivate());
            }
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuerName, spec.serial, from, to,
                    subject, spec.keys.getPublic());
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            if (spec.basicConstraints) {
                builder.addExtension(Extension.basicConstraints, true, spec.ca
                        ? spec.pathLength == null ? new BasicConstraints(true) : new BasicConstraints(spec.pathLength)
                        : new BasicConstraints(false));
            }
            if (spec.keyUsage != null) {
                builder.addExtension(Extension.keyUsage, spec.keyUsageCritical, new KeyUsage(spec.keyUsage));
            }
            if (spec.extendedKeyUsage != null) {
                builder.addExtension(Extension.extendedKeyUsage, false,
                        new ExtendedKeyUsage(spec.extendedKeyUsage.toArray(new KeyPurposeId[0])));
            }
            if (spec.subjectKeyId) {
                builder.addExtension(Extension.subjectKeyIdentifier, false,
                        utils.createSubjectKeyIdentifier(spec.keys.getPublic()));
            }
            if (spec.authorityKeyIdValue != null) {
                builder.addExtension(Extension.authorityKeyIdentifier, false,
                        new AuthorityKeyIdentifier(spec.authorityKeyIdValue));
            } else if (spec.authorityKeyId) {
                builder.addExtension(Extension.authorityKeyIdentifier, false,
                        utils.createAuthorityKeyIdentifier(issuerKey));
            }
            List<GeneralName> names = new ArrayList<>();
            spec.dnsNames.forEach(name -> names.add(new GeneralName(GeneralName.dNSName, name)));
            spec.ipAddresses.forEach(address -> names.add(new GeneralName(GeneralName.iPAddress, address)));
            if (!names.isEmpty()) {
                builder.addExtension(Extension.subjectAlternativeName, spec.sanCritical,
                        new GeneralNames(names.toArray(new GeneralName[0])));
            }
            for (Extension extension : spec.extensions) {
                builder.addExtension(extension);
            }
            return new Issued(new JcaX509CertificateConverter().getCertificate(builder.build(signer.build(signingKey))),
                    spec.keys.getPrivate());
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot issue " + spec.subject, e);
        }
    }

    /** An extension with an OID no one knows, critical or not. */
    public static Extension unknownExtension(boolean critical) {
        try {
            return new Extension(new ASN1ObjectIdentifier("1.3.6.1.4.1.55555.1.1"), critical,
                    new DEROctetString(new byte[] { 5, 0 }).getEncoded());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The signed certificate timestamp list extension, as public CAs embed it (content not checked here). */
    public static Extension sctList() {
        try {
            byte[] list = new byte[64];
            RANDOM.nextBytes(list);
            return new Extension(new ASN1ObjectIdentifier("1.3.6.1.4.1.11129.2.4.2"), false,
                    new DEROctetString(new DEROctetString(list).getEncoded()).getEncoded());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
