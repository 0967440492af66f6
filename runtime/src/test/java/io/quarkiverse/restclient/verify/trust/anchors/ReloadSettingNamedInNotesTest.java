package io.quarkiverse.restclient.verify.trust.anchors;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;
import io.quarkiverse.restclient.verify.testpki.Pem;

/**
 * A CA directory without hash names is loaded whole, and the INFO note names the reload setting as the application
 * hands it in: the trust packages spell no property of their own.
 */
class ReloadSettingNamedInNotesTest {

    @TempDir
    Path dir;

    @Test
    void theNoteNamesTheSettingHandedIn() throws Exception {
        Files.writeString(dir.resolve("corp.pem"), Pem.certificates(CertificateAuthority.root("Notes Root").certificate()));

        TrustMaterial material = TrustMaterial.load(TrustSpec.path(dir.toString()), getClass().getClassLoader(),
                Map.of(), "quarkus.rest-client.verify-reload-period");

        assertThat(material.notes()).singleElement().asString().endsWith("CA files added to it later are not seen"
                + " until a restart or, with quarkus.rest-client.verify-reload-period, the next reload");
    }

    @Test
    void withoutANameTheBareSettingIsNamed() throws Exception {
        Files.writeString(dir.resolve("corp.pem"), Pem.certificates(CertificateAuthority.root("Notes Root").certificate()));

        assertThat(TrustMaterial.load(TrustSpec.path(dir.toString()), getClass().getClassLoader()).notes())
                .singleElement().asString().contains("with verify-reload-period, the next reload");
    }
}
