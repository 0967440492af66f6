package io.quarkiverse.restclient.verify.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkiverse.restclient.verify.trust.anchors.CaDirectory;
import io.quarkiverse.restclient.verify.trust.anchors.TrustMaterial;
import io.quarkiverse.restclient.verify.trust.anchors.TrustSpec;
import io.quarkiverse.restclient.verify.trust.client.ClientCertificate;
import io.quarkiverse.restclient.verify.trust.files.CertificateFileReader;
import io.quarkiverse.restclient.verify.trust.files.FileContents;

/**
 * A named pipe or a device where a trust file belongs: refused at once with what it is, never read (a pipe blocks the
 * reader until someone writes, {@code /dev/zero} fills the heap).
 */
class PipeAndDeviceFilesTest {

    private static final Duration PROMPTLY = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    @Test
    void aPipeAsCaBundleIsRefusedAtOnce() {
        Path pipe = fifo("corp.pem");
        assertTimeoutPreemptively(PROMPTLY, () -> assertThatThrownBy(
                () -> TrustMaterial.load(TrustSpec.path(pipe.toString()), getClass().getClassLoader()))
                .isInstanceOf(TrustMaterialException.class)
                .hasMessage(pipe + ": is a named pipe (FIFO), not a regular file; only regular files (or links to"
                        + " them) are read, so that a pipe or a device cannot block or flood the application. Fix:"
                        + " point the property at the PEM, DER or PKCS#12 file itself"));
    }

    @Test
    void aLinkToAPipeIsRefusedLikeThePipe() throws IOException {
        Path pipe = fifo("target.pem");
        Path link = Files.createSymbolicLink(dir.resolve("ca.pem"), pipe);
        assertTimeoutPreemptively(PROMPTLY, () -> assertThatThrownBy(() -> CertificateFileReader.read(link))
                .isInstanceOf(TrustMaterialException.class)
                .hasMessageStartingWith("is a named pipe (FIFO), not a regular file"));
    }

    @Test
    void devZeroIsRefusedBeforeAByteIsRead() {
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.exists(zero), "needs /dev/zero");
        assertTimeoutPreemptively(PROMPTLY, () -> assertThatThrownBy(
                () -> TrustMaterial.load(TrustSpec.path(zero.toString()), getClass().getClassLoader()))
                .isInstanceOf(TrustMaterialException.class)
                .hasMessageStartingWith("/dev/zero: is a character device, not a regular file"));
    }

    @Test
    void pipesAsClientCertificateOrKeyAreRefused() {
        Path pipe = fifo("client.pem");
        assertTimeoutPreemptively(PROMPTLY, () -> assertThatThrownBy(
                () -> ClientCertificate.load(pipe, Optional.empty(), Optional.empty()))
                .isInstanceOf(TrustMaterialException.class)
                .hasMessageStartingWith(pipe + " is a named pipe (FIFO), not a regular file"));
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.exists(zero), "needs /dev/zero");
        assertTimeoutPreemptively(PROMPTLY, () -> assertThatThrownBy(
                () -> ClientCertificate.load(zero, Optional.empty(), Optional.empty()))
                .isInstanceOf(TrustMaterialException.class)
                .hasMessageStartingWith("/dev/zero is a character device, not a regular file"));
    }

    @Test
    void theReloadCheckOfAPipeNeitherBlocksNorThrows() {
        Path pipe = fifo("rotated.pem");
        // The reload loop hashes the files every period: a pipe there used to block its only thread for good.
        String hash = assertTimeoutPreemptively(PROMPTLY, () -> FileContents.hash(List.of(pipe)));
        assertThat(hash).hasSize(64);
    }

    @Test
    void aPipeInACaDirectoryIsSkippedAndReported() throws IOException {
        fifo("pipe.pem");
        Files.writeString(dir.resolve("note.txt"), "not a certificate");
        CaDirectory directory = new CaDirectory(dir);
        assertTimeoutPreemptively(PROMPTLY, () -> assertThatThrownBy(directory::loadAll)
                .isInstanceOf(TrustMaterialException.class)
                .hasMessageContaining("no certificate found in any of the 1 file"));
    }

    private Path fifo(String name) {
        Path path = dir.resolve(name);
        try {
            Process mkfifo = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
            assumeTrue(mkfifo.waitFor() == 0, "needs mkfifo");
        } catch (IOException e) {
            assumeTrue(false, "needs mkfifo: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return path;
    }
}
