package io.quarkiverse.restclient.verify.trust.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import javax.security.auth.x500.X500Principal;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkiverse.restclient.verify.testpki.Pem;
import io.quarkiverse.restclient.verify.trust.NamedCertificates;
import io.quarkiverse.restclient.verify.trust.TrustMaterialException;
import io.quarkiverse.restclient.verify.trust.anchors.CaDirectory;
import io.quarkiverse.restclient.verify.trust.anchors.OpenSslSubjectHash;
import io.quarkiverse.restclient.verify.trust.anchors.TrustMaterial;
import io.quarkiverse.restclient.verify.trust.anchors.TrustSpec;
import io.quarkiverse.restclient.verify.trust.client.ClientCertificate;

/**
 * A file far larger than any bundle (a wrong path, a disk image) is refused by its size before it is read, so the heap
 * is never at risk. The 200 MB file is sparse: it costs no disk and, refused by its size, no time.
 */
class OversizedFilesTest {

    private static final long TWO_HUNDRED_MB = 200L * 1024 * 1024;

    @TempDir
    Path dir;

    /** The name the application hands in (the recorder does, from ClientKeys). */
    static final String PROPERTY = "quarkus.rest-client.verify-max-file-size";

    @BeforeEach
    void namedLimit() {
        TrustFiles.maxSize(TrustFiles.DEFAULT_MAX_SIZE, PROPERTY);
    }

    @AfterEach
    void defaultLimit() {
        TrustFiles.maxSize(TrustFiles.DEFAULT_MAX_SIZE, PROPERTY);
    }

    @Test
    void a200MegabyteBundleIsRefusedByItsSizeWithTheLimitNamed() throws IOException {
        Path huge = sparse("huge.pem", TWO_HUNDRED_MB);
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThatThrownBy(
                () -> TrustMaterial.load(TrustSpec.path(huge.toString()), getClass().getClassLoader()))
                .isInstanceOf(TrustMaterialException.class)
                .hasMessage(huge + ": is 200 MB (209715200 bytes), more than the limit of 16 MB (16777216 bytes)"
                        + " (quarkus.rest-client.verify-max-file-size); real CA bundles and client certificates are"
                        + " far smaller. Fix: point the property at the right file, or raise"
                        + " quarkus.rest-client.verify-max-file-size"));
    }

    @Test
    void a200MegabyteClientCertificateIsRefusedToo() throws IOException {
        Path huge = sparse("client.p12", TWO_HUNDRED_MB);
        assertThatThrownBy(() -> ClientCertificate.load(huge, Optional.empty(), Optional.empty()))
                .isInstanceOf(TrustMaterialException.class)
                .hasMessageStartingWith(huge + " is 200 MB (209715200 bytes), more than the limit of 16 MB");
    }

    @Test
    void aConfiguredLimitAppliesToEveryReader() throws IOException {
        X500Principal name = new X500Principal("CN=Small Limit CA");
        Path bundle = Pem.write(dir.resolve("ca.pem"), Pem.certificates(
                NamedCertificates.certificate(name, name, 1, Instant.now(), Instant.now().plus(Duration.ofDays(1)))));
        long size = Files.size(bundle);
        TrustFiles.maxSize(size, PROPERTY);
        assertThat(CertificateFileReader.read(bundle)).hasSize(1);

        TrustFiles.maxSize(size - 1, PROPERTY);
        assertThatThrownBy(() -> CertificateFileReader.read(bundle))
                .isInstanceOf(TrustMaterialException.class)
                .hasMessageStartingWith("is " + TrustFiles.size(size) + ", more than the limit of "
                        + TrustFiles.size(size - 1));
        // Change detection must not read what loading refuses, and still sees the refusal as content.
        assertThat(FileContents.hash(java.util.List.of(bundle))).hasSize(64);
    }

    @Test
    void anEndlessClasspathResourceIsReadOnlyUpToTheLimit() {
        TrustFiles.maxSize(64 * 1024, PROPERTY);
        ClassLoader endless = new ClassLoader(null) {
            @Override
            public InputStream getResourceAsStream(String name) {
                // Like /dev/zero behind a classpath name: it never ends.
                return new InputStream() {
                    @Override
                    public int read() {
                        return 0;
                    }
                };
            }
        };
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThatThrownBy(
                () -> TrustMaterial.classpathBundle("certs/endless.pem", endless))
                .isInstanceOf(TrustMaterialException.class)
                .hasMessage("classpath:certs/endless.pem is larger than the limit of 64 KB (65536 bytes)"
                        + " (quarkus.rest-client.verify-max-file-size)"));
    }

    @Test
    void aLimitThatIsNotPositiveIsRefused() {
        assertThatThrownBy(() -> TrustFiles.maxSize(0, PROPERTY)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(PROPERTY);
    }

    private Path sparse(String name, long length) throws IOException {
        Path file = dir.resolve(name);
        try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
            out.setLength(length);
        }
        return file;
    }

    @Test
    void aHashedDirectoryEntryOverTheLimitIsNotReadAtAHandshake() throws IOException {
        X500Principal name = new X500Principal("CN=Directory Limit CA");
        java.security.cert.X509Certificate ca = NamedCertificates.certificate(name, name, 2, Instant.now(),
                Instant.now().plus(Duration.ofDays(1)));
        Path entry = Pem.write(dir.resolve(OpenSslSubjectHash.of(ca) + ".0"), Pem.certificates(ca));
        TrustFiles.maxSize(Files.size(entry) - 1, PROPERTY);
        CaDirectory directory = new CaDirectory(dir);
        assertThat(directory.findBySubject(name)).as("an entry larger than the limit was read and trusted").isEmpty();
        assertThat(directory.problems()).singleElement().asString().contains(entry.toString())
                .contains("more than the limit of").contains("quarkus.rest-client.verify-max-file-size");
    }
}
