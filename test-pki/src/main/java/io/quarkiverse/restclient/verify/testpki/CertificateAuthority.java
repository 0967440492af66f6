package io.quarkiverse.restclient.verify.testpki;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate authority made for one test run: a root or an intermediate, able to issue further CAs and server
 * and client certificates. EC P-256 keys by default, because they are fast to generate. Instances are immutable:
 * {@link #withKeyType(KeyType)} and {@link #withSignatureAlgorithm(String)} return a copy that issues differently.
 */
public final class CertificateAuthority {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final X509Certificate certificate;
    private final PrivateKey privateKey;
    private final List<X509Certificate> chainToRoot;
    /** Key type of the certificates this CA issues, not necessarily its own. */
    private final KeyType keyType;
    /** Null: the usual SHA-256 algorithm for this CA's own key. */
    private final String signatureAlgorithm;
    /** Extensions added to every certificate this CA issues, e.g. where to ask for their revocation status. */
    private final List<Extension> extensions;

    private CertificateAuthority(X509Certificate certificate, PrivateKey privateKey, List<X509Certificate> chainToRoot,
            KeyType keyType, String signatureAlgorithm) {
        this(certificate, privateKey, chainToRoot, keyType, signatureAlgorithm, List.of());
    }

    private CertificateAuthority(X509Certificate certificate, PrivateKey privateKey, List<X509Certificate> chainToRoot,
            KeyType keyType, String signatureAlgorithm, List<Extension> extensions) {
        this.certificate = certificate;
        this.privateKey = privateKey;
        this.chainToRoot = List.copyOf(chainToRoot);
        this.keyType = keyType;
        this.signatureAlgorithm = signatureAlgorithm;
        this.extensions = List.copyOf(extensions);
    }

    /** A copy of this CA whose issued certificates name this OCSP responder (authority information access). */
    public CertificateAuthority withOcspResponder(URI responder) {
        return withExtension(RevocationExtensions.ocspResponder(responder));
    }

    /** A copy of this CA whose issued certificates name this CRL distribution point. */
    public CertificateAuthority withCrlDistributionPoint(URI crl) {
        return withExtension(RevocationExtensions.crlDistributionPoint(crl));
    }

    /**
     * A copy of this CA that adds this extension to every certificate it issues, e.g. name constraints for the CAs it
     * issues; an extension the CA already writes (such as subject alternative names on a leaf) must not be repeated.
     */
    public CertificateAuthority withIssuedExtension(Extension extension) {
        return withExtension(extension);
    }

    private CertificateAuthority withExtension(Extension extension) {
        List<Extension> more = new ArrayList<>(extensions);
        more.add(extension);
        return new CertificateAuthority(certificate, privateKey, chainToRoot, keyType, signatureAlgorithm, more);
    }

    /** The key types the tests need. */
    public enum KeyType {
        /** EC on P-256, signed with SHA256withECDSA. */
        EC_P256,
        /** RSA 2048, signed with SHA256withRSA. */
        RSA_2048,
        /** EC on P-384; a CA of this type signs with SHA256withECDSA. */
        EC_P384,
        /** Ed25519, signed with Ed25519. */
        ED25519
    }

    /** A CA from its parts, e.g. as read back from files; it issues keys of its own key's type. */
    public static CertificateAuthority of(X509Certificate certificate, PrivateKey privateKey,
            List<X509Certificate> chainToRoot) {
        return new CertificateAuthority(certificate, privateKey, chainToRoot, typeOf(privateKey), null);
    }

    /** A self-signed root CA valid from an hour ago for ten years. */
    public static CertificateAuthority root(String commonName) {
        return root(commonName, Instant.now().minus(Duration.ofHours(1)), Instant.now().plus(Duration.ofDays(3650)));
    }

    /** A self-signed root CA with keys of this type (its own and those it issues), valid for ten years. */
    public static CertificateAuthority root(String commonName, KeyType keyType) {
        return root(commonName, Instant.now().minus(Duration.ofHours(1)), Instant.now().plus(Duration.ofDays(3650)),
                keyType, null);
    }

    /** A self-signed root CA with exactly this subject, e.g. one that imitates a public CA's name. */
    public static CertificateAuthority rootNamed(X500Principal subject) {
        KeyPair keys = generate(KeyType.EC_P256);
        Instant now = Instant.now();
        X509Certificate certificate = sign(subject, keys.getPublic(), subject, keys.getPublic(), keys.getPrivate(), null,
                now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(3650)), Kind.CA, List.of(), List.of());
        return new CertificateAuthority(certificate, keys.getPrivate(), List.of(certificate), KeyType.EC_P256, null);
    }

    /**
     * A self-signed root CA with exactly this subject and validity: with the subject of another root it is that root
     * renewed (a new key under the same name), as CAs do when a root expires.
     */
    public static CertificateAuthority rootNamed(X500Principal subject, Instant notBefore, Instant notAfter) {
        KeyPair keys = generate(KeyType.EC_P256);
        X509Certificate certificate = sign(subject, keys.getPublic(), subject, keys.getPublic(), keys.getPrivate(), null,
                notBefore, notAfter, Kind.CA, List.of(), List.of());
        return new CertificateAuthority(certificate, keys.getPrivate(), List.of(certificate), KeyType.EC_P256, null);
    }

    /**
     * A cross-certificate: the other CA's subject and public key, signed by this CA, so that chains under the other CA
     * also lead to this one (as a new root is cross-signed by an established one).
     */
    public X509Certificate crossSign(CertificateAuthority other) {
        X509Certificate subject = other.certificate();
        return sign(subject.getSubjectX500Principal(), subject.getPublicKey(), certificate.getSubjectX500Principal(),
                certificate.getPublicKey(), privateKey, signatureAlgorithm, Instant.now().minus(Duration.ofHours(1)),
                Instant.now().plus(Duration.ofDays(1825)), Kind.CA, List.of(), List.of());
    }

    /**
     * A self-signed root CA valid for ten years whose own certificate carries these extensions too, e.g. name
     * constraints of its own, which the JDK ignores on a trust anchor.
     */
    public static CertificateAuthority rootWithExtensions(String commonName, List<Extension> ownExtensions) {
        KeyPair keys = generate(KeyType.EC_P256);
        X500Principal subject = name(commonName);
        Instant now = Instant.now();
        X509Certificate certificate = sign(subject, keys.getPublic(), subject, keys.getPublic(), keys.getPrivate(), null,
                now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(3650)), Kind.CA, List.of(), List.of(),
                ownExtensions);
        return new CertificateAuthority(certificate, keys.getPrivate(), List.of(certificate), KeyType.EC_P256, null);
    }

    /** A self-signed root CA with the given validity. */
    public static CertificateAuthority root(String commonName, Instant notBefore, Instant notAfter) {
        return root(commonName, notBefore, notAfter, KeyType.EC_P256, null);
    }

    /**
     * A self-signed root CA with the given key type, its own certificate signed with the given algorithm (null: the
     * key type's SHA-256 default). What it issues is signed with the default unless {@link #withSignatureAlgorithm}.
     */
    public static CertificateAuthority root(String commonName, Instant notBefore, Instant notAfter, KeyType keyType,
            String signatureAlgorithm) {
        KeyPair keys = generate(keyType);
        X500Principal subject = name(commonName);
        X509Certificate certificate = sign(subject, keys.getPublic(), subject, keys.getPublic(), keys.getPrivate(),
                signatureAlgorithm, notBefore, notAfter, Kind.CA, List.of(), List.of());
        return new CertificateAuthority(certificate, keys.getPrivate(), List.of(certificate), keyType, null);
    }

    /** A copy of this CA whose issued certificates (CAs and leaves) get keys of this type. */
    public CertificateAuthority withKeyType(KeyType type) {
        return new CertificateAuthority(certificate, privateKey, chainToRoot, type, signatureAlgorithm, extensions);
    }

    /**
     * A copy of this CA that signs what it issues with this JCA algorithm, e.g. {@code SHA1withRSA} or
     * {@code MD5withRSA}; it must suit this CA's own key. Null restores the SHA-256 default.
     */
    public CertificateAuthority withSignatureAlgorithm(String algorithm) {
        return new CertificateAuthority(certificate, privateKey, chainToRoot, keyType, algorithm, extensions);
    }

    /** The key type of the certificates this CA issues. */
    public KeyType keyType() {
        return keyType;
    }

    /** An intermediate CA signed by this one, valid for five years. */
    public CertificateAuthority intermediate(String commonName) {
        return intermediate(commonName, Instant.now().minus(Duration.ofHours(1)), Instant.now().plus(Duration.ofDays(1825)));
    }

    /** An intermediate CA signed by this one with the given validity. */
    public CertificateAuthority intermediate(String commonName, Instant notBefore, Instant notAfter) {
        KeyPair keys = generate(keyType);
        X509Certificate issued = sign(name(commonName), keys.getPublic(), certificate.getSubjectX500Principal(),
                certificate.getPublicKey(), privateKey, signatureAlgorithm, notBefore, notAfter, Kind.CA, List.of(),
                List.of(), extensions);
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(issued);
        chain.addAll(chainToRoot);
        // The signature algorithm belongs to the signer, so the new CA starts again from the default.
        return new CertificateAuthority(issued, keys.getPrivate(), chain, keyType, null);
    }

    /**
     * An intermediate CA signed by this one, valid for five years, whose Authority Information Access extension
     * names these caIssuers URLs (where this CA's own certificate can be fetched).
     */
    public CertificateAuthority intermediate(String commonName, List<String> caIssuers) {
        KeyPair keys = generate(keyType);
        X509Certificate issued = sign(name(commonName), keys.getPublic(), certificate.getSubjectX500Principal(),
                certificate.getPublicKey(), privateKey, signatureAlgorithm, Instant.now().minus(Duration.ofHours(1)),
                Instant.now().plus(Duration.ofDays(1825)), Kind.CA, List.of(), List.of(), caIssuersExtension(caIssuers));
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(issued);
        chain.addAll(chainToRoot);
        return new CertificateAuthority(issued, keys.getPrivate(), chain, keyType, null);
    }

    /**
     * A server certificate valid for a year whose Authority Information Access extension names these caIssuers URLs,
     * as public CAs issue them: where a client can fetch this CA's certificate when a server leaves it out.
     */
    public IssuedCertificate server(String commonName, List<String> dnsNames, List<String> ipAddresses,
            List<String> caIssuers) {
        KeyPair keys = generate(keyType);
        X509Certificate issued = sign(name(commonName), keys.getPublic(), certificate.getSubjectX500Principal(),
                certificate.getPublicKey(), privateKey, signatureAlgorithm, Instant.now().minus(Duration.ofHours(1)),
                Instant.now().plus(Duration.ofDays(365)), Kind.SERVER, dnsNames, ipAddresses,
                caIssuersExtension(caIssuers));
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(issued);
        chain.addAll(chainToRoot.subList(0, chainToRoot.size() - 1));
        return new IssuedCertificate(issued, keys.getPrivate(), chain, this);
    }

    /** A server certificate valid from an hour ago for a year. */
    public IssuedCertificate server(String commonName, List<String> dnsNames, List<String> ipAddresses) {
        return server(commonName, dnsNames, ipAddresses, Instant.now().minus(Duration.ofHours(1)),
                Instant.now().plus(Duration.ofDays(365)));
    }

    /** A server certificate with the given validity, e.g. expired or not yet valid. */
    public IssuedCertificate server(String commonName, List<String> dnsNames, List<String> ipAddresses,
            Instant notBefore, Instant notAfter) {
        return issue(commonName, dnsNames, ipAddresses, notBefore, notAfter, Kind.SERVER);
    }

    /** A server certificate signed with the given algorithm, e.g. {@code SHA1withECDSA}. */
    public IssuedCertificate server(String commonName, List<String> dnsNames, List<String> ipAddresses,
            String signatureAlgorithm) {
        return withSignatureAlgorithm(signatureAlgorithm).server(commonName, dnsNames, ipAddresses);
    }

    /** A client certificate (extended key usage clientAuth), valid for a year. */
    public IssuedCertificate client(String commonName) {
        return issue(commonName, List.of(), List.of(), Instant.now().minus(Duration.ofHours(1)),
                Instant.now().plus(Duration.ofDays(365)), Kind.CLIENT);
    }

    /** A client certificate with the given validity, e.g. one about to expire. */
    public IssuedCertificate client(String commonName, Instant notBefore, Instant notAfter) {
        return issue(commonName, List.of(), List.of(), notBefore, notAfter, Kind.CLIENT);
    }

    /** A self-signed server certificate (not a CA), as a developer's test server has. */
    public static IssuedCertificate selfSignedServer(String commonName, List<String> dnsNames,
            List<String> ipAddresses) {
        KeyPair keys = generate(KeyType.EC_P256);
        X500Principal subject = name(commonName);
        X509Certificate certificate = sign(subject, keys.getPublic(), subject, keys.getPublic(), keys.getPrivate(),
                null, Instant.now().minus(Duration.ofHours(1)), Instant.now().plus(Duration.ofDays(365)), Kind.SERVER,
                dnsNames, ipAddresses);
        return new IssuedCertificate(certificate, keys.getPrivate(), List.of(certificate), null);
    }

    private IssuedCertificate issue(String commonName, List<String> dnsNames, List<String> ipAddresses,
            Instant notBefore, Instant notAfter, Kind kind) {
        KeyPair keys = generate(keyType);
        X509Certificate issued = sign(name(commonName), keys.getPublic(), certificate.getSubjectX500Principal(),
                certificate.getPublicKey(), privateKey, signatureAlgorithm, notBefore, notAfter, kind, dnsNames,
                ipAddresses, extensions);
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(issued);
        // Intermediates only: a server does not send the root.
        chain.addAll(chainToRoot.subList(0, chainToRoot.size() - 1));
        return new IssuedCertificate(issued, keys.getPrivate(), chain, this);
    }

    /** This CA's certificate. */
    public X509Certificate certificate() {
        return certificate;
    }

    /** This CA's private key. */
    public PrivateKey privateKey() {
        return privateKey;
    }

    /** This CA's certificate followed by its issuers up to the root. */
    public List<X509Certificate> chainToRoot() {
        return chainToRoot;
    }

    private enum Kind {
        CA,
        SERVER,
        CLIENT
    }

    static X500Principal name(String commonName) {
        return new X500Principal("CN=" + commonName + ", O=Verify Tests");
    }

    private static KeyType typeOf(PrivateKey key) {
        if ("RSA".equals(key.getAlgorithm())) {
            return KeyType.RSA_2048;
        }
        if (key.getAlgorithm().startsWith("Ed")) {
            return KeyType.ED25519;
        }
        if (key instanceof ECPrivateKey && ((ECPrivateKey) key).getParams().getCurve().getField().getFieldSize() > 256) {
            return KeyType.EC_P384;
        }
        return KeyType.EC_P256;
    }

    private static KeyPair generate(KeyType type) {
        try {
            if (type == KeyType.RSA_2048) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048, RANDOM);
                return generator.generateKeyPair();
            }
            if (type == KeyType.ED25519) {
                return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            }
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec(type == KeyType.EC_P384 ? "secp384r1" : "secp256r1"), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An Authority Information Access extension naming these caIssuers URLs; none for an empty list. */
    private static List<Extension> caIssuersExtension(List<String> caIssuers) {
        if (caIssuers.isEmpty()) {
            return List.of();
        }
        try {
            return List.of(new Extension(Extension.authorityInfoAccess, false, new AuthorityInformationAccess(
                    caIssuers.stream().map(url -> new AccessDescription(AccessDescription.id_ad_caIssuers,
                            new GeneralName(GeneralName.uniformResourceIdentifier, url)))
                            .toArray(AccessDescription[]::new))
                    .getEncoded()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate sign(X500Principal subject, PublicKey subjectKey, X500Principal issuer,
            PublicKey issuerKey, PrivateKey signingKey, String signatureAlgorithm,
            Instant notBefore, Instant notAfter, Kind kind, List<String> dnsNames, List<String> ipAddresses) {
        return sign(subject, subjectKey, issuer, issuerKey, signingKey, signatureAlgorithm, notBefore, notAfter, kind,
                dnsNames, ipAddresses, List.of());
    }

    private static X509Certificate sign(X500Principal subject, PublicKey subjectKey, X500Principal issuer,
            PublicKey issuerKey, PrivateKey signingKey, String signatureAlgorithm,
            Instant notBefore, Instant notAfter, Kind kind, List<String> dnsNames, List<String> ipAddresses,
            List<Extension> extensions) {
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
                    new BigInteger(64, RANDOM).abs().add(BigInteger.ONE), Date.from(notBefore), Date.from(notAfter),
                    subject, subjectKey);
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(subjectKey));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    utils.createAuthorityKeyIdentifier(issuerKey));
            if (kind == Kind.CA) {
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
                builder.addExtension(Extension.keyUsage, true,
                        new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
            } else {
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                builder.addExtension(Extension.keyUsage, true,
                        new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
                builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                        kind == Kind.SERVER ? KeyPurposeId.id_kp_serverAuth : KeyPurposeId.id_kp_clientAuth));
                List<GeneralName> names = new ArrayList<>();
                for (String dns : dnsNames) {
                    names.add(new GeneralName(GeneralName.dNSName, dns));
                }
                for (String ip : ipAddresses) {
                    names.add(new GeneralName(GeneralName.iPAddress, ip));
                }
                if (!names.isEmpty()) {
                    builder.addExtension(Extension.subjectAlternativeName, false,
                            new GeneralNames(names.toArray(new GeneralName[0])));
                }
            }
            for (Extension extension : extensions) {
                builder.addExtension(extension);
            }
            String algorithm = signatureAlgorithm != null ? signatureAlgorithm
                    : switch (typeOf(signingKey)) {
                        case RSA_2048 -> "SHA256withRSA";
                        case ED25519 -> "Ed25519";
                        default -> "SHA256withECDSA";
                    };
            return new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder(algorithm).build(signingKey)));
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot issue a certificate for " + subject, e);
        }
    }
}
