package io.quarkiverse.restclient.verify.trust.client;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.math.BigInteger;
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
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import javax.net.ssl.X509ExtendedTrustManager;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.KeyDerivationFunc;
import org.bouncycastle.asn1.pkcs.PBES2Parameters;
import org.bouncycastle.asn1.pkcs.PBKDF2Params;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
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
import org.bouncycastle.util.io.pem.PemHeader;
import org.bouncycastle.util.io.pem.PemObject;

import io.quarkiverse.restclient.verify.trust.Printable;
import io.quarkiverse.restclient.verify.trust.Reloadable;
import io.quarkiverse.restclient.verify.trust.TrustMaterialException;
import io.quarkiverse.restclient.verify.trust.files.FileContents;
import io.quarkiverse.restclient.verify.trust.files.PemBlocks;
import io.quarkiverse.restclient.verify.trust.files.TrustFiles;

/**
 * A client certificate for mutual TLS, as PKI teams hand them out: a PEM chain with the key in the same file or a
 * separate one (PKCS#8, PKCS#1 RSA, SEC1 EC, encrypted PKCS#8, legacy OpenSSL-encrypted PEM), or a PKCS#12 file.
 * Keys are decoded with Bouncy Castle and handed to the JDK as its own key objects. Messages never contain key
 * material or the password.
 */
