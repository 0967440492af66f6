package io.quarkiverse.restclient.verify.trust.anchors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;
import io.quarkiverse.restclient.verify.testpki.Pem;
import io.quarkiverse.restclient.verify.trust.TrustMaterialException;
import io.quarkiverse.restclient.verify.trust.files.CertificateFileReader;

/**
 * Files and directories this process may not read are explained as such. Runs only in the file-permissions execution
 * of runtime/pom.xml, whose JVM cannot bypass file permissions even when the build runs as root (see
 * src/test/bin/java-without-root-privileges): these tests check the errors, they never skip.
 */
@Tag("file-permissions")
class UnreadableFilesTest {

    private static final String PEM = Pem.certificates(CertificateAuthority.root("Unreadable Root").certificate());

    @TempDir
    static Path dir;

    @BeforeAll
    static void permissionsHoldForThisJvm() throws IOException {
        Path probe = locked(Pem.write(dir.resolve("probe.pem"), PEM));
        assertThat(Files.isReadable(probe)).as("this JVM reads a file with mode 000, so permissions do not hold for"
                + " it; run it through src/test/bin/java-without-root-privileges (the file-permissions execution)")
                .isFalse();
    }

    @Test
    void theReaderSaysAFileCannotBeRead() throws IOException {
        Path file = locked(Pem.write(dir.resolve("reader.pem"), PEM));
        assertThatThrownBy(() -> CertificateFileReader.read(file))
                .isInstanceOf(TrustMaterialException.class)
                .hasMessage("cannot be read: Permission denied");
    }

    @Test
    void anUnreadableBundleIsAnErrorWithTheFix() throws IOException {
        Path bundle = locked(Pem.write(dir.resolve("secret.pem"), PEM));
        assertThatThrownBy(() -> TrustMaterial.load(TrustSpec.parse(bundle.toString()), getClass().getClassLoader()))
                .isInstanceOf(TrustMaterialException.class)
                .hasMessage(bundle + " cannot be read by this process. Fix: make the file readable (chmod a+r) or"
                        + " mount it with the right owner");
    }

    @Test
    void aDirectoryThatCannotBeListedIsExplained() throws IOException {
        Path locked = Files.createDirectory(dir.resolve("locked"));
        Pem.write(locked.resolve("ca.pem"), PEM);
        locked(locked);
        try {
            assertThatThrownBy(() -> new CaDirectory(locked).isHashed())
                    .isInstanceOf(TrustMaterialException.class)
                    .hasMessage(locked + ": cannot be read: Permission denied");
            assertThatThrownBy(() -> TrustMaterial.load(TrustSpec.parse(locked.toString()),
                    getClass().getClassLoader()))
                    .isInstanceOf(TrustMaterialException.class)
                    .hasMessage("the directory " + locked + " cannot be read by this process. Fix: make it readable"
                            + " (chmod a+rx) or mount it with the right owner");
        } finally {
            // So that the temporary directory can be deleted.
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
        }
    }

    private static Path locked(Path path) throws IOException {
        return Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("---------"));
    }
}
