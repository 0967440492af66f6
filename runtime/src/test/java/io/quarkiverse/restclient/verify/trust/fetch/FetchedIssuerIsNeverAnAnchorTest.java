package io.quarkiverse.restclient.verify.trust.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.X509ExtendedTrustManager;

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
 * A server whose certificate points its caIssuers URL at the very CA that issued it, a CA the client does not trust:
 * the fetched CA completes the chain but anchors nothing, so the handshake fails and nothing is reported repaired.
 */
class FetchedIssuerIsNeverAnAnchorTest {

    static final CertificateAuthority TRUSTED = CertificateAuthority.root("Trusted Root");
    static final CertificateAuthority ATTACKER = CertificateAuthority.root("Attacker Root");
    static final CaIssuersServer ISSUERS = CaIssuersServer.start().certificate("/attacker.cer", ATTACKER.certificate());
    static final IssuedCertificate LEAF = ATTACKER.server("evil.test", List.of("localhost"), List.of("127.0.0.1"),
            List.of(ISSUERS.url("/attacker.cer")));
    static final TlsTestServer SERVER = TlsTestServer.start(LEAF.privateKey(), LEAF.leafOnly());

    @AfterAll
    static void stop() {
        SERVER.close();
        ISSUERS.close();
    }

    @Test
    void theFetchedSelfSignedIssuerIsNotTrusted() {
        List<ChainRepair> repaired = new ArrayList<>();
        X509ExtendedTrustManager trust = new IntermediateFetchingTrustManager(
                TrustMaterial.pkix(List.of(TRUSTED.certificate())), new IntermediateFetcher(FetchLimits.DEFAULT),
                Optional.empty(), LoopbackLookups.ALLOWED, repaired::add);

        Optional<Throwable> failure = FetchHandshakes.handshake(trust, SERVER);

        assertThat(failure).isPresent();
        assertThat(ISSUERS.fetches("/attacker.cer")).isEqualTo(1);
        assertThat(FetchHandshakes.repairFailure(failure.get())).get().extracting(e -> e.attempts().get(0).outcome())
                .asString().contains("fetched 'CN=Attacker Root,O=Verify Tests'")
                .contains("still does not reach a trusted CA");
        assertThat(repaired).isEmpty();
    }
}
