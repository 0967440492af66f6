package io.quarkiverse.restclient.verify.trust.revocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.X509ExtendedTrustManager;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;
import io.quarkiverse.restclient.verify.testpki.IssuedCertificate;
import io.quarkiverse.restclient.verify.testpki.OcspResponder;
import io.quarkiverse.restclient.verify.testpki.Pem;
import io.quarkiverse.restclient.verify.testpki.TlsTestServer;
import io.quarkiverse.restclient.verify.trust.Handshakes;

/**
 * A server staples a GOOD answer without nextUpdate that it recorded 400 days ago, while the responder now says
 * REVOKED. The replayed answer must not vouch for the certificate: under hard-fail the client asks the responder and
 * refuses the revoked certificate; under stapled the replay is no answer; a cached staple without nextUpdate ages out.
 */
class ReplayedStapleTest {

    static final CertificateAuthority ROOT_CA = CertificateAuthority.root("Replay Root");
    static final OcspResponder RESPONDER = OcspResponder.start(ROOT_CA);
    static final CertificateAuthority ROOT = ROOT_CA.withOcspResponder(RESPONDER.uri());
    static final IssuedCertificate REPLAYED = ROOT.server("replayed.test", List.of("localhost"),
            List.of("127.0.0.1"));
    static final IssuedCertificate FRESH = ROOT.server("fresh.test", List.of("localhost"), List.of("127.0.0.1"));
    static final Path BUNDLE = Handshakes.write(Handshakes.tempDir("replayed-staple").resolve("ca.pem"),
            Pem.certificates(ROOT.certificate()));
    static final List<TlsTestServer> SERVERS = new ArrayList<>();

    @AfterAll
    static void stop() {
        TlsTestServer.closeAll(SERVERS);
        RESPONDER.close();
    }

    @Test
    void aReplayedGoodStapleDoesNotBeatTheRespondersRevokedUnderHardFail() {
        RESPONDER.revoke(REPLAYED.certificate());
        RESPONDER.answerNextWith(RESPONDER.recordedGoodAnswer(REPLAYED.certificate(), Duration.ofDays(400)));
        // The server staples only when it holds the issuer: it sends the root along.
        TlsTestServer server = track(TlsTestServer.builder(REPLAYED.privateKey(),
                List.of(REPLAYED.certificate(), ROOT.certificate())).stapleOcsp().start());

        Exception failure = Handshakes.handshake(manager(RevocationMode.HARD_FAIL), server);

        assertThat(failure).isInstanceOf(RevokedCertificateException.class);
        assertThat(((RevokedCertificateException) failure).source()).isEqualTo("OCSP responder " + RESPONDER.uri());
        assertThat(RESPONDER.requests()).as("the server fetched the replay, the client asked the responder")
                .isEqualTo(2);
    }

    @Test
    void aReplayedStapleIsNoAnswerUnderStapled() throws Exception {
        byte[] replayed = RESPONDER.recordedGoodAnswer(FRESH.certificate(), Duration.ofDays(400));
        RevocationTrustManager manager = (RevocationTrustManager) manager(RevocationMode.STAPLED);

        assertThatThrownBy(() -> manager.stapledAnswer(replayed, FRESH.certificate(), ROOT.certificate(),
                Instant.now())).isInstanceOf(OcspAnswer.Unusable.class)
                .hasMessageContaining("has no nextUpdate");
    }

    @Test
    void aCachedStapleWithoutNextUpdateIsNotUsedAfterTheWindow() throws Exception {
        byte[] recent = RESPONDER.recordedGoodAnswer(FRESH.certificate(), Duration.ofMinutes(1));
        RevocationTrustManager manager = (RevocationTrustManager) manager(RevocationMode.STAPLED);
        Instant now = Instant.now();

        assertThat(manager.stapledAnswer(recent, FRESH.certificate(), ROOT.certificate(), now).status())
                .isEqualTo(OcspAnswer.Status.GOOD);
        assertThatThrownBy(() -> manager.stapledAnswer(recent, FRESH.certificate(), ROOT.certificate(),
                now.plus(Duration.ofHours(2)))).isInstanceOf(OcspAnswer.Unusable.class);
        // Within the window the same answer is still good, read again after the stale one was dropped.
        assertThat(manager.stapledAnswer(recent, FRESH.certificate(), ROOT.certificate(),
                now.plus(Duration.ofMinutes(30))).status()).isEqualTo(OcspAnswer.Status.GOOD);
    }

    private static X509ExtendedTrustManager manager(RevocationMode mode) {
        return Handshakes.manager(Handshakes.trust(BUNDLE), Handshakes.policy(mode, Optional.empty(),
                SpkiPins.none(), Handshakes.IGNORE));
    }

    private static synchronized TlsTestServer track(TlsTestServer server) {
        SERVERS.add(server);
        return server;
    }
}
