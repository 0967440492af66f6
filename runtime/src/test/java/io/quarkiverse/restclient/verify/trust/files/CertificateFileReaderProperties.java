package io.quarkiverse.restclient.verify.trust.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;

import javax.security.auth.x500.X500Principal;

import io.quarkiverse.restclient.verify.testpki.Pem;
import io.quarkiverse.restclient.verify.trust.Mutations;
import io.quarkiverse.restclient.verify.trust.NamedCertificates;
import io.quarkiverse.restclient.verify.trust.TrustMaterialException;
import io.quarkiverse.restclient.verify.trust.anchors.TrustMaterial;
import io.quarkiverse.restclient.verify.trust.anchors.TrustSpec;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever a CA file holds, loading it either yields certificates or raises a {@link TrustMaterialException} that
 * names the file in one short line, within {@link Mutations#BOUND}; never another exception, never a hang.
 */
class CertificateFileReaderProperties {

    private static final X500Principal ROOT = new X500Principal("CN=Property Root,O=Verify Tests");
    private static final X509Certificate CA = NamedCertificates.certificate(ROOT, ROOT, 1, Instant.now(),
            Instant.now().plus(Duration.ofDays(1)));
    private static final X509Certificate LEAF = NamedCertificates.certificate(new X500Principal("CN=leaf"), ROOT, 2,
            Instant.now(), Instant.now().plus(Duration.ofDays(1)));
    private static final byte[] BUNDLE = ("Property bundle\n" + Pem.certificates(CA, LEAF))
            .getBytes(StandardCharsets.US_ASCII);
    private static final Path FILE = file();

    @Property(tries = 300)
    void arbitraryBytesLoadOrAreExplained(@ForAll("bytes") byte[] content) {
        loadsOrIsExplained(content);
    }

    @Property(tries = 300)
    void pemLikeTextLoadsOrIsExplained(@ForAll("pemLike") byte[] content) {
        loadsOrIsExplained(content);
    }

    @Property(tries = 300)
    void mutatedBundlesLoadOrAreExplained(@ForAll("mutatedBundle") byte[] content) {
        loadsOrIsExplained(content);
    }

    @Property(tries = 200)
    void mutatedDerCertificatesLoadOrAreExplained(@ForAll("mutatedDer") byte[] content) {
        loadsOrIsExplained(content);
    }

    @Provide
    Arbitrary<byte[]> bytes() {
        return Mutations.bytes();
    }

    @Provide
    Arbitrary<byte[]> pemLike() {
        return Mutations.pemLike();
    }

    @Provide
    Arbitrary<byte[]> mutatedBundle() {
        return Mutations.mutationsOf(BUNDLE);
    }

    @Provide
    Arbitrary<byte[]> mutatedDer() {
        try {
            return Mutations.mutationsOf(CA.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    static void loadsOrIsExplained(byte[] content) {
        write(content);
        Mutations.withinBound(() -> {
            try {
                TrustMaterial loaded = TrustMaterial.load(TrustSpec.path(FILE.toString()),
                        CertificateFileReaderProperties.class.getClassLoader());
                assertThat(loaded.anchors()).isNotEmpty();
            } catch (TrustMaterialException e) {
                assertThat(e.getMessage()).startsWith(FILE + ": ").hasSizeLessThan(1500).doesNotContain("\n", "\r");
            }
        });
    }

    private static void write(byte[] content) {
        try {
            Files.write(FILE, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path file() {
        try {
            Path dir = Files.createTempDirectory("reader-properties");
            dir.toFile().deleteOnExit();
            Path file = dir.resolve("bundle.pem");
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
