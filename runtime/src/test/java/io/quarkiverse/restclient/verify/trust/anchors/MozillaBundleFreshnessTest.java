package io.quarkiverse.restclient.verify.trust.anchors;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;
import io.quarkiverse.restclient.verify.trust.MozillaBundles;

/**
 * A Mozilla CA bundle older than 12 months gives one start-up warning (the recorder logs a material's warnings
 * as WARN) naming the artifact to upgrade; a fresh one gives none.
 */
class MozillaBundleFreshnessTest {

    private static final CertificateAuthority ROOT = CertificateAuthority.root("Freshness Root");

    @Test
    void oldReleaseWarnsAndFreshReleaseDoesNot(@TempDir Path directory) {
        ClassLoader old = new MozillaBundles().add(ROOT.certificate(), null)
                .released("2.40", LocalDate.now().minusMonths(13), directory.resolve("old"));
        ClassLoader fresh = new MozillaBundles().add(ROOT.certificate(), null)
                .released("2.70", LocalDate.now().minusMonths(11), directory.resolve("fresh"));

        assertThat(TrustMaterial.load(TrustSpec.parse("mozilla"), old).warnings()).singleElement().asString()
                .contains("the Mozilla CA bundle 2.40 was released on " + LocalDate.now().minusMonths(13))
                .contains("13 months ago (more than 12)")
                .contains("upgrade io.quarkiverse.restclientverify:quarkus-rest-client-verify-mozilla-ca")
                .contains("pip install -U certifi");
        assertThat(TrustMaterial.load(TrustSpec.parse("mozilla"), fresh).warnings()).isEmpty();
    }

    @Test
    void theRealBundleIsStaleOnlyAfterTwelveMonths() {
        MozillaCaBundle bundle = MozillaCaBundle.load(getClass().getClassLoader());
        Instant releaseDay = bundle.releaseDate().atStartOfDay().toInstant(ZoneOffset.UTC);

        assertThat(bundle.staleness(Clock.fixed(releaseDay.plusSeconds(364L * 86400), ZoneOffset.UTC))).isEmpty();
        assertThat(bundle.staleness(Clock.fixed(releaseDay.plusSeconds(367L * 86400), ZoneOffset.UTC))).isPresent();
    }
}
