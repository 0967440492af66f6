package io.quarkiverse.restclient.verify.mozillaca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The committed bundle is exactly what the generator makes of the committed {@code src/certdata}: nobody edited it
 * by hand, and a regeneration was not forgotten after updating the data. The runtime module's
 * {@code MozillaBundleMatchesCertdataTest} reads {@code certdata.txt} independently of the generator.
 */
class CommittedBundleMatchesCertdataTest {

    private static final Path CERTDATA = Path.of("src/certdata");

    @Test
    void committedBundleIsTheGeneratorsOutput() throws IOException {
        String expected = MozillaCaBundleGenerator.generate(read("certdata.txt"), read("nssckbi.h"),
                read("debian-changelog"), read("debian-source.properties"));

        assertThat(committedBundle()).isEqualTo(expected);
    }

    @Test
    void carriesRelease274FromDebian20250419With150ServerRoots() throws Exception {
        MozillaCaBundleGenerator.Release release = MozillaCaBundleGenerator.release(read("nssckbi.h"),
                read("debian-changelog"), MozillaCaBundleGenerator.DebianSource.parse(read("debian-source.properties")));
        List<MozillaCaBundleGenerator.Root> roots = MozillaCaBundleGenerator.parse(read("certdata.txt"));

        assertThat(release.release()).isEqualTo("2.74");
        assertThat(release.date()).isEqualTo(LocalDate.of(2025, 4, 19));
        assertThat(release.source()).isEqualTo("Debian ca-certificates 20250419 (sid), mozilla/certdata.txt");
        assertThat(roots).hasSize(150);
        assertThat(roots).filteredOn(root -> root.distrustAfter().isPresent()).hasSize(9);
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        for (MozillaCaBundleGenerator.Root root : roots) {
            X509Certificate certificate = (X509Certificate) factory
                    .generateCertificate(new ByteArrayInputStream(root.der()));
            // A root: self-issued and a CA.
            assertThat(certificate.getSubjectX500Principal()).as(root.label())
                    .isEqualTo(certificate.getIssuerX500Principal());
            assertThat(certificate.getBasicConstraints()).as(root.label()).isGreaterThanOrEqualTo(0);
        }
    }

    @Test
    void releaseDateIsTheChangelogEntryThatImportedTheNssVersionNotTheNewestEntry() {
        // Debian 12's stable update of 2025 still carries the data imported in 2023.
        String changelog = """
                ca-certificates (20230311+deb12u1) bookworm; urgency=medium

                  * Add 2 Sectigo roots that are in active use; these roots were included in the Mozilla bundle
                    version 2.62.

                 -- Julien Cristau <jcristau@debian.org>  Fri, 13 Jun 2025 10:03:42 +0200

                ca-certificates (20230311) unstable; urgency=medium

                  * Update Mozilla certificate authority bundle to version 2.60
                    The following certificate authorities were added (+):

                 -- Julien Cristau <jcristau@debian.org>  Sat, 11 Mar 2023 14:22:10 +0100

                ca-certificates (20211016) unstable; urgency=medium

                  * Update Mozilla certificate authority bundle to version 2.600

                 -- Julien Cristau <jcristau@debian.org>  Sat, 16 Oct 2021 10:00:00 +0200
                """;
        String nssckbi = "#define NSS_BUILTINS_LIBRARY_VERSION \"2.60\"\n";

        assertThat(MozillaCaBundleGenerator.release(nssckbi, changelog,
                new MozillaCaBundleGenerator.DebianSource("20230311+deb12u1", "bookworm")).date())
                .isEqualTo(LocalDate.of(2023, 3, 11));
        // A changelog of another version, or one that never imported this release, has no date to give.
        assertThatThrownBy(() -> MozillaCaBundleGenerator.release(nssckbi, changelog,
                new MozillaCaBundleGenerator.DebianSource("20250419", "sid")))
                .hasMessageContaining("not the changelog of ca-certificates 20250419 (its newest entry is 20230311+deb12u1)");
        assertThatThrownBy(() -> MozillaCaBundleGenerator.release("#define NSS_BUILTINS_LIBRARY_VERSION \"2.62\"\n",
                changelog, new MozillaCaBundleGenerator.DebianSource("20230311+deb12u1", "bookworm")))
                .hasMessageContaining("updated the bundle to version 2.62");
    }

    private static String committedBundle() throws IOException {
        try (InputStream in = CommittedBundleMatchesCertdataTest.class.getClassLoader()
                .getResourceAsStream("META-INF/quarkus-rest-client-verify/mozilla-ca.pem")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String read(String name) throws IOException {
        return Files.readString(CERTDATA.resolve(name), StandardCharsets.UTF_8);
    }
}
