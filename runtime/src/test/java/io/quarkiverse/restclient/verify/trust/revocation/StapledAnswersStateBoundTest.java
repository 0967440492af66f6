package io.quarkiverse.restclient.verify.trust.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;
import io.quarkiverse.restclient.verify.testpki.OcspResponder;
import io.quarkiverse.restclient.verify.testpki.Pem;
import io.quarkiverse.restclient.verify.trust.Handshakes;
import io.quarkiverse.restclient.verify.trust.ManyIssued;

/**
 * Servers stapling a new OCSP response on every handshake, as a hostile server could: the answers kept stay at their
 * bound, the least recently used dropped first, so the staple of the server in use is not read and verified again.
 */
class StapledAnswersStateBoundTest {

    @Test
    void thousandsOfStaplesKeepTheBoundAndTheStapleInUse(@TempDir Path directory) throws Exception {
        CertificateAuthority ca = CertificateAuthority.root("Staple Bound CA");
        Path bundle = Pem.write(directory.resolve("ca.pem"), Pem.certificates(ca.certificate()));
        RevocationTrustManager manager = (RevocationTrustManager) Handshakes.manager(Handshakes.trust(bundle),
                Handshakes.policy(RevocationMode.STAPLED, Optional.empty(), SpkiPins.none(), Handshakes.IGNORE));
        try (OcspResponder responder = OcspResponder.start(ca)) {
            Instant now = Instant.now();
            X509Certificate inUse = ManyIssued.issue(ca, "in-use.test", List.of());
            byte[] inUseStaple = responder.recordedGoodAnswer(inUse, Duration.ofMinutes(1));
            X509Certificate oldest = ManyIssued.issue(ca, "oldest.test", List.of());
            byte[] oldestStaple = responder.recordedGoodAnswer(oldest, Duration.ofMinutes(1));
            OcspAnswer oldestAnswer = manager.stapledAnswer(oldestStaple, oldest, ca.certificate(), now);
            OcspAnswer inUseAnswer = manager.stapledAnswer(inUseStaple, inUse, ca.certificate(), now);

            int count = RevocationTrustManager.MAX_STAPLED_ANSWERS * 4;
            for (int i = 0; i < count; i++) {
                X509Certificate certificate = ManyIssued.issue(ca, "server-" + i + ".test", List.of());
                manager.stapledAnswer(responder.recordedGoodAnswer(certificate, Duration.ofMinutes(1)), certificate,
                        ca.certificate(), now);
                // The server in use staples the same response on every handshake.
                assertThat(manager.stapledAnswer(inUseStaple, inUse, ca.certificate(), now))
                        .as("the staple in use, after %d new ones", i + 1).isSameAs(inUseAnswer);
            }

            assertThat(manager.staplesKept()).as("staples kept").isEqualTo(RevocationTrustManager.MAX_STAPLED_ANSWERS);
            assertThat(manager.stapledAnswer(oldestStaple, oldest, ca.certificate(), now))
                    .as("the oldest staple is dropped and read again").isNotSameAs(oldestAnswer);
        }
    }
}
