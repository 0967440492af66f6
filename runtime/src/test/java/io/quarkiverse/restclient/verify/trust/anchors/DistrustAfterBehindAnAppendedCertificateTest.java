package io.quarkiverse.restclient.verify.trust.anchors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

import javax.net.ssl.SSLHandshakeException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;
import io.quarkiverse.restclient.verify.testpki.IssuedCertificate;
import io.quarkiverse.restclient.verify.testpki.TlsTestServer;
import io.quarkiverse.restclient.verify.trust.MozillaBundles;

/**
 * A server under a root with a distrust-after date appends an unrelated certificate after its chain. The root is
 * judged from the validated path, not from the last certificate presented, so the chain is still distrusted.
 */
class DistrustAfterBehindAnAppendedCertificateTest {

    private static final Instant DISTRUST_AFTER = Instant.now().minus(Duration.ofDays(10))
            .truncatedTo(ChronoUnit.SECONDS);
    private static final CertificateAuthority ROOT = CertificateAuthority.root("Dated Root Behind Padding");

    @Test
    void anAppendedCertificateDoesNotHideTheDatedRoot(@TempDir Path directory) throws Exception {
        ClassLoader classLoader = new MozillaBundles().add(ROOT.certificate(), DISTRUST_AFTER)
                .released("9.99", LocalDate.now(), directory.resolve("cp"));
        TrustMaterial material = TrustMaterial.load(TrustSpec.parse("mozilla"), classLoader);
        IssuedCertificate leaf = ROOT.server("localhost", List.of("localhost"), List.of("127.0.0.1"),
                DISTRUST_AFTER.plus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(90)));
        X509Certificate unrelated = CertificateAuthority.root("Unrelated Padding").certificate();

        try (TlsTestServer padded = TlsTestServer.start(leaf.privateKey(), List.of(leaf.certificate(), unrelated))) {
            Throwable failure = catchThrowable(() -> MozillaBundles.handshake(material, padded));

            assertThat(failure).isInstanceOf(SSLHandshakeException.class);
            assertThat(failure).hasRootCauseInstanceOf(DistrustedRootException.class);
        }
    }
}
