package io.quarkiverse.restclient.verify.trust;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Signature;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.PSSParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;

/**
 * A client certificate for mutual TLS, as PKI teams hand them out: a PEM chain with the key in the same file or a
 * separate one (PKCS#8, PKCS#1 RSA, SEC1 EC, encrypted PKCS#8, legacy OpenSSL-encrypted PEM), or a PKCS#12 file.
 * Keys are decoded with Bouncy Castle and handed to the JDK as its own key objects. Messages never contain key
 * material or the password.
 */
public final class ClientCertificate {

    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final String ANY_USAGE = "2.5.29.37.0";
    // Used only to decrypt keys; never registered as a JVM-wide provider.
    private static final Provider BC = new BouncyCastleProvider();
    private static final Map<String, String> KEY_ALGORITHMS = Map.of(
            PKCSObjectIdentifiers.rsaEncryption.getId(), "RSA",
            PKCSObjectIdentifiers.id_RSASSA_PSS.getId(), "RSASSA-PSS",
            X9ObjectIdentifiers.id_ecPublicKey.getId(), "EC",
            EdECObjectIdentifiers.id_Ed25519.getId(), "Ed25519",
            EdECObjectIdentifiers.id_Ed448.getId(), "Ed448");

    private final List<X509Certificate> chain;
    private final PrivateKey key;
    private final List<String> warnings;

    private ClientCertificate(List<X509Certificate> chain, PrivateKey key, List<String> warnings) {
        this.chain = List.copyOf(chain);
        this.key = key;
        this.warnings = List.copyOf(warnings);
    }

    /**
     * Loads a client certificate.
     *
     * @param certificate the certificate file: PEM (chain, optionally with the key) or PKCS#12 ({@code .p12}, {@code .pfx})
     * @param key the key file when the key is not in the certificate file
     * @param password the password of an encrypted key or of the PKCS#12 file
     * @throws TrustMaterialException saying which file and what is wrong
     */
    public static ClientCertificate load(Path certificate, Optional<Path> key, Optional<String> password) {
        byte[] content = read(certificate);
        if (isPkcs12(certificate, content)) {
            if (key.isPresent()) {
                throw new TrustMaterialException(certificate + " is a PKCS#12 file, which holds its key itself; remove"
                        + " the separate key file " + key.get());
            }
            return fromPkcs12(certificate, content, password);
        }
        Parsed fromCertificate = parsePem(certificate, content, password);
        if (fromCertificate.certificates.isEmpty()) {
            throw new TrustMaterialException(certificate + " holds no certificate. Fix: point it at the PEM file with"
                    + " the client certificate (and its intermediates)");
        }
        Parsed fromKey = key.map(file -> parsePem(file, read(file), password)).orElse(null);
        List<Object> keys = new ArrayList<>(fromCertificate.keys);
        List<String> warnings = new ArrayList<>();
        boolean encrypted = fromCertificate.encrypted;
        if (fromKey != null) {
            if (!fromKey.keys.isEmpty() && !keys.isEmpty()) {
                throw new TrustMaterialException(certificate + " already holds a private key; remove the separate key"
                        + " file " + key.get() + " or the key in the certificate file");
            }
            keys.addAll(fromKey.keys);
            encrypted |= fromKey.encrypted;
        }
        if (keys.isEmpty()) {
            Path where = key.orElse(certificate);
            throw new TrustMaterialException(where + " holds no private key. Fix: set the key file with the client's"
                    + " cert-key property, or use a PEM file that holds certificate and key");
        }
        if (keys.size() > 1) {
            throw new TrustMaterialException(key.orElse(certificate) + " holds " + keys.size() + " private keys; keep"
                    + " only the key of the client certificate");
        }
        if (password.isPresent() && !encrypted) {
            warnings.add("a key password is set but the key is not encrypted; the password is not used");
        }
        PrivateKey privateKey = (PrivateKey) keys.get(0);
        return checked(fromCertificate.certificates, privateKey, key.orElse(certificate), warnings);
    }

    /**
     * Loads the certificate now, and again whenever {@link Reloadable#reload()} finds the certificate or key file
     * changed; a pair that does not load (or does not match) keeps the last good one.
     */
    public static Reloadable<ClientCertificate> reloadable(Path certificate, Optional<Path> key,
            Optional<String> password) {
        List<Path> files = new ArrayList<>();
        files.add(certificate);
        key.ifPresent(files::add);
        return Reloadable.load(certificate.toString(), () -> FileContents.hash(files),
                () -> load(certificate, key, password));
    }

    /** The certificate followed by its intermediates. */
    public List<X509Certificate> chain() {
        return chain;
    }

    /** The private key. */
    public PrivateKey key() {
        return key;
    }

    /** Problems worth a WARN line: expiry, missing clientAuth usage, an unused password. */
    public List<String> warnings() {
        return warnings;
    }

