package io.quarkiverse.restclient.verify.trust.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
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
 * A client with an HTTP proxy fetches through it: the certificate's caIssuers URL names a port where nothing listens,
 * and only the proxy can answer it.
 */
class FetchThroughClientProxyTest {

    static final CertificateAuthority ROOT = CertificateAuthority.root("Proxy Root");
    static final CertificateAuthority INTERMEDIATE = ROOT.intermediate("Proxy Intermediate");
    static final CaIssuersServer PROXY = CaIssuersServer.start().certificate("/intermediate.cer",
            INTERMEDIATE.certificate());
    static final IssuedCertificate LEAF = INTERMEDIATE.server("proxied.test", List.of("localhost"),
            List.of("127.0.0.1"), List.of("http://127.0.0.1:" + closedPort() + "/intermediate.cer"));
    static final TlsTestServer SERVER = TlsTestServer.start(LEAF.privateKey(), LEAF.leafOnly());

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void stop() {
        SERVER.close();
        PROXY.close();
    }

    @Test
    void theIntermediateIsFetchedThroughTheProxy() {
        IntermediateFetchingTrustManager direct = new IntermediateFetchingTrustManager(
                TrustMaterial.pkix(List.of(ROOT.certificate())), new IntermediateFetcher(FetchLimits.DEFAULT),
                Optional.empty(), LoopbackLookups.ALLOWED, repair -> {
                });
        IntermediateFetchingTrustManager proxied = new IntermediateFetchingTrustManager(
                TrustMaterial.pkix(List.of(ROOT.certificate())), new IntermediateFetcher(FetchLimits.DEFAULT),
                Optional.of(InetSocketAddress.createUnresolved("127.0.0.1", PROXY.port())), LoopbackLookups.ALLOWED, repair -> {
                });

        Optional<Throwable> withoutProxy = FetchHandshakes.handshake(direct, SERVER);
        assertThat(withoutProxy).isPresent();
        assertThat(FetchHandshakes.repairFailure(withoutProxy.get()).get().attempts().get(0).outcome())
                .isEqualTo("unreachable (connection refused)");
        assertThat(FetchHandshakes.handshake(proxied, SERVER)).isEmpty();
        assertThat(PROXY.fetches("/intermediate.cer")).isEqualTo(1);
    }
}
