package io.quarkiverse.restclient.verify.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;
import io.quarkiverse.restclient.verify.testpki.Crls;
import io.quarkiverse.restclient.verify.trust.revocation.CrlSet;

/**
 * {@code verify-crl} files go through the same door as bundles: a named pipe (alone, or inside a CRL directory) or a
 * device is refused in well under a second, never read; it used to block the build, the start and the reload loop
 * ({@code Files.readAllBytes} on a pipe), or fill the heap ({@code /dev/zero}).
 */
class CrlFilesThroughTheDoorTest {

    private static final Duration PROMPTLY = Duration.ofSeconds(1);
    private static final CertificateAuthority CA = CertificateAuthority.root("Door Root");

    @TempDir
    Path dir;

    @Test
    void aPipeAsCrlFileIsRefusedAtOnce() {
        Path pipe = fifo("ca.crl");
        assertTimeoutPreemptively(PROMPTLY, () -> assertThatThrownBy(() -> CrlSet.load(List.of(pipe)))
                .isInstanceOf(TrustMaterialException.class)
                .hasMessageStartingWith(pipe + ": is a named pipe (FIFO), not a regular file"));
    }

    @Test
    void devZeroIsRefusedBeforeAByteIsRead() {
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.exists(zero), "needs /dev/zero");
        assertTimeoutPreemptively(PROMPTLY, () -> assertThatThrownBy(() -> CrlSet.load(List.of(zero)))
                .isInstanceOf(TrustMaterialException.class)
                .hasMessageStartingWith("/dev/zero: is a character device, not a regular file"));
    }

    @Test
    void aPipeInsideACrlDirectoryIsRefused() throws IOException {
        Path crls = Files.createDirectory(dir.resolve("crls"));
        Files.writeString(crls.resolve("ca.crl.pem"), Crls.pem(Crls.issue(CA)));
        Path pipe = fifo("crls/other.crl");
        assertTimeoutPreemptively(PROMPTLY, () -> assertThatThrownBy(() -> CrlSet.load(List.of(crls)))
                .isInstanceOf(TrustMaterialException.class)
                .hasMessageStartingWith(pipe + ": is a named pipe (FIFO), not a regular file"));
    }

    @Test
    void aCrlReplacedByAPipeKeepsTheLastGoodCrlsWithoutBlocking() throws IOException {
        Path crl = Files.writeString(dir.resolve("ca.crl.pem"), Crls.pem(Crls.issue(CA)));
        Reloadable<CrlSet> crls = CrlSet.reloadable(List.of(crl));
        Path pipe = fifo("pipe");
        Files.move(pipe, crl, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

        Reloadable.Outcome<CrlSet> outcome = assertTimeoutPreemptively(PROMPTLY, crls::reload);

        assertThat(outcome.change()).isEqualTo(Reloadable.Change.FAILED);
        assertThat(outcome.failure()).startsWith(crl + ": is a named pipe (FIFO)");
        assertThat(crls.current().entries()).hasSize(1);
    }

    @Test
    void aPipeAppearingInACrlDirectoryIsReportedOnReload() throws IOException {
        Path crls = Files.createDirectory(dir.resolve("rotated"));
        Files.writeString(crls.resolve("ca.crl.pem"), Crls.pem(Crls.issue(CA)));
        Reloadable<CrlSet> reloadable = CrlSet.reloadable(List.of(crls));
        fifo("rotated/late.crl");

        Reloadable.Outcome<CrlSet> outcome = assertTimeoutPreemptively(PROMPTLY, reloadable::reload);

        assertThat(outcome.change()).isEqualTo(Reloadable.Change.FAILED);
        assertThat(outcome.failure()).contains("late.crl: is a named pipe (FIFO)");
        assertThat(reloadable.current().entries()).hasSize(1);
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
