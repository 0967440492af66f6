package io.quarkiverse.restclient.verify.trust.anchors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import javax.net.ssl.SSLHandshakeException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;
import io.quarkiverse.restclient.verify.testpki.TlsTestServer;
import io.quarkiverse.restclient.verify.trust.MozillaBundles;
import io.quarkiverse.restclient.verify.trust.TrustMaterialException;

/**
 * A file named like the artifact's bundle, elsewhere on the class path (another jar, the application), with a later
 * release date and a root of its own, does not replace Mozilla's trust: {@code verify=mozilla} reads the bundle next
 * to the artifact's marker class only, wherever the planted copy comes in the class path.
 */
class MozillaBundleOnlyFromItsArtifactTest {

    private static final CertificateAuthority PLANTED_ROOT = CertificateAuthority.root("Planted Mozilla Root");

    @Test
    void aPlantedBundleIsIgnoredBeforeOrAfterTheArtifact(@TempDir Path directory) throws Exception {
        Path planted = new MozillaBundles().add(PLANTED_ROOT.certificate(), null)
                .write("99.99", LocalDate.now(), directory);
        URL artifact = MozillaBundles.realArtifact();
        try (TlsTestServer server = TlsTestServer.start(PLANTED_ROOT.server("localhost", List.of("localhost"),
                List.of("127.0.0.1")))) {
            for (URL[] classPath : List.of(new URL[] { planted.toUri().toURL(), artifact },
                    new URL[] { artifact, planted.toUri().toURL() })) {
                try (URLClassLoader loader = new URLClassLoader(classPath, ClassLoader.getPlatformClassLoader())) {
                    TrustMaterial material = TrustMaterial.load(TrustSpec.parse("mozilla"), loader);
                    assertThat(material.description()).isEqualTo(
                            "Mozilla CA bundle 2.74 of 2025-04-19 (150 CA certificates)");
                    assertThatThrownBy(() -> MozillaBundles.handshake(material, server))
                            .isInstanceOf(SSLHandshakeException.class).hasMessageContaining("PKIX path");
                }
            }
        }
    }

    @Test
    void aPlantedBundleWithoutTheArtifactIsNotUsedAndTheMessageSaysSo(@TempDir Path directory) throws Exception {
        Path planted = new MozillaBundles().add(PLANTED_ROOT.certificate(), null)
                .write("99.99", LocalDate.now(), directory);
        try (URLClassLoader loader = new URLClassLoader(new URL[] { planted.toUri().toURL() },
                ClassLoader.getPlatformClassLoader())) {
            assertThatThrownBy(() -> TrustMaterial.load(TrustSpec.parse("mozilla"), loader))
                    .isInstanceOf(TrustMaterialException.class)
                    .hasMessageStartingWith("mozilla names the Mozilla CA bundle, which is not on the class path ("
                            + MozillaCaBundle.RESOURCE + " at " + planted.toUri().toURL() + MozillaCaBundle.RESOURCE
                            + " is not the artifact's and is ignored). Fix: add the dependency "
                            + MozillaCaBundle.ARTIFACT);
        }
    }
}
