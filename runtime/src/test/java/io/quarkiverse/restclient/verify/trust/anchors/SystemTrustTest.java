package io.quarkiverse.restclient.verify.trust.anchors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;
import io.quarkiverse.restclient.verify.testpki.Pem;
import io.quarkiverse.restclient.verify.trust.TrustMaterialException;

/**
 * {@code verify=system} on a Linux-like machine: the first bundle file that exists is read, the start-up line names it,
 * and a machine with none is told which package to install. The same store through {@link TrustMaterial}.
 */
class SystemTrustTest {

    private static final X509Certificate CA = CertificateAuthority.root("System Root").certificate();

    @TempDir
    Path dir;

    @AfterEach
    void clear() {
        System.clearProperty(SystemTrust.BUNDLES_PROPERTY);
    }

    @Test
    void theFirstBundleThatExistsIsRead() throws Exception {
        Path missing = dir.resolve("missing.crt");
        Path bundle = Files.writeString(dir.resolve("ca-certificates.crt"), Pem.certificates(CA));
        Path later = Files.writeString(dir.resolve("later.crt"), "not read");
        System.setProperty(SystemTrust.BUNDLES_PROPERTY, missing + "," + bundle + "," + later);

        SystemTrust system = SystemTrust.load();

        assertThat(system.store()).isEqualTo(SystemTrust.Store.BUNDLE_FILE);
        assertThat(system.where()).isEqualTo(bundle.toString());
        assertThat(system.certificates()).containsExactly(CA);
        assertThat(system.stores()).containsExactly(new SystemTrust.Part(bundle.toString(), List.of(CA)));
        assertThat(SystemTrust.limitation()).isEmpty();
        assertThat(system.description()).isEqualTo("system trust " + bundle + " (1 CA certificate)");
        assertThat(TrustMaterial.load(TrustSpec.parse("system"), getClass().getClassLoader()).description())
                .isEqualTo(system.description());
    }

    @Test
    void noBundleAtAllNamesThePackageToInstall() {
        Path missing = dir.resolve("missing.crt");
        System.setProperty(SystemTrust.BUNDLES_PROPERTY, missing.toString());

        assertThatThrownBy(SystemTrust::load).isInstanceOf(TrustMaterialException.class)
                .hasMessage("system trust: none of " + missing + " exists on this machine. Fix: install the"
                        + " distribution's CA package (ca-certificates), or name a bundle file instead of system");
    }

    @Test
    void aDamagedBundleIsNamed() throws Exception {
        Path bundle = Files.writeString(dir.resolve("ca-certificates.crt"), "no certificates here");
        System.setProperty(SystemTrust.BUNDLES_PROPERTY, bundle.toString());

        assertThatThrownBy(SystemTrust::load).isInstanceOf(TrustMaterialException.class)
                .hasMessageStartingWith("system trust " + bundle + ": ");
    }

    @Test
    void onlyTheDistributionsOwnFilesAreItsBundle() throws Exception {
        Path copy = Files.writeString(dir.resolve("bundle.pem"), Pem.certificates(CA));
        assertThat(SystemTrust.isBundleFile(copy)).isFalse();
        for (String candidate : SystemTrust.BUNDLES) {
            if (Files.exists(Path.of(candidate))) {
                assertThat(SystemTrust.isBundleFile(Path.of(candidate))).as(candidate).isTrue();
            }
        }
    }
}
