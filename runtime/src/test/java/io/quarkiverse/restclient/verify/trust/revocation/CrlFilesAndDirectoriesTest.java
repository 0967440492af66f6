package io.quarkiverse.restclient.verify.trust.revocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CRLException;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;
import io.quarkiverse.restclient.verify.testpki.Crls;
import io.quarkiverse.restclient.verify.testpki.Pem;
import io.quarkiverse.restclient.verify.trust.Reloadable;
import io.quarkiverse.restclient.verify.trust.TrustMaterialException;

/**
 * CRL files as configured: PEM or DER, one file or a directory whose subdirectories (Kubernetes' {@code ..data}) are
 * skipped. A missing path, a file without a CRL, a damaged CRL and a dangling link in a CRL directory are refused with
 * the file named; a dangling link appearing in a watched directory is a change that fails the reload and keeps the
 * last good CRLs. The description counts files and CRLs for people.
 */
class CrlFilesAndDirectoriesTest {

    static final CertificateAuthority ROOT = CertificateAuthority.root("CRL Files Root");
    static final CertificateAuthority OTHER = CertificateAuthority.root("CRL Files Other Root");

    @TempDir
    Path dir;

    @Test
    void aDirectoryOfPemAndDerCrlsIsReadAndItsSubdirectoriesSkipped() throws Exception {
        Path crls = Files.createDirectory(dir.resolve("crls"));
        Files.writeString(crls.resolve("a.crl.pem"), Crls.pem(Crls.issue(ROOT)) + Crls.pem(Crls.issue(OTHER)));
        Files.write(crls.resolve("b.crl"), Crls.issue(ROOT).getEncoded());
        Path data = Files.createDirectory(crls.resolve("..data"));
        Files.writeString(data.resolve("c.crl.pem"), Crls.pem(Crls.issue(ROOT)));

        CrlSet set = CrlSet.load(List.of(crls));

        assertThat(set.paths()).containsExactly(crls);
        assertThat(set.entries()).extracting(CrlSet.Entry::file).containsExactly(crls.resolve("a.crl.pem").toString(),
                crls.resolve("a.crl.pem").toString(), crls.resolve("b.crl").toString());
        assertThat(set.description()).isEqualTo("CRL file " + crls + " (3 CRLs)");
        assertThat(set).hasToString(set.description());
    }

    @Test
    void theDescriptionCountsFilesAndCrls() throws IOException {
        Path one = Files.writeString(dir.resolve("one.crl.pem"), Crls.pem(Crls.issue(ROOT)));
        Path two = Files.writeString(dir.resolve("two.crl.pem"), Crls.pem(Crls.issue(OTHER)));

        assertThat(CrlSet.load(List.of(one)).description()).isEqualTo("CRL file " + one + " (1 CRL)");
        assertThat(CrlSet.load(List.of(one, two)).description())
                .isEqualTo("CRL files " + one + ", " + two + " (2 CRLs)");
    }

    @Test
    void aMissingPathIsRefusedWithTheFix() {
        Path missing = dir.resolve("missing.crl");

        assertThatThrownBy(() -> CrlSet.load(List.of(missing))).isInstanceOf(TrustMaterialException.class)
                .hasMessage(missing + " does not exist (resolved to " + missing.toAbsolutePath()
                        + "). Fix: mount or copy the CRL there, or remove it from the property");
    }

    @Test
    void aFileWithoutACrlIsRefused() throws IOException {
        Path empty = Files.writeString(dir.resolve("empty.crl"), "");

        assertThatThrownBy(() -> CrlSet.load(List.of(empty))).isInstanceOf(TrustMaterialException.class)
                .hasMessage(empty + " holds no CRL (-----BEGIN X509 CRL-----). Fix: point the property at the CRL"
                        + " files of your CAs");
    }

    @Test
    void aCertificateInsteadOfACrlIsRefused() throws IOException {
        Path certificate = Files.writeString(dir.resolve("ca.pem"), Pem.certificates(ROOT.certificate()));

        assertThatThrownBy(() -> CrlSet.load(List.of(certificate))).isInstanceOf(TrustMaterialException.class)
                .hasMessageStartingWith(certificate.toString())
                .hasMessageContaining("CRL");
    }

    @Test
    void aDamagedCrlIsRefusedWithTheFix() throws IOException, CRLException {
        byte[] der = Crls.issue(ROOT).getEncoded();
        Path damaged = Files.write(dir.resolve("damaged.crl"), Arrays.copyOf(der, der.length / 2));

        assertThatThrownBy(() -> CrlSet.load(List.of(damaged))).isInstanceOf(TrustMaterialException.class)
                .hasMessageStartingWith(damaged + " is not a CRL in PEM (-----BEGIN X509 CRL-----) or DER form: ")
                .hasMessageEndingWith(". Fix: download the CRL again from its distribution point");
    }

    @Test
    void aDanglingLinkInACrlDirectoryIsRefusedWithItsName() throws IOException {
        Path crls = Files.createDirectory(dir.resolve("linked"));
        Files.writeString(crls.resolve("a.crl.pem"), Crls.pem(Crls.issue(ROOT)));
        Path link = Files.createSymbolicLink(crls.resolve("b.crl.pem"), dir.resolve("gone.crl.pem"));

        assertThatThrownBy(() -> CrlSet.load(List.of(crls))).isInstanceOf(TrustMaterialException.class)
                .hasMessageStartingWith(link + ": cannot be read");
    }

    @Test
    void aDanglingLinkAppearingInAWatchedCrlDirectoryFailsTheReloadAndKeepsTheLastGoodCrls() throws IOException {
        Path crls = Files.createDirectory(dir.resolve("watched"));
        Files.writeString(crls.resolve("a.crl.pem"), Crls.pem(Crls.issue(ROOT)));
        Reloadable<CrlSet> reloadable = CrlSet.reloadable(List.of(crls));
        assertThat(reloadable.source()).isEqualTo(crls.toString());
        Files.createSymbolicLink(crls.resolve("b.crl.pem"), dir.resolve("gone.crl.pem"));

        Reloadable.Outcome<CrlSet> outcome = reloadable.reload();

        assertThat(outcome.change()).isEqualTo(Reloadable.Change.FAILED);
        assertThat(outcome.failure()).contains("b.crl.pem: cannot be read");
        assertThat(reloadable.current().entries()).hasSize(1);
    }

    @Test
    void aSubdirectoryAppearingInAWatchedCrlDirectoryIsNoChange() throws IOException {
        // Kubernetes adds a timestamped directory at each update; only the CRL files' content counts.
        Path crls = Files.createDirectory(dir.resolve("mounted"));
        Files.writeString(crls.resolve("a.crl.pem"), Crls.pem(Crls.issue(ROOT)));
        Reloadable<CrlSet> reloadable = CrlSet.reloadable(List.of(crls));
        Files.createDirectory(crls.resolve("..2026_12_06_21_00_00.000000001"));

        assertThat(reloadable.reload().change()).isEqualTo(Reloadable.Change.UNCHANGED);
    }

    @Test
    void aLinkToADirectoryInsideACrlDirectoryIsSkipped() throws IOException {
        Path directory = Files.createDirectory(dir.resolve("not-a-file.crl"));
        Path inner = Files.createDirectory(directory.resolve("inner"));
        Files.createSymbolicLink(directory.resolve("x.crl"), inner);

        assertThat(CrlSet.load(List.of(directory)).entries()).as("links to directories are skipped too").isEmpty();
    }
}
