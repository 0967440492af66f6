package io.quarkiverse.restclient.verify.trust.anchors;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;
import io.quarkiverse.restclient.verify.testpki.IssuedCertificate;
import io.quarkiverse.restclient.verify.testpki.Pem;

/** The counts in a trust description are of distinct certificates, a non-CA is a pinned server certificate. */
class CertificateCountsTest {

    private static final CertificateAuthority ROOT = CertificateAuthority.root("Counts Root");
    private static final CertificateAuthority OTHER = CertificateAuthority.root("Counts Other");
    private static final IssuedCertificate LEAF = ROOT.server("pinned.test", List.of("pinned.test"), List.of());

    @TempDir
    Path dir;

    @Test
    void aSingleLeafIsOnePinnedServerCertificate() {
        Path file = Pem.write(dir.resolve("pinned.pem"), Pem.certificates(LEAF.certificate()));
        assertThat(describe(file)).isEqualTo("file " + file + " (1 pinned server certificate)");
    }

    @Test
    void duplicatesCountOnceAndCasAndPinsAreCountedApart() {
        Path file = Pem.write(dir.resolve("mixed.pem"), Pem.certificates(ROOT.certificate(), ROOT.certificate(),
                OTHER.certificate(), LEAF.certificate()));
        assertThat(describe(file)).isEqualTo("file " + file + " (2 CA certificates + 1 pinned server certificate)");
    }

    @Test
    void aDirectoryLoadedWholeCountsDistinctCertificates() throws Exception {
        Path directory = Files.createDirectory(dir.resolve("certs"));
        Pem.write(directory.resolve("root.pem"), Pem.certificates(ROOT.certificate()));
        Pem.write(directory.resolve("root-copy.crt"), Pem.certificates(ROOT.certificate()));
        Pem.write(directory.resolve("leaf.pem"), Pem.certificates(LEAF.certificate()));
        assertThat(describe(directory))
                .isEqualTo("directory " + directory + " (1 CA certificate + 1 pinned server certificate)");
    }

    private String describe(Path path) {
        return TrustMaterial.load(TrustSpec.parse(path.toString()), getClass().getClassLoader()).description();
    }
}
