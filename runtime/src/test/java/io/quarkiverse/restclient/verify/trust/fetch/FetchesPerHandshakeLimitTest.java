package io.quarkiverse.restclient.verify.trust.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.quarkiverse.restclient.verify.testpki.CaIssuersServer;
import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;
import io.quarkiverse.restclient.verify.testpki.IssuedCertificate;
import io.quarkiverse.restclient.verify.testpki.TlsTestServer;
import io.quarkiverse.restclient.verify.trust.FetchHandshakes;
import io.quarkiverse.restclient.verify.trust.LoopbackLookups;
import io.quarkiverse.restclient.verify.trust.anchors.TrustMaterial;

/**
 * A certificate that names many caIssuers URLs, none of them useful: one handshake fetches only as many as the limit
 * allows, and the rest are reported as not fetched.
 */
class FetchesPerHandshakeLimitTest {

    static final CaIssuersServer ISSUERS = CaIssuersServer.start();
    static final CertificateAuthority ROOT = CertificateAuthority.root("Many URLs Root");
    static final IssuedCertificate LEAF = ROOT.intermediate("Many URLs Intermediate").server("many.test",
            List.of("localhost"), List.of("127.0.0.1"), List.of(ISSUERS.url("/a.cer"), ISSUERS.url("/b.cer"),
                    ISSUERS.url("/c.cer")));
    static final TlsTestServer SERVER = TlsTestServer.start(LEAF.privateKey(), LEAF.leafOnly());

    @AfterAll
    static void stop() {
        SERVER.close();
        ISSUERS.close();
    }

    @Test
    void onlyTwoOfThreeUrlsAreFetched() {
        FetchLimits two = new FetchLimits(64 * 1024, Duration.ofSeconds(2), 4, 2, 20, 3, 256, Duration.ofMinutes(1));
        IntermediateFetchingTrustManager trust = new IntermediateFetchingTrustManager(
                TrustMaterial.pkix(List.of(ROOT.certificate())), new IntermediateFetcher(two), Optional.empty(),
                LoopbackLookups.ALLOWED, repair -> {
                });

        Optional<Throwable> failure = FetchHandshakes.handshake(trust, SERVER);

        assertThat(failure).isPresent();
        assertThat(FetchHandshakes.repairFailure(failure.get()).get().attempts()).extracting(FetchAttempt::outcome)
                .containsExactly("HTTP status 404", "HTTP status 404",
                        "not fetched: the limit of 2 fetches per handshake is reached");
        assertThat(ISSUERS.fetches("/c.cer")).isZero();
    }
}
