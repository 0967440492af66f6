package io.quarkiverse.restclient.verify.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.quarkiverse.restclient.verify.trust.files.CertificateFileReader;

/**
 * A file of very many PEM blocks that are not certificates, each with a label of its own: read in linear time, and
 * the error names a handful of labels, not all of them.
 */
class ManyDistinctPemLabelsTest {

    @Test
    void twoHundredThousandLabelsAreScannedQuicklyAndSummarised() {
        StringBuilder pem = new StringBuilder();
        for (int i = 0; i < 200_000; i++) {
            pem.append("-----BEGIN LABEL ").append(i).append("-----\n-----END LABEL ").append(i).append("-----\n");
        }
        byte[] content = pem.toString().getBytes(StandardCharsets.US_ASCII);
        // Quadratic before: 40 s for this file, and a 1.7 MB message.
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThatThrownBy(
                () -> CertificateFileReader.read("labels.pem", content))
                .isInstanceOf(TrustMaterialException.class)
                .hasMessage("no certificate found (200000 PEM blocks, none of them a CERTIFICATE; found LABEL 0,"
                        + " LABEL 1, LABEL 2, LABEL 3, LABEL 4 and 199995 more)"));
    }

    @Test
    void aHugeLabelIsCutAndItsControlCharactersEscaped() {
        String label = "X\u001b[31m" + "A".repeat(100_000);
        byte[] content = ("-----BEGIN " + label + "-----\n-----END " + label + "-----\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> CertificateFileReader.read("label.pem", content))
                .isInstanceOf(TrustMaterialException.class)
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(300)
                        .contains("X\\u001b[31mAAAA").contains("more characters)").doesNotContain("\u001b"));
    }
}
