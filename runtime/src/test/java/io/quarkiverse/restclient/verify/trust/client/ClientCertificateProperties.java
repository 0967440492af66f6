package io.quarkiverse.restclient.verify.trust.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.bouncycastle.asn1.x509.KeyPurposeId;

import io.quarkiverse.restclient.verify.testpki.Pem;
import io.quarkiverse.restclient.verify.trust.Mutations;
import io.quarkiverse.restclient.verify.trust.NamedCertificates;
import io.quarkiverse.restclient.verify.trust.TrustMaterialException;
import io.quarkiverse.restclient.verify.trust.client.ClientCertificateTest.KeyType;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever client certificate and key files hold (PEM keys of every supported kind, PKCS#12), loading them either
 * yields a certificate with its key or raises a {@link TrustMaterialException} naming the file, within
 * {@link Mutations#BOUND}: never a {@code NullPointerException}, a parser's own exception or a hang.
 */
class ClientCertificateProperties {

    private static final Path DIR = directory();
    private static final Path CERTIFICATE = DIR.resolve("client.crt");
    private static final Path KEY = DIR.resolve("client.key");

    /** A valid file of each kind; the key kinds go with the certificate in {@link #CERTIFICATE}. */
    enum Kind {
        COMBINED_RSA_PKCS8(false, false, ".pem"),
        COMBINED_EC_SEC1(false, false, ".pem"),
        COMBINED_ED25519(false, false, ".pem"),
        KEY_RSA_PKCS1(true, false, ".key"),
        KEY_ENCRYPTED_PKCS8(true, true, ".key"),
        KEY_LEGACY_ENCRYPTED(true, true, ".key"),
        PKCS12(false, true, ".p12");

        final boolean separateKey;
        final boolean password;
        final String suffix;
        byte[] content;

        Kind(boolean separateKey, boolean password, String suffix) {
            this.separateKey = separateKey;
            this.password = password;
            this.suffix = suffix;
        }
    }

    static {
        try {
            KeyPair rsa = ClientCertificateTest.generate(KeyType.RSA);
            KeyPair ec = ClientCertificateTest.generate(KeyType.EC_P256);
            KeyPair ed = ClientCertificateTest.generate(KeyType.ED25519);
            X509Certificate rsaCertificate = client(rsa);
            Pem.write(CERTIFICATE, Pem.certificates(rsaCertificate));
            Kind.COMBINED_RSA_PKCS8.content = ascii(Pem.certificates(rsaCertificate) + Pem.privateKey(rsa.getPrivate()));
            Kind.COMBINED_EC_SEC1.content = ascii(Pem.certificates(client(ec)) + ClientCertificateTest.traditional(ec));
            Kind.COMBINED_ED25519.content = ascii(Pem.certificates(client(ed)) + Pem.privateKey(ed.getPrivate()));
            Kind.KEY_RSA_PKCS1.content = ascii(ClientCertificateTest.traditional(rsa));
            Kind.KEY_ENCRYPTED_PKCS8.content = ascii(ClientCertificateTest.encryptedPkcs8(rsa));
            Kind.KEY_LEGACY_ENCRYPTED.content = ascii(ClientCertificateTest.legacyEncrypted(rsa));
            Kind.PKCS12.content = Files.readAllBytes(ClientCertificateTest.pkcs12(DIR.resolve("valid.p12"), ec,
                    client(ec)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A kind and its mutated content. */
    record Case(Kind kind, byte[] content) {
        @Override
        public String toString() {
            return kind + " (" + content.length + " bytes)";
        }
    }

    @Property(tries = 250)
    void mutatedFilesOfEveryKindLoadOrAreExplained(@ForAll("mutated") Case mutated) {
        loadsOrIsExplained(mutated.kind(), mutated.content());
    }

    @Property(tries = 150)
    void arbitraryBytesLoadOrAreExplained(@ForAll("arbitrary") Case arbitrary) {
        loadsOrIsExplained(arbitrary.kind(), arbitrary.content());
    }

    @Property(tries = 7)
    void theValidFilesLoad(@ForAll Kind kind) {
        Path file = write(kind, kind.content);
        Optional<Path> key = kind.separateKey ? Optional.of(file) : Optional.empty();
        ClientCertificate loaded = ClientCertificate.load(kind.separateKey ? CERTIFICATE : file, key,
                kind.password ? Optional.of(ClientCertificateTest.PASSWORD) : Optional.empty());
        assertThat(loaded.chain()).isNotEmpty();
    }

    @Provide
    Arbitrary<Case> mutated() {
        return Arbitraries.of(Kind.values())
                .flatMap(kind -> Mutations.mutationsOf(kind.content).map(content -> new Case(kind, content)));
    }

    @Provide
    Arbitrary<Case> arbitrary() {
        return Arbitraries.of(Kind.values()).flatMap(kind -> Arbitraries.oneOf(Mutations.bytes(), Mutations.pemLike())
                .map(content -> new Case(kind, content)));
    }

    static void loadsOrIsExplained(Kind kind, byte[] content) {
        Path file = write(kind, content);
        Path certificate = kind.separateKey ? CERTIFICATE : file;
        Optional<Path> key = kind.separateKey ? Optional.of(file) : Optional.empty();
        Optional<String> password = kind.password ? Optional.of(ClientCertificateTest.PASSWORD) : Optional.empty();
        Mutations.withinBound(() -> {
            try {
                ClientCertificate loaded = ClientCertificate.load(certificate, key, password);
                assertThat(loaded.chain()).isNotEmpty();
                assertThat(loaded.key()).isNotNull();
            } catch (TrustMaterialException e) {
                assertThat(e.getMessage()).contains(file.toString()).hasSizeLessThan(1500)
                        .doesNotContain(ClientCertificateTest.PASSWORD);
            }
        });
    }

    private static Path write(Kind kind, byte[] content) {
        Path file = kind.separateKey ? KEY : DIR.resolve("client" + kind.suffix);
        try {
            return Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static X509Certificate client(KeyPair keys) {
        return NamedCertificates.certificateFor(keys.getPublic(), "CN=property-client", Instant.now().minusSeconds(60),
                Instant.now().plus(Duration.ofDays(1)), KeyPurposeId.id_kp_clientAuth);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static Path directory() {
        try {
            Path dir = Files.createTempDirectory("client-certificate-properties");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
