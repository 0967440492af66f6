package io.quarkiverse.restclient.verify.trust.fetch;

import static org.assertj.core.api.Assertions.assertThat;

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
 * A server that leaves out its intermediate and presents a certificate for another host: the fetched intermediate
 * completes the chain, and the completed chain is still refused for the hostname.
 */
class RepairedChainStillChecksHostnameTest {

    static final CaIssuersServer ISSUERS = CaIssuersServer.start();
    static final CertificateAuthority ROOT = CertificateAuthority.root("Hostname Root");
    static final CertificateAuthority INTERMEDIATE = ROOT.intermediate("Hostname Intermediate");
    static final IssuedCertificate WRONG_HOST = INTERMEDIATE.server("wrong.example", List.of("wrong.example"),
            List.of(), List.of(ISSUERS.certificate("/i.cer", INTERMEDIATE.certificate()).url("/i.cer")));
    static final TlsTestServer SERVER = TlsTestServer.start(WRONG_HOST.privateKey(), WRONG_HOST.leafOnly());

    @AfterAll
    static void stop() {
        SERVER.close();
        ISSUERS.close();
    }

    @Test
    void theCompletedChainIsRefusedForTheWrongHost() {
        List<ChainRepair> repaired = new ArrayList<>();
        IntermediateFetchingTrustManager trust = new IntermediateFetchingTrustManager(
                TrustMaterial.pkix(List.of(ROOT.certificate())), new IntermediateFetcher(FetchLimits.DEFAULT),
                Optional.empty(), LoopbackLookups.ALLOWED, repaired::add);

        Optional<Throwable> failure = FetchHandshakes.handshake(trust, SERVER);

        assertThat(failure).isPresent();
        assertThat(ISSUERS.fetches("/i.cer")).isEqualTo(1);
        assertThat(FetchHandshakes.innermost(failure.get())).contains("No subject alternative");
        assertThat(FetchHandshakes.repairFailure(failure.get()).get().attempts().get(0).outcome())
                .startsWith("fetched 'CN=Hostname Intermediate,O=Verify Tests', but the client's trust rejects the"
                        + " completed chain");
        assertThat(repaired).isEmpty();
        // Not remembered (only a chain the client accepted is), fetched again, and still refused.
        assertThat(FetchHandshakes.handshake(trust, SERVER)).isPresent();
        assertThat(ISSUERS.fetches("/i.cer")).isEqualTo(2);
    }
}
