package io.quarkiverse.restclient.verify.trust.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaMiscPEMGenerator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.quarkiverse.restclient.verify.testpki.Pem;
import io.quarkiverse.restclient.verify.trust.NamedCertificates;
import io.quarkiverse.restclient.verify.trust.TrustMaterialException;

class ClientCertificateTest {

    private static final Provider BC = new BouncyCastleProvider();
    static final String PASSWORD = "s3cret-Pass";

    @TempDir
    Path dir;

    /** The key types PKI teams hand out. */
    enum KeyType {
        RSA,
        EC_P256,
        EC_P384,
        ED25519
    }

    /** The key file formats, and whether they apply to a key type. */
    enum KeyFormat {
        PKCS8,
        TRADITIONAL,
        ENCRYPTED_PKCS8,
        LEGACY_ENCRYPTED,
        COMBINED_PEM,
        PKCS12
    }

    @ParameterizedTest
    @EnumSource(KeyType.class)
    void everyKeyFormatLoadsForEveryKeyType(KeyType type) throws Exception {
        KeyPair keys = generate(type);
        X509Certificate certificate = NamedCertificates.certificateFor(keys.getPublic(), "CN=client-" + type,
                Instant.now().minus(Duration.ofHours(1)), Instant.now().plus(Duration.ofDays(30)),
                KeyPurposeId.id_kp_clientAuth);
        Path cert = Pem.write(dir.resolve(type + ".crt"), Pem.certificates(certificate));
        for (KeyFormat format : KeyFormat.values()) {
            if (format == KeyFormat.TRADITIONAL && type == KeyType.ED25519) {
                continue; // Ed25519 keys only exist as PKCS#8
            }
            ClientCertificate loaded = load(format, type, keys, certificate, cert);
            assertThat(loaded.chain()).as(type + " " + format).containsExactly(certificate);
            // Loading checks that the key signs what the certificate verifies; the encodings may differ (SEC1).
            assertThat(loaded.key().getAlgorithm()).as(type + " " + format).isEqualTo(keys.getPrivate().getAlgorithm());
            assertThat(loaded.warnings()).as(type + " " + format).isEmpty();
        }
    }

    @Test
    void aKeyOfAnotherCertificateIsRefused() {
        KeyPair keys = generate(KeyType.EC_P256);
        X509Certificate certificate = client(generate(KeyType.EC_P256));
        Path cert = Pem.write(dir.resolve("c.crt"), Pem.certificates(certificate));
        Path key = Pem.write(dir.resolve("c.key"), Pem.privateKey(keys.getPrivate()));
        assertThatThrownBy(() -> ClientCertificate.load(cert, Optional.of(key), Optional.empty()))
                .isInstanceOf(TrustMaterialException.class)
                .hasMessageContaining("the private key in " + key + " does not belong to the certificate 'CN=client'");
    }

    @Test
    void passwordsAreCheckedAndNeverShown() throws Exception {
        KeyPair keys = generate(KeyType.RSA);
        X509Certificate certificate = client(keys);
        Path cert = Pem.write(dir.resolve("c.crt"), Pem.certificates(certificate));
        Path encrypted = Pem.write(dir.resolve("enc.key"), encryptedPkcs8(keys));
        Path legacy = Pem.write(dir.resolve("legacy.key"), legacyEncrypted(keys));
        Path p12 = pkcs12(dir.resolve("c.p12"), keys, certificate);
        assertThatThrownBy(() -> ClientCertificate.load(cert, Optional.of(encrypted), Optional.of("wrong")))
                .hasMessage(encrypted + ": wrong password for the encrypted private key");
        assertThatThrownBy(() -> ClientCertificate.load(cert, Optional.of(legacy), Optional.of("wrong")))
                .hasMessage(legacy + ": wrong password for the encrypted private key");
        assertThatThrownBy(() -> ClientCertificate.load(p12, Optional.empty(), Optional.of("wrong")))
                .hasMessageContaining(p12 + ": wrong password").hasMessageNotContaining("wrong password for the key w");
        assertThatThrownBy(() -> ClientCertificate.load(cert, Optional.of(encrypted), Optional.empty()))
                .hasMessageContaining("holds an encrypted private key and no password is set")
                .hasMessageContaining("cert-key-password");
        for (Path file : new Path[] { encrypted, legacy }) {
            assertThatThrownBy(() -> ClientCertificate.load(cert, Optional.of(file), Optional.of("wrong")))
                    .hasMessageNotContaining(PASSWORD);
        }
    }

    @Test
    void missingPartsAreNamed() throws Exception {
        KeyPair keys = generate(KeyType.EC_P256);
        X509Certificate certificate = client(keys);
        Path cert = Pem.write(dir.resolve("c.crt"), Pem.certificates(certificate));
        Path keyOnly = Pem.write(dir.resolve("c.key"), Pem.privateKey(keys.getPrivate()));
        assertThatThrownBy(() -> ClientCertificate.load(cert, Optional.empty(), Optional.empty()))
                .hasMessageContaining(cert + " holds no private key");
        assertThatThrownBy(() -> ClientCertificate.load(keyOnly, Optional.empty(), Optional.empty()))
                .hasMessageContaining(keyOnly + " holds no certificate");
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("one", keys.getPrivate(), PASSWORD.toCharArray(), new X509Certificate[] { certificate });
        KeyPair other = generate(KeyType.EC_P256);
        store.setKeyEntry("two", other.getPrivate(), PASSWORD.toCharArray(), new X509Certificate[] { client(other) });
        Path two = dir.resolve("two.p12");
        try (OutputStream out = Files.newOutputStream(two)) {
            store.store(out, PASSWORD.toCharArray());
        }
        assertThatThrownBy(() -> ClientCertificate.load(two, Optional.empty(), Optional.of(PASSWORD)))
                .hasMessageContaining("holds 2 private keys (aliases").hasMessageContaining("one")
                .hasMessageContaining("two");
    }

