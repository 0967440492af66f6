package io.quarkiverse.restclient.verify.trust.anchors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;
import io.quarkiverse.restclient.verify.testpki.Pem;
import io.quarkiverse.restclient.verify.trust.MozillaBundles;
import io.quarkiverse.restclient.verify.trust.TrustMaterialException;

/**
 * The real artifact on the class path: {@code verify=mozilla} loads its 150 roots of release 2.74 with nine dated
 * roots; {@code mozilla,<file>} is a union; without the artifact the error names it.
 */
class MozillaBundleOnClassPathTest {

    @Test
    void realArtifactLoadsRelease274() {
        MozillaCaBundle bundle = MozillaCaBundle.load(getClass().getClassLoader());

        assertThat(bundle.release()).isEqualTo("2.74");
        assertThat(bundle.releaseDate()).isEqualTo(LocalDate.of(2025, 4, 19));
        assertThat(bundle.certificates()).hasSize(150);
        assertThat(bundle.distrustAfter()).hasSize(9);
        assertThat(TrustMaterial.load(TrustSpec.parse("mozilla"), getClass().getClassLoader()).description())
                .isEqualTo("Mozilla CA bundle 2.74 of 2025-04-19 (150 CA certificates)");
    }

    @Test
    void unionWithAFileAddsItsCa(@TempDir Path directory) {
        Path corp = Pem.write(directory.resolve("corp.pem"),
                Pem.certificates(CertificateAuthority.root("Corp Root").certificate()));

        TrustMaterial material = TrustMaterial.load(TrustSpec.parse("mozilla," + corp), getClass().getClassLoader());

        assertThat(material.description()).startsWith("Mozilla CA bundle 2.74 of 2025-04-19 (150 CA certificates) + file ");
        assertThat(material.anchors()).hasSize(151);
        // The trust manager offers the anchors valid now: some of release 2.74's roots have expired since.
        java.util.Date now = new java.util.Date();
        assertThat(material.trustManager().getAcceptedIssuers())
                .contains(material.anchors().get(material.anchors().size() - 1))
                .hasSize((int) material.anchors().stream()
                        .filter(ca -> !now.before(ca.getNotBefore()) && !now.after(ca.getNotAfter())).count());
    }

    @Test
    void withoutTheArtifactTheErrorNamesIt(@TempDir Path directory) throws Exception {
        Files.createDirectories(directory);

        assertThatThrownBy(() -> TrustMaterial.load(TrustSpec.parse("Mozilla"), MozillaBundles.onlyThis(directory)))
                .isInstanceOf(TrustMaterialException.class)
                .hasMessageContaining("not on the class path")
                .hasMessageContaining("add the dependency"
                        + " io.quarkiverse.restclientverify:quarkus-rest-client-verify-mozilla-ca");
    }
}
