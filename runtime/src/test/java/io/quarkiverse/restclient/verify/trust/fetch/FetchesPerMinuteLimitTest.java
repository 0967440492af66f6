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
 * Two servers omitting different intermediates, with a limit of one fetch per minute for the whole fetcher: the first
 * is repaired, the second is refused without a request, and its failure says why.
 */
class FetchesPerMinuteLimitTest {

    static final CaIssuersServer ISSUERS = CaIssuersServer.start();
    static final CertificateAuthority ROOT = CertificateAuthority.root("Rate Root");
    static final CertificateAuthority FIRST_CA = ROOT.intermediate("Rate First CA");
    static final CertificateAuthority SECOND_CA = ROOT.intermediate("Rate Second CA");
    static final IssuedCertificate FIRST = FIRST_CA.server("first.test", List.of("localhost"), List.of("127.0.0.1"),
            List.of(ISSUERS.certificate("/first.cer", FIRST_CA.certificate()).url("/first.cer")));
    static final IssuedCertificate SECOND = SECOND_CA.server("second.test", List.of("localhost"),
            List.of("127.0.0.1"), List.of(ISSUERS.certificate("/second.cer", SECOND_CA.certificate()).url("/second.cer")));
    static final TlsTestServer FIRST_SERVER = TlsTestServer.start(FIRST.privateKey(), FIRST.leafOnly());
    static final TlsTestServer SECOND_SERVER = TlsTestServer.start(SECOND.privateKey(), SECOND.leafOnly());

    @AfterAll
    static void stop() {
        FIRST_SERVER.close();
        SECOND_SERVER.close();
        ISSUERS.close();
    }

    @Test
    void theSecondFetchWithinAMinuteIsNotMade() {
        FetchLimits onePerMinute = new FetchLimits(64 * 1024, Duration.ofSeconds(2), 4, 4, 1, 3, 256,
                Duration.ofMinutes(1));
        IntermediateFetchingTrustManager trust = new IntermediateFetchingTrustManager(
                TrustMaterial.pkix(List.of(ROOT.certificate())), new IntermediateFetcher(onePerMinute),
                Optional.empty(), LoopbackLookups.ALLOWED, repair -> {
                });

        assertThat(FetchHandshakes.handshake(trust, FIRST_SERVER)).isEmpty();
        Optional<Throwable> second = FetchHandshakes.handshake(trust, SECOND_SERVER);

        assertThat(second).isPresent();
        assertThat(FetchHandshakes.repairFailure(second.get()).get().attempts()).extracting(FetchAttempt::outcome)
                .containsExactly("not fetched: the limit of 1 fetches per minute is reached");
        assertThat(ISSUERS.fetches("/second.cer")).isZero();
        // The first server's intermediate is remembered: its handshakes need no fetch, within the limit or not.
        assertThat(FetchHandshakes.handshake(trust, FIRST_SERVER)).isEmpty();
        assertThat(ISSUERS.fetches("/first.cer")).isEqualTo(1);
    }
}