    @Test
    void doubtfulCertificatesAreWarningsNotErrors() {
        KeyPair keys = generate(KeyType.EC_P256);
        X509Certificate expiredServerOnly = NamedCertificates.certificateFor(keys.getPublic(), "CN=old",
                Instant.parse("2020-01-01T00:00:00Z"), Instant.parse("2021-01-01T00:00:00Z"),
                KeyPurposeId.id_kp_serverAuth);
        Path cert = Pem.write(dir.resolve("old.pem"), Pem.certificates(expiredServerOnly)
                + Pem.privateKey(keys.getPrivate()));
        ClientCertificate loaded = ClientCertificate.load(cert, Optional.empty(), Optional.of(PASSWORD));
        assertThat(loaded.warnings()).hasSize(3);
        assertThat(loaded.warnings().get(0)).contains("password is set but the key is not encrypted");
        assertThat(loaded.warnings().get(1)).contains("'CN=old' has expired")
                .contains("2020-01-01T00:00:00Z to 2021-01-01T00:00:00Z");
        assertThat(loaded.warnings().get(2)).contains("lacks the clientAuth extended key usage");
    }

    private ClientCertificate load(KeyFormat format, KeyType type, KeyPair keys, X509Certificate certificate,
            Path cert) throws Exception {
        String name = type + "-" + format;
        switch (format) {
            case PKCS8:
                return ClientCertificate.load(cert, Optional.of(Pem.write(dir.resolve(name), Pem.privateKey(
                        keys.getPrivate()))), Optional.empty());
            case TRADITIONAL:
                return ClientCertificate.load(cert, Optional.of(Pem.write(dir.resolve(name), traditional(keys))),
                        Optional.empty());
            case ENCRYPTED_PKCS8:
                return ClientCertificate.load(cert, Optional.of(Pem.write(dir.resolve(name), encryptedPkcs8(keys))),
                        Optional.of(PASSWORD));
            case LEGACY_ENCRYPTED:
                if (type == KeyType.ED25519) {
                    return ClientCertificate.load(cert, Optional.of(Pem.write(dir.resolve(name),
                            encryptedPkcs8(keys))), Optional.of(PASSWORD));
                }
                return ClientCertificate.load(cert, Optional.of(Pem.write(dir.resolve(name), legacyEncrypted(keys))),
                        Optional.of(PASSWORD));
            case COMBINED_PEM:
                return ClientCertificate.load(Pem.write(dir.resolve(name + ".pem"), Pem.certificates(certificate)
                        + Pem.privateKey(keys.getPrivate())), Optional.empty(), Optional.empty());
            case PKCS12:
                return ClientCertificate.load(pkcs12(dir.resolve(name + ".p12"), keys, certificate), Optional.empty(),
                        Optional.of(PASSWORD));
            default:
                throw new IllegalStateException();
        }
    }

    static KeyPair generate(KeyType type) {
        try {
            switch (type) {
                case RSA: {
                    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                    generator.initialize(2048);
                    return generator.generateKeyPair();
                }
                case EC_P256:
                case EC_P384: {
                    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
                    generator.initialize(new ECGenParameterSpec(type == KeyType.EC_P256 ? "secp256r1" : "secp384r1"));
                    return generator.generateKeyPair();
                }
                default:
                    return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate client(KeyPair keys) {
        return NamedCertificates.certificateFor(keys.getPublic(), "CN=client", Instant.now().minusSeconds(60),
                Instant.now().plus(Duration.ofDays(1)), KeyPurposeId.id_kp_clientAuth);
    }

    /** PKCS#1 for RSA, SEC1 for EC: what {@code openssl genrsa} and {@code openssl ecparam -genkey} write. */
    static String traditional(KeyPair keys) throws IOException {
        return write(new JcaMiscPEMGenerator(asOpenSslWritesIt(keys.getPrivate())));
    }

    /**
     * OpenSSL's SEC1 files name the curve inside the key; the JDK's PKCS#8 encoding names it only outside, so an EC
     * key goes through Bouncy Castle's encoding, which keeps the curve inside too.
     */
    private static PrivateKey asOpenSslWritesIt(PrivateKey key) {
        if (!"EC".equals(key.getAlgorithm())) {
            return key;
        }
        try {
            return KeyFactory.getInstance("EC", BC).generatePrivate(new PKCS8EncodedKeySpec(key.getEncoded()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String encryptedPkcs8(KeyPair keys) throws Exception {
        return write(new JcaPKCS8Generator(keys.getPrivate(), new JceOpenSSLPKCS8EncryptorBuilder(
                PKCS8Generator.AES_256_CBC).setProvider(BC).setPassword(PASSWORD.toCharArray()).build()));
    }

    /** The {@code Proc-Type: 4,ENCRYPTED} format of {@code openssl rsa -aes256}. */
    static String legacyEncrypted(KeyPair keys) throws IOException {
        return write(new JcaMiscPEMGenerator(asOpenSslWritesIt(keys.getPrivate()),
                new JcePEMEncryptorBuilder("AES-256-CBC").setProvider(BC).build(PASSWORD.toCharArray())));
    }

    private static String write(org.bouncycastle.util.io.pem.PemObjectGenerator generator) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(generator);
        }
        return out.toString();
    }

    static Path pkcs12(Path file, KeyPair keys, X509Certificate certificate) {
        try (OutputStream out = Files.newOutputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("client", keys.getPrivate(), PASSWORD.toCharArray(),
                    new X509Certificate[] { certificate });
            store.store(out, PASSWORD.toCharArray());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