public final class ClientCertificate implements Reloadable.Kind<ClientCertificate> {

    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final String ANY_USAGE = "2.5.29.37.0";
    private static final int MAX_KEY_ITERATIONS = 5_000_000;
    private static final long MAX_SCRYPT_MEMORY = 64L * 1024 * 1024;
    private static final ASN1ObjectIdentifier SCRYPT = new ASN1ObjectIdentifier("1.3.6.1.4.1.11591.4.11");
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
        try {
            return loadFiles(certificate, key, password);
        } catch (TrustMaterialException e) {
            throw e;
        } catch (RuntimeException e) {
            // Whatever a damaged file makes a parser throw, the message names the file (and so the property).
            throw new TrustMaterialException(certificate + key.map(file -> " with " + file).orElse("")
                    + " cannot be loaded: the file is damaged or of an unexpected kind (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + Printable.text(e.getMessage(), 200)) + ")", e);
        }
    }

    private static ClientCertificate loadFiles(Path certificate, Optional<Path> key, Optional<String> password) {
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
    @Override
    public String description() {
        X509Certificate leaf = chain.get(0);
        return "client certificate '" + Printable.name(leaf.getSubjectX500Principal()) + "' issued by '"
                + Printable.name(leaf.getIssuerX500Principal()) + "', valid to " + leaf.getNotAfter().toInstant();
    }

    @Override
    public String inUse() {
        return "now presents " + description();
    }

    @Override
    public String whatChanged(ClientCertificate previous) {
        return previous.description().equals(description()) ? "same certificate subject and validity"
                : "was " + previous.description();
    }

    /** Open connections presented the certificate before: they all close, so the next request presents this one. */
    @Override
    public Optional<X509ExtendedTrustManager> judgesOpenConnections() {
        return Optional.empty();
    }

    private static ClientCertificate checked(List<X509Certificate> chain, PrivateKey key, Path keySource,
            List<String> warnings) {
        X509Certificate leaf = chain.get(0);
        if (!matches(leaf, key)) {
            throw new TrustMaterialException("the private key in " + keySource + " does not belong to the certificate '"
                    + Printable.name(leaf.getSubjectX500Principal()) + "' (their public keys differ). Fix: pair the"
                    + " certificate with the key it was issued for");
        }
        Instant now = Instant.now();
        String validity = "valid from " + leaf.getNotBefore().toInstant() + " to " + leaf.getNotAfter().toInstant();
        if (now.isAfter(leaf.getNotAfter().toInstant())) {
            warnings.add("the client certificate '" + Printable.name(leaf.getSubjectX500Principal()) + "' has expired ("
                    + validity + "); servers will reject it");
        } else if (now.isBefore(leaf.getNotBefore().toInstant())) {
            warnings.add("the client certificate '" + Printable.name(leaf.getSubjectX500Principal())
                    + "' is not valid yet (" + validity + ")");
        }
        try {
            List<String> usages = leaf.getExtendedKeyUsage();
            if (usages != null && !usages.contains(CLIENT_AUTH) && !usages.contains(ANY_USAGE)) {
                warnings.add("the client certificate '" + Printable.name(leaf.getSubjectX500Principal()) + "' lacks the"
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
        KeyStore store = pkcs12(file, content, KeyStore::getInstance, secret);
        try {
            List<String> keyAliases = new ArrayList<>();
            List<String> secretAliases = new ArrayList<>();
            for (String alias : Collections.list(store.aliases())) {
                if (store.entryInstanceOf(alias, KeyStore.PrivateKeyEntry.class)) {
                    keyAliases.add(alias);
                } else if (store.isKeyEntry(alias)) {
                    secretAliases.add(alias);
                }
            }
            if (keyAliases.isEmpty() && secretAliases.isEmpty()) {
                // The JDK skips a key stored without encryption (openssl pkcs12 -keypbe NONE), which curl reads;
                // Bouncy Castle reads it.
                KeyStore unencrypted = unencryptedPkcs12(file, content, password);
                if (unencrypted != null) {
                    store = unencrypted;
                    for (String alias : Collections.list(store.aliases())) {
                        if (store.entryInstanceOf(alias, KeyStore.PrivateKeyEntry.class)) {
                            keyAliases.add(alias);
                        }
                    }
                }
            }
            if (keyAliases.isEmpty()) {
                if (!secretAliases.isEmpty()) {
                    throw new TrustMaterialException(file + " holds only a secret key (alias "
                            + Printable.text(secretAliases.get(0), 64) + "), not a private key with its certificate."
                            + " Fix: export the client certificate together with its private key, e.g. openssl pkcs12"
                            + " -export -in client.pem -inkey client.key -out client.p12");
                }
                throw new TrustMaterialException(file + " holds no private key, only certificates. Fix: export the"
                        + " client certificate together with its key");
            }
            if (keyAliases.size() > 1) {
                throw new TrustMaterialException(file + " holds " + keyAliases.size() + " private keys (aliases "
                        + Printable.text(String.join(", ", keyAliases), 200) + ") and nothing says which one to use."
                        + " Fix: export only the client certificate's key, e.g. openssl pkcs12 -in "
                        + file.getFileName() + " -nodes | split it, or build a PKCS#12 with one key");
            }
            Key key = store.getKey(keyAliases.get(0), secret);
            Certificate[] stored = store.getCertificateChain(keyAliases.get(0));
            if (stored == null || stored.length == 0 || !(key instanceof PrivateKey)) {
                throw new TrustMaterialException(file + " holds a private key without its certificate. Fix: export"
                        + " the client certificate together with its key");
            }
            List<X509Certificate> chain = new ArrayList<>();
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (Certificate certificate : stored) {
                // As the JDK's own certificate objects, whichever provider read the file.
                chain.add((X509Certificate) factory.generateCertificate(
                        new ByteArrayInputStream(certificate.getEncoded())));
            }
            return checked(chain, jdkKey((PrivateKey) key, file), file, new ArrayList<>());
        } catch (GeneralSecurityException e) {
            throw new WrongPasswordException(file + ": wrong password for the key in this PKCS#12 file", true, e);
        }
    }

    /** The PKCS#12 store of this content, with messages that say what is wrong with the file. */
    private static KeyStore pkcs12(Path file, byte[] content, StoreType type, char[] secret) {
        try {
            KeyStore store = type.create("PKCS12");
            store.load(new ByteArrayInputStream(content), secret);
            return store;
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException || String.valueOf(e.getMessage())
                    .toLowerCase(Locale.ROOT).contains("password")) {
                throw new WrongPasswordException(file + ": wrong password for this PKCS#12 file"
                        + (secret.length == 0 ? " (none is set: use the client's cert-key-password property)" : ""),
                        secret.length > 0, e);
            }
            throw damagedPkcs12(file, e);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw damagedPkcs12(file, e);
        }
    }

    /** The store as Bouncy Castle reads it, when that finds a private key; else null. */
    private static KeyStore unencryptedPkcs12(Path file, byte[] content, Optional<String> password) {
        // Without a MAC, Bouncy Castle wants no password at all; with one, the given password.
        for (char[] secret : new char[][] { password.map(String::toCharArray).orElse(null), null }) {
            try {
                KeyStore store = KeyStore.getInstance("PKCS12", BC);
                store.load(new ByteArrayInputStream(content), secret);
                for (String alias : Collections.list(store.aliases())) {
                    if (store.entryInstanceOf(alias, KeyStore.PrivateKeyEntry.class)) {
                        return store;
                    }
                }
                return null;
            } catch (IOException | GeneralSecurityException | RuntimeException e) {
                if (secret == null) {
                    return null;
                }
            }
        }
        return null;
    }

    private static TrustMaterialException damagedPkcs12(Path file, Exception e) {
        String detail = e.getMessage() == null ? e.getClass().getSimpleName()
                : e.getClass().getSimpleName() + ": " + Printable.text(e.getMessage(), 200);
        return new TrustMaterialException(file + " is not a readable PKCS#12 file: it is truncated, damaged or not"
                + " PKCS#12 at all (" + detail + "). Fix: export it again, e.g. openssl pkcs12 -export -in client.pem"
                + " -inkey client.key -out client.p12", e);
    }

    /** Makes a key store of a type: {@code KeyStore::getInstance}. */
    @FunctionalInterface
    private interface StoreType {
        KeyStore create(String type) throws GeneralSecurityException;
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
        try (PEMParser parser = blocksOf(content)) {
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
                    boundedKeyDerivation(((PKCS8EncryptedPrivateKeyInfo) object).getEncryptionAlgorithm(), file);
                    try {
                        PrivateKeyInfo info = ((PKCS8EncryptedPrivateKeyInfo) object).decryptPrivateKeyInfo(
                                new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(BC).build(secret));
                        parsed.keys.add(toJdkKey(info, file));
                    } catch (PKCSException | OperatorCreationException e) {
                        throw new WrongPasswordException(file + ": wrong password for the encrypted private key", true, e);
                    }
                } else if (object instanceof PEMEncryptedKeyPair) {
                    parsed.encrypted = true;
                    char[] secret = required(password, file);
                    try {
                        PEMKeyPair pair = ((PEMEncryptedKeyPair) object)
                                .decryptKeyPair(new JcePEMDecryptorProviderBuilder().setProvider(BC).build(secret));
                        parsed.keys.add(fromKeyPair(pair, file));
                    } catch (IOException | RuntimeException e) {
                        throw new WrongPasswordException(file + ": wrong password for the encrypted private key", true, e);
                    }
                }
            }
        } catch (TrustMaterialException e) {
            throw e;
        } catch (IOException | CertificateException | RuntimeException e) {
            throw new TrustMaterialException(file + " is not a readable PEM file: " + (e.getMessage() == null
                    ? e.getClass().getSimpleName()
                    : Printable.text(e.getMessage(), 200)), e);
        }
        return parsed;
    }

    /**
     * Bouncy Castle's PEM object parser over the blocks the one PEM reader finds, so that a file the CA bundle reader
     * accepts (a Windows editor's BOM, an indented block pasted from a mail) is read alike here; Bouncy Castle still
     * decides what each block is, and still refuses a label it does not know.
     */
    private static PEMParser blocksOf(byte[] content) throws IOException {
        Iterator<PemBlocks.Block> blocks;
        try {
            blocks = PemBlocks.readAll(content).iterator();
        } catch (TrustMaterialException e) {
            // Reported like any unreadable PEM, with the file's name in front.
            throw new IOException(e.getMessage(), e);
        }
        return new PEMParser(Reader.nullReader()) {
            @Override
            public PemObject readPemObject() {
                if (!blocks.hasNext()) {
                    return null;
                }
                PemBlocks.Block block = blocks.next();
                List<PemHeader> headers = block.headers().stream()
                        .map(header -> new PemHeader(header.name(), header.value())).toList();
                return new PemObject(block.label(), headers, block.der());
            }
        };
    }

    /**
     * Refuses a key whose encryption asks for more key-derivation work than any real key file: the cost is in the
     * file, so a hostile one (2^31 PBKDF2 iterations, scrypt with gigabytes of memory) would otherwise keep a thread
     * busy for hours or exhaust the heap. The iteration bound is the JDK PKCS#12 reader's; the scrypt bound is twice
     * the memory OpenSSL allows by default.
     */
    private static void boundedKeyDerivation(AlgorithmIdentifier encryption, Path file) {
        BigInteger iterations = null;
        String demand = null;
        try {
            ASN1Encodable parameters = encryption.getParameters();
            if (PKCSObjectIdentifiers.id_PBES2.equals(encryption.getAlgorithm())) {
                KeyDerivationFunc kdf = PBES2Parameters.getInstance(parameters).getKeyDerivationFunc();
                if (PKCSObjectIdentifiers.id_PBKDF2.equals(kdf.getAlgorithm())) {
                    iterations = PBKDF2Params.getInstance(kdf.getParameters()).getIterationCount();
                } else if (SCRYPT.equals(kdf.getAlgorithm())) {
                    // SEQUENCE { salt, N, r, p, keyLength OPTIONAL } (RFC 7914)
                    ASN1Sequence values = ASN1Sequence.getInstance(kdf.getParameters());
                    BigInteger cost = ASN1Integer.getInstance(values.getObjectAt(1)).getValue();
                    BigInteger blockSize = ASN1Integer.getInstance(values.getObjectAt(2)).getValue();
                    BigInteger parallel = ASN1Integer.getInstance(values.getObjectAt(3)).getValue();
                    BigInteger memory = BigInteger.valueOf(128).multiply(cost).multiply(blockSize);
                    if (memory.compareTo(BigInteger.valueOf(MAX_SCRYPT_MEMORY)) > 0
                            || parallel.compareTo(BigInteger.valueOf(16)) > 0) {
                        demand = "scrypt with N=" + cost + ", r=" + blockSize + ", p=" + parallel;
                    }
                }
            } else if (parameters != null) {
                // PKCS#12 and PKCS#5 v1 schemes: SEQUENCE { salt, iterations }
                iterations = ASN1Integer.getInstance(ASN1Sequence.getInstance(parameters).getObjectAt(1)).getValue();
            }
        } catch (RuntimeException e) {
            // Parameters Bouncy Castle cannot read fail in the decryption itself, with the usual message.
            return;
        }
        if (iterations != null && iterations.compareTo(BigInteger.valueOf(MAX_KEY_ITERATIONS)) > 0) {
            demand = iterations + " key-derivation iterations";
        }
        if (demand != null) {
            throw new TrustMaterialException(file + ": the encrypted private key asks for " + demand + ", more work"
                    + " than any real key file (at most " + MAX_KEY_ITERATIONS + " iterations, or scrypt within "
                    + (MAX_SCRYPT_MEMORY >> 20) + " MB) and enough to keep the application busy for hours. Fix: encrypt"
                    + " the key again, e.g. openssl pkcs8 -topk8 -v2 aes-256-cbc -iter 100000 -in old.key -out new.key");
        }
    }

    private static char[] required(Optional<String> password, Path file) {
        if (password.isEmpty()) {
            throw new WrongPasswordException(file + " holds an encrypted private key and no password is set. Fix: set"
                    + " the client's cert-key-password property (e.g. from an environment variable)", false, null);
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
            return TrustFiles.read(file);
        } catch (TrustMaterialException e) {
            throw new TrustMaterialException(file + " " + e.getMessage(), e);
        }
    }

    /** What one PEM file held. */
    private static final class Parsed {
        final List<X509Certificate> certificates = new ArrayList<>();
        final List<Object> keys = new ArrayList<>();
        boolean encrypted;
    }
}
