package io.quarkiverse.restclient.verify.trust.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.CertificateExpiredException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
 * The intermediate at the caIssuers URL issued the server's certificate but has expired: the completed chain is
 * judged like any other and refused for the date, and the failure says the fetched certificate was rejected.
 */
class ExpiredFetchedIntermediateTest {

    static final CaIssuersServer ISSUERS = CaIssuersServer.start();
    static final CertificateAuthority ROOT = CertificateAuthority.root("Expiry Root");
    static final CertificateAuthority EXPIRED = ROOT.intermediate("Expired Intermediate",
            Instant.now().minus(Duration.ofDays(400)), Instant.now().minus(Duration.ofDays(1)));
    static final IssuedCertificate LEAF = EXPIRED.server("late.test", List.of("localhost"), List.of("127.0.0.1"),
            List.of(ISSUERS.certificate("/expired.cer", EXPIRED.certificate()).url("/expired.cer")));
    static final TlsTestServer SERVER = TlsTestServer.start(LEAF.privateKey(), LEAF.leafOnly());

    @AfterAll
    static void stop() {
        SERVER.close();
        ISSUERS.close();
    }

    @Test
    void theCompletedChainIsRefusedForTheExpiredIntermediate() {
        List<ChainRepair> repaired = new ArrayList<>();
        IntermediateFetchingTrustManager trust = new IntermediateFetchingTrustManager(
                TrustMaterial.pkix(List.of(ROOT.certificate())), new IntermediateFetcher(FetchLimits.DEFAULT),
                Optional.empty(), LoopbackLookups.ALLOWED, repaired::add);

        Optional<Throwable> failure = FetchHandshakes.handshake(trust, SERVER);

        assertThat(failure).isPresent();
        ChainRepairException repair = FetchHandshakes.repairFailure(failure.get()).get();
        assertThat(repair.attempts().get(0).outcome()).startsWith("fetched 'CN=Expired Intermediate,O=Verify Tests',"
                + " but the client's trust rejects the completed chain");
        List<Throwable> causes = new ArrayList<>();
        for (Throwable t = repair; t != null; t = t.getCause()) {
            causes.add(t);
        }
        assertThat(causes).anyMatch(CertificateExpiredException.class::isInstance);
        assertThat(repaired).isEmpty();
    }
}
