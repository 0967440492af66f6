package io.quarkiverse.restclient.verify.trust.anchors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;
import io.quarkiverse.restclient.verify.testpki.Pem;

class TrustMaterialTest {

    private static final CertificateAuthority ROOT = CertificateAuthority.root("Material Root");
    private static final CertificateAuthority OTHER = CertificateAuthority.root("Material Other");

    @TempDir
    Path dir;

    @Test
    void aUnionOfSourcesIsDescribedPartByPartAndLoadsEachCertificateOnce() {
        Path one = Pem.write(dir.resolve("one.pem"), Pem.certificates(ROOT.certificate()));
        Path both = Pem.write(dir.resolve("both.pem"), Pem.certificates(ROOT.certificate(), OTHER.certificate()));
        TrustMaterial material = TrustMaterial.load(TrustSpec.parse(one + "," + both), getClass().getClassLoader());
        assertThat(material.description())
                .isEqualTo("file " + one + " (1 CA certificate) + file " + both + " (2 CA certificates)");
        assertThat(material.anchors()).containsExactly(ROOT.certificate(), OTHER.certificate());
        assertThat(material.warnings()).isEmpty();
    }

    @Test
    void defaultAloneIsTheJdksOwnTrustManager() {
        TrustMaterial material = TrustMaterial.load(TrustSpec.parse("default"), getClass().getClassLoader());
        assertThat(material.trustManager()).isSameAs(JdkDefaultTrust.trustManager());
        assertThat(material.description()).matches("JDK default trust \\(\\d+ CA certificates\\)");
    }

    @Test
    void falseTrustsEverythingAndSaysSo() {
        TrustMaterial material = TrustMaterial.load(TrustSpec.parse("false"), getClass().getClassLoader());
        assertThat(material.insecure()).isTrue();
        assertThat(material.trustManager()).isSameAs(InsecureTrustManager.INSTANCE);
        assertThat(material.description()).contains("no certificate chain or hostname checks");
    }

    @Test
    void expiredAndNonCaCertificatesAreWarningsNotErrors() {
        CertificateAuthority retired = CertificateAuthority.root("Retired", Instant.parse("2010-01-01T00:00:00Z"),
                Instant.parse("2012-01-01T00:00:00Z"));
        Path bundle = Pem.write(dir.resolve("mixed.pem"), Pem.certificates(retired.certificate(),
                ROOT.server("leaf", List.of("localhost"), List.of()).certificate()));
        TrustMaterial material = TrustMaterial.load(TrustSpec.parse(bundle.toString()), getClass().getClassLoader());
        assertThat(material.warnings()).hasSize(2);
        assertThat(material.warnings().get(0)).contains("'CN=Retired,O=Verify Tests' has expired")
                .contains("2010-01-01T00:00:00Z to 2012-01-01T00:00:00Z");
        assertThat(material.warnings().get(1)).contains("'CN=leaf,O=Verify Tests' is not a CA certificate");
    }

    @Test
    void aMissingClasspathResourceNamesWhereToPutIt() {
        assertThatThrownBy(() -> TrustMaterial.load(TrustSpec.parse("classpath:certs/none.pem"),
                getClass().getClassLoader()))
                .hasMessage("classpath:certs/none.pem does not exist in the application. Fix: put the bundle under"
                        + " src/main/resources/certs/none.pem, or use a file path");
    }
}