    /** For people: the subject, issuer and validity of the certificate. */
    public String description() {
        X509Certificate leaf = chain.get(0);
        return "client certificate '" + leaf.getSubjectX500Principal().getName() + "' issued by '"
                + leaf.getIssuerX500Principal().getName() + "', valid to " + leaf.getNotAfter().toInstant();
    }

    private static ClientCertificate checked(List<X509Certificate> chain, PrivateKey key, Path keySource,
            List<String> warnings) {
        X509Certificate leaf = chain.get(0);
        if (!matches(leaf, key)) {
            throw new TrustMaterialException("the private key in " + keySource + " does not belong to the certificate '"
                    + leaf.getSubjectX500Principal().getName() + "' (their public keys differ). Fix: pair the"
                    + " certificate with the key it was issued for");
        }
        Instant now = Instant.now();
        String validity = "valid from " + leaf.getNotBefore().toInstant() + " to " + leaf.getNotAfter().toInstant();
        if (now.isAfter(leaf.getNotAfter().toInstant())) {
            warnings.add("the client certificate '" + leaf.getSubjectX500Principal().getName() + "' has expired ("
                    + validity + "); servers will reject it");
        } else if (now.isBefore(leaf.getNotBefore().toInstant())) {
            warnings.add("the client certificate '" + leaf.getSubjectX500Principal().getName()
                    + "' is not valid yet (" + validity + ")");
        }
        try {
            List<String> usages = leaf.getExtendedKeyUsage();
            if (usages != null && !usages.contains(CLIENT_AUTH) && !usages.contains(ANY_USAGE)) {
                warnings.add("the client certificate '" + leaf.getSubjectX500Principal().getName() + "' lacks the"
                        + " clientAuth extended key usage; most servers reject it for mutual TLS");
            }
        } catch (CertificateException e) {
            warnings.add("the extended key usage of the client certificate cannot be read: " + e.getMessage());
        }
        return new ClientCertificate(chain, key, warnings);
    }

