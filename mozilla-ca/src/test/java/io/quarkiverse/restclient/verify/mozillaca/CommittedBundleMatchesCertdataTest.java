package io.quarkiverse.restclient.verify.mozillaca;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The committed bundle is exactly what the generator makes of the committed {@code certdata.txt}: nobody edited it
 * by hand, and a regeneration was not forgotten after updating the data.
 */
class CommittedBundleMatchesCertdataTest {

    private static final Path CERTDATA = Path.of("src/certdata");

    @Test
    void committedBundleIsTheGeneratorsOutput() throws IOException {
        String expected = MozillaCaBundleGenerator.generate(read("certdata.txt"), read("nssckbi.h"),
                read("debian-version.txt").strip());

        assertThat(committedBundle()).isEqualTo(expected);
    }

    @Test
    void carriesRelease260With140ServerRootsAndThreeDistrustDates() throws Exception {
        MozillaCaBundleGenerator.Release release = MozillaCaBundleGenerator.release(read("nssckbi.h"),
                read("debian-version.txt").strip());
        List<MozillaCaBundleGenerator.Root> roots = MozillaCaBundleGenerator.parse(read("certdata.txt"));

        assertThat(release.release()).isEqualTo("2.60");
        assertThat(release.date()).isEqualTo(LocalDate.of(2023, 3, 11));
        assertThat(roots).hasSize(140);
        assertThat(roots).filteredOn(root -> root.distrustAfter().isPresent())
                .extracting(MozillaCaBundleGenerator.Root::label)
                .containsExactly("TrustCor RootCert CA-1", "TrustCor RootCert CA-2", "TrustCor ECA-1");
        assertThat(roots).filteredOn(root -> root.distrustAfter().isPresent())
                .allSatisfy(root -> assertThat(root.distrustAfter()).contains(Instant.parse("2022-11-30T00:00:00Z")));
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        for (MozillaCaBundleGenerator.Root root : roots) {
            X509Certificate certificate = (X509Certificate) factory
                    .generateCertificate(new ByteArrayInputStream(root.der()));
            // A root: self-issued and a CA.
            assertThat(certificate.getSubjectX500Principal()).as(root.label())
                    .isEqualTo(certificate.getIssuerX500Principal());
            assertThat(certificate.getBasicConstraints()).as(root.label()).isGreaterThanOrEqualTo(0);
        }
        // In certdata.txt but not trusted to issue TLS server certificates (e-mail only): left out.
        assertThat(read("certdata.txt")).contains("CKA_LABEL UTF8 \"Certum Root CA\"");
        assertThat(roots).extracting(MozillaCaBundleGenerator.Root::label).doesNotContain("Certum Root CA");
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
