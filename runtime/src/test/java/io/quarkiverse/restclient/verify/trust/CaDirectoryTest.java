package io.quarkiverse.restclient.verify.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;
import io.quarkiverse.restclient.verify.testpki.Pem;

class CaDirectoryTest {

    private static final CertificateAuthority ROOT = CertificateAuthority.root("Directory Root");
    private static final CertificateAuthority OTHER = CertificateAuthority.root("Directory Other");

    @TempDir
    Path dir;

    @Test
    void findsIssuersByHashIncludingLaterAdditionsAndRenewals() throws IOException {
        String hash = OpenSslSubjectHash.of(ROOT.certificate());
        Pem.write(dir.resolve(OpenSslSubjectHash.of(OTHER.certificate()) + ".0"), Pem.certificates(OTHER.certificate()));
        CaDirectory directory = new CaDirectory(dir);
        assertThat(directory.isHashed()).isTrue();
        assertThat(directory.findBySubject(ROOT.certificate().getSubjectX500Principal())).isEmpty();

        Pem.write(dir.resolve(hash + ".0"), Pem.certificates(ROOT.certificate()));
        assertThat(directory.findBySubject(ROOT.certificate().getSubjectX500Principal()))
                .containsExactly(ROOT.certificate());

        // A renewed CA keeps its subject, so it goes to the next number, as c_rehash does.
        CertificateAuthority renewed = CertificateAuthority.root("Directory Root", Instant.now(),
                Instant.now().plus(Duration.ofDays(7000)));
        Pem.write(dir.resolve(hash + ".1"), Pem.certificates(renewed.certificate()));
        assertThat(directory.findBySubject(ROOT.certificate().getSubjectX500Principal()))
                .containsExactly(ROOT.certificate(), renewed.certificate());
    }

    @Test
    void rereadsAChangedFileAndRecordsBrokenOnes() throws IOException {
        String hash = OpenSslSubjectHash.of(ROOT.certificate());
        Path file = Pem.write(dir.resolve(hash + ".0"), "garbage");
        CaDirectory directory = new CaDirectory(dir);
        assertThat(directory.findBySubject(ROOT.certificate().getSubjectX500Principal())).isEmpty();
        assertThat(directory.problems()).singleElement().asString().contains(hash + ".0").contains("no certificate");

        Pem.write(file, Pem.certificates(ROOT.certificate()));
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(Instant.now().plusSeconds(5)));
        assertThat(directory.findBySubject(ROOT.certificate().getSubjectX500Principal()))
                .containsExactly(ROOT.certificate());
    }

    @Test
    void loadsADirectoryWithoutHashNamesWhole() {
        Pem.write(dir.resolve("root.pem"), Pem.certificates(ROOT.certificate()));
        Pem.write(dir.resolve("other.crt"), Pem.certificates(OTHER.certificate()));
        Pem.write(dir.resolve("README"), "not a certificate");
        CaDirectory directory = new CaDirectory(dir);
        assertThat(directory.isHashed()).isFalse();
        assertThat(directory.loadAll()).containsExactlyInAnyOrder(ROOT.certificate(), OTHER.certificate());
    }

    @Test
    void explainsADirectoryWithoutCertificates() {
        Pem.write(dir.resolve("README"), "not a certificate");
        assertThatThrownBy(() -> new CaDirectory(dir).loadAll())
                .isInstanceOf(TrustMaterialException.class)
                .hasMessageContaining("holds no certificate in any of its 1 files");
    }
}
