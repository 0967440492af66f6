package io.quarkiverse.restclient.verify.trust.anchors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.SSLHandshakeException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkiverse.restclient.verify.SslVerificationException;
import io.quarkiverse.restclient.verify.config.ClientKeys;
import io.quarkiverse.restclient.verify.diagnosis.DiagnosisContext;
import io.quarkiverse.restclient.verify.diagnosis.HandshakeDiagnosis;
import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;
import io.quarkiverse.restclient.verify.testpki.Pem;
import io.quarkiverse.restclient.verify.testpki.TlsTestServer;
import io.quarkiverse.restclient.verify.trust.MozillaBundles;

/**
 * A root with a distrust-after date (Mozilla's {@code CKA_NSS_SERVER_DISTRUST_AFTER}): a server certificate issued
 * after the date is rejected at the handshake and explained as {@code DISTRUSTED_ROOT}; one issued before it
 * passes; the same chains pass with the root in a plain file, which has no dates.
 */
class MozillaDistrustAfterTest {

    private static final Instant DISTRUST_AFTER = Instant.now().minus(Duration.ofDays(10))
            .truncatedTo(ChronoUnit.SECONDS);
    private static final CertificateAuthority ROOT = CertificateAuthority.root("Distrusted Mozilla Root");
    private static final CertificateAuthority ISSUING = ROOT.intermediate("Distrusted Issuing CA",
            Instant.now().minus(Duration.ofDays(60)), Instant.now().plus(Duration.ofDays(365)));

    @Test
    void leafIssuedAfterTheDateFailsExplainedAndOneIssuedBeforePasses(@TempDir Path directory) throws Exception {
        ClassLoader classLoader = new MozillaBundles().add(ROOT.certificate(), DISTRUST_AFTER)
                .released("9.99", LocalDate.now(), directory.resolve("cp"));
        TrustMaterial material = TrustMaterial.load(TrustSpec.parse("mozilla"), classLoader);
        Instant issuedAfter = DISTRUST_AFTER.plus(Duration.ofDays(1));
        Instant issuedBefore = DISTRUST_AFTER.minus(Duration.ofDays(1));
        Instant notAfter = Instant.now().plus(Duration.ofDays(90));

        try (TlsTestServer newer = TlsTestServer.start(ISSUING.server("localhost", List.of("localhost"),
                List.of("127.0.0.1"), issuedAfter, notAfter));
                TlsTestServer older = TlsTestServer.start(ISSUING.server("localhost", List.of("localhost"),
                        List.of("127.0.0.1"), issuedBefore, notAfter))) {
            Throwable failure = catchThrowable(() -> MozillaBundles.handshake(material, newer));

            assertThat(failure).isInstanceOf(SSLHandshakeException.class);
            assertThat(failure).hasRootCauseInstanceOf(DistrustedRootException.class);
            SslVerificationException explained = HandshakeDiagnosis.explain(failure, new DiagnosisContext("github",
                    ClientKeys.named("github"), material.description(), "mozilla", true, newer.host(),
                    newer.port(), null, false), Optional.empty()).orElseThrow();
            assertThat(explained.reason()).isEqualTo(SslVerificationException.Reason.DISTRUSTED_ROOT);
            assertThat(explained.getMessage())
                    .contains("under the root 'CN=Distrusted Mozilla Root,O=Verify Tests'")
                    .contains("distrusts for TLS server certificates issued after " + DISTRUST_AFTER)
                    .contains("was issued on " + issuedAfter.truncatedTo(ChronoUnit.SECONDS))
                    .contains("Have the server's certificate reissued by a CA Mozilla trusts today")
                    .contains("quarkus.rest-client.github.verify=/path/to/that-ca.pem");

            MozillaBundles.handshake(material, older);

            // Without mozilla, the same root in a plain file carries no date: the newer certificate passes.
            Path file = Pem.write(directory.resolve("root.pem"), Pem.certificates(ROOT.certificate()));
            MozillaBundles.handshake(TrustMaterial.load(TrustSpec.parse(file.toString()), classLoader), newer);
        }
    }
}