    /** Whether the key signs what the certificate's public key verifies: works for RSA, EC and EdDSA alike. */
    private static boolean matches(X509Certificate certificate, PrivateKey key) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "RSASSA-PSS" -> "RSASSA-PSS";
            default -> key.getAlgorithm();
        };
        try {
            byte[] probe = "rest-client-verify key check".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            if ("RSASSA-PSS".equals(algorithm)) {
                signer.setParameter(new PSSParameterSpec("SHA-256", "MGF1",
                        MGF1ParameterSpec.SHA256, 32, 1));
            }
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            if ("RSASSA-PSS".equals(algorithm)) {
                verifier.setParameter(new PSSParameterSpec("SHA-256", "MGF1",
                        MGF1ParameterSpec.SHA256, 32, 1));
            }
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static ClientCertificate fromPkcs12(Path file, byte[] content, Optional<String> password) {
        char[] secret = password.orElse("").toCharArray();
        KeyStore store;
        try {
            store = KeyStore.getInstance("PKCS12");
            store.load(new ByteArrayInputStream(content), secret);
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException || String.valueOf(e.getMessage())
                    .toLowerCase(Locale.ROOT).contains("password")) {
                throw new TrustMaterialException(file + ": wrong password for this PKCS#12 file"
                        + (password.isEmpty() ? " (none is set: use the client's cert-key-password property)" : ""));
            }
            throw new TrustMaterialException(file + " is not a readable PKCS#12 file: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new TrustMaterialException(file + " is not a readable PKCS#12 file: " + e.getMessage(), e);
        }
        try {
            List<String> keyAliases = new ArrayList<>();
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    keyAliases.add(alias);
                }
            }
            if (keyAliases.isEmpty()) {
                throw new TrustMaterialException(file + " holds no private key, only certificates. Fix: export the"
                        + " client certificate together with its key");
            }
            if (keyAliases.size() > 1) {
                throw new TrustMaterialException(file + " holds " + keyAliases.size() + " private keys (aliases "
                        + String.join(", ", keyAliases) + ") and nothing says which one to use. Fix: export only the"
                        + " client certificate's key, e.g. openssl pkcs12 -in " + file.getFileName()
                        + " -nodes | split it, or build a PKCS#12 with one key");
            }
            Key key = store.getKey(keyAliases.get(0), secret);
            List<X509Certificate> chain = new ArrayList<>();
            for (Certificate certificate : store.getCertificateChain(keyAliases.get(0))) {
                chain.add((X509Certificate) certificate);
            }
            return checked(chain, jdkKey((PrivateKey) key, file), file, new ArrayList<>());
        } catch (GeneralSecurityException e) {
            throw new TrustMaterialException(file + ": wrong password for the key in this PKCS#12 file", e);
        }
    }

    /** The key as the JDK's own key object, so the TLS stack accepts it whatever provider decoded it. */
    private static PrivateKey jdkKey(PrivateKey key, Path file) {
        return toJdkKey(PrivateKeyInfo.getInstance(key.getEncoded()), file);
    }

    private static PrivateKey toJdkKey(PrivateKeyInfo info, Path file) {
        String oid = info.getPrivateKeyAlgorithm().getAlgorithm().getId();
        String algorithm = KEY_ALGORITHMS.get(oid);
        if (algorithm == null) {
            throw new TrustMaterialException(file + " holds a private key of an unsupported algorithm (" + oid + ")");
        }
        try {
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded()));
        } catch (GeneralSecurityException | IOException e) {
            throw new TrustMaterialException(file + " holds a " + algorithm + " private key the JDK cannot use: "
                    + e.getMessage(), e);
        }
    }

    /**
     * A PKCS#1 or SEC1 key. SEC1 keys keep their curve inside the key rather than in the algorithm identifier the JDK
     * reads, so Bouncy Castle re-encodes them as PKCS#8 first.
     */
    private static PrivateKey fromKeyPair(PEMKeyPair pair, Path file) {
        try {
            PrivateKey decoded = new JcaPEMKeyConverter().setProvider(BC).getPrivateKey(pair.getPrivateKeyInfo());
            return toJdkKey(PrivateKeyInfo.getInstance(decoded.getEncoded()), file);
        } catch (IOException e) {
            throw new TrustMaterialException(file + " holds a private key that cannot be decoded: " + e.getMessage(), e);
        }
    }

    private static Parsed parsePem(Path file, byte[] content, Optional<String> password) {
        Parsed parsed = new Parsed();
        try (Reader reader = new InputStreamReader(new ByteArrayInputStream(content), StandardCharsets.US_ASCII);
                PEMParser parser = new PEMParser(reader)) {
            Object object;
            while ((object = parser.readObject()) != null) {
                if (object instanceof X509CertificateHolder) {
                    parsed.certificates.add((X509Certificate) CertificateFactory.getInstance("X.509")
                            .generateCertificate(new ByteArrayInputStream(((X509CertificateHolder) object).getEncoded())));
                } else if (object instanceof PrivateKeyInfo) {
                    parsed.keys.add(toJdkKey((PrivateKeyInfo) object, file));
                } else if (object instanceof PEMKeyPair) {
                    parsed.keys.add(fromKeyPair((PEMKeyPair) object, file));
                } else if (object instanceof PKCS8EncryptedPrivateKeyInfo) {
                    parsed.encrypted = true;
                    char[] secret = required(password, file);
                    try {
                        PrivateKeyInfo info = ((PKCS8EncryptedPrivateKeyInfo) object).decryptPrivateKeyInfo(
                                new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(BC).build(secret));
                        parsed.keys.add(toJdkKey(info, file));
                    } catch (PKCSException | OperatorCreationException e) {
                        throw new TrustMaterialException(file + ": wrong password for the encrypted private key");
                    }
                } else if (object instanceof PEMEncryptedKeyPair) {
                    parsed.encrypted = true;
                    char[] secret = required(password, file);
                    try {
                        PEMKeyPair pair = ((PEMEncryptedKeyPair) object)
                                .decryptKeyPair(new JcePEMDecryptorProviderBuilder().setProvider(BC).build(secret));
                        parsed.keys.add(fromKeyPair(pair, file));
                    } catch (IOException | RuntimeException e) {
                        throw new TrustMaterialException(file + ": wrong password for the encrypted private key");
                    }
                }
            }
        } catch (TrustMaterialException e) {
            throw e;
        } catch (IOException | CertificateException | RuntimeException e) {
            throw new TrustMaterialException(file + " is not a readable PEM file: " + e.getMessage(), e);
        }
        return parsed;
    }

    private static char[] required(Optional<String> password, Path file) {
        if (password.isEmpty()) {
            throw new TrustMaterialException(file + " holds an encrypted private key and no password is set. Fix: set"
                    + " the client's cert-key-password property (e.g. from an environment variable)");
        }
        return password.get().toCharArray();
    }

    private static boolean isPkcs12(Path file, byte[] content) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".p12") || name.endsWith(".pfx")) {
            return true;
        }
        // DER (a SEQUENCE) rather than PEM text.
        return content.length > 0 && content[0] == 0x30 && !new String(content, 0, Math.min(content.length, 64),
                StandardCharsets.ISO_8859_1).contains("-----BEGIN");
    }

    private static byte[] read(Path file) {
        if (!Files.exists(file)) {
            throw new TrustMaterialException(file + " does not exist" + (file.isAbsolute() ? ""
                    : " (resolved to " + file.toAbsolutePath().normalize() + ")"));
        }
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new TrustMaterialException(file + " cannot be read: " + CertificateFileReader.describe(e), e);
        }
    }

    /** What one PEM file held. */
    private static final class Parsed {
        final List<X509Certificate> certificates = new ArrayList<>();
        final List<Object> keys = new ArrayList<>();
        boolean encrypted;
    }
}
