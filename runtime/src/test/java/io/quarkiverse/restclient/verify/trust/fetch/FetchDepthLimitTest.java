package io.quarkiverse.restclient.verify.trust.fetch;

import static org.assertj.core.api.Assertions.assertThat;

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
 * A server that leaves out five intermediates, each naming where the next is: the client adds at most four
 * certificates to a chain, so it stops there and says so, while the same chain one level shorter is repaired.
 */
class FetchDepthLimitTest {

    static final CaIssuersServer ISSUERS = CaIssuersServer.start();
    static final CertificateAuthority ROOT = CertificateAuthority.root("Depth Root");
    static final IssuedCertificate FIVE_DEEP = chain(5);
    static final IssuedCertificate FOUR_DEEP = chain(4);
    static final TlsTestServer FIVE = TlsTestServer.start(FIVE_DEEP.privateKey(), FIVE_DEEP.leafOnly());
    static final TlsTestServer FOUR = TlsTestServer.start(FOUR_DEEP.privateKey(), FOUR_DEEP.leafOnly());

    /** Root, then {@code levels} intermediates each served at its own URL, then a leaf naming the lowest one. */
    private static IssuedCertificate chain(int levels) {
        CertificateAuthority ca = ROOT.intermediate("Depth " + levels + " CA 1");
        for (int i = 2; i <= levels; i++) {
            String path = "/depth-" + levels + "-" + (i - 1) + ".cer";
            ISSUERS.certificate(path, ca.certificate());
            ca = ca.intermediate("Depth " + levels + " CA " + i, List.of(ISSUERS.url(path)));
        }
        String path = "/depth-" + levels + "-" + levels + ".cer";
        ISSUERS.certificate(path, ca.certificate());
        return ca.server("deep.test", List.of("localhost"), List.of("127.0.0.1"), List.of(ISSUERS.url(path)));
    }

    @AfterAll
    static void stop() {
        FIVE.close();
        FOUR.close();
        ISSUERS.close();
    }

    @Test
    void fiveMissingLevelsAreTooMany() {
        IntermediateFetchingTrustManager trust = new IntermediateFetchingTrustManager(
                TrustMaterial.pkix(List.of(ROOT.certificate())), new IntermediateFetcher(FetchLimits.DEFAULT),
                Optional.empty(), LoopbackLookups.ALLOWED, repair -> {
                });

        Optional<Throwable> failure = FetchHandshakes.handshake(trust, FIVE);

        assertThat(failure).isPresent();
        assertThat(FetchHandshakes.repairFailure(failure.get()).get().getMessage())
                .contains("stopped: 4 certificates were added to this chain, the most allowed");
        // The fifth, the one under the root, was never asked for.
        assertThat(ISSUERS.fetches("/depth-5-1.cer")).isZero();
        assertThat(ISSUERS.fetches("/depth-5-2.cer")).isEqualTo(1);
    }

    @Test
    void fourMissingLevelsAreRepaired() {
        IntermediateFetchingTrustManager trust = new IntermediateFetchingTrustManager(
                TrustMaterial.pkix(List.of(ROOT.certificate())), new IntermediateFetcher(FetchLimits.DEFAULT),
                Optional.empty(), LoopbackLookups.ALLOWED, repair -> {
                });

        assertThat(FetchHandshakes.handshake(trust, FOUR)).isEmpty();
    }
}
