package io.quarkiverse.restclient.verify.trust.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;

import org.junit.jupiter.api.Test;

import io.quarkiverse.restclient.verify.testpki.CaIssuersServer;
import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;
import io.quarkiverse.restclient.verify.testpki.IssuedCertificate;
import io.quarkiverse.restclient.verify.testpki.TlsTestServer;
import io.quarkiverse.restclient.verify.trust.LoopbackLookups;
import io.quarkiverse.restclient.verify.trust.anchors.TrustMaterial;

/**
 * The fetches per minute are shared fairly: one server whose certificate names many dead caIssuers URLs uses up its
 * own share (a quarter), and another server is still repaired within the same minute.
 */
class OneServerCannotUseUpTheFetchesTest {

    @Test
    void anotherServerIsStillRepaired() {
        CertificateAuthority root = CertificateAuthority.root("Fair Root");
        CertificateAuthority greedyCa = root.intermediate("Fair Greedy CA");
        CertificateAuthority politeCa = root.intermediate("Fair Polite CA");
        // 8 fetches per minute for the application; 2 of them for one server.
        FetchLimits limits = new FetchLimits(64 * 1024, Duration.ofSeconds(2), 4, 4, 8, 3, 256, Duration.ofMinutes(1));
        IntermediateFetcher fetcher = new IntermediateFetcher(limits);
        try (CaIssuersServer issuers = CaIssuersServer.start()) {
            issuers.certificate("/polite.cer", politeCa.certificate());
            IntermediateFetchingTrustManager trust = new IntermediateFetchingTrustManager(
                    TrustMaterial.pkix(List.of(root.certificate())), fetcher, Optional.empty(),
                    LoopbackLookups.ALLOWED, repair -> {
                    });
            // Each handshake fetches the next 4 of its 12 dead URLs (failures are remembered for a minute).
            List<String> dead = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                dead.add(deadUrl());
            }
            IssuedCertificate greedyLeaf = greedyCa.server("greedy.test", List.of("localhost"), List.of("127.0.0.1"),
                    dead);
            IssuedCertificate politeLeaf = politeCa.server("polite.test", List.of("localhost"), List.of("127.0.0.1"),
                    List.of(issuers.url("/polite.cer")));
            try (TlsTestServer greedy = TlsTestServer.start(greedyLeaf.privateKey(), greedyLeaf.leafOnly());
                    TlsTestServer polite = TlsTestServer.start(politeLeaf.privateKey(), politeLeaf.leafOnly())) {
                for (int i = 0; i < 3; i++) {
                    assertThat(handshake(trust, "127.0.0.1", greedy)).isPresent();
                }

                Optional<Throwable> repaired = handshake(trust, "localhost", polite);

                assertThat(repaired).as("the other server's handshake").isEmpty();
                assertThat(issuers.fetches("/polite.cer")).isEqualTo(1);
                assertThat(fetcher.fetches()).as("fetches made").isEqualTo(3);
            }
        }
    }

    /** A URL on a port nobody listens on: each fetch fails at once. */
    private static String deadUrl() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + socket.getLocalPort() + "/dead.cer";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A handshake that reaches the server under this host name, which the fetcher counts the server's share for. */
    private static Optional<Throwable> handshake(IntermediateFetchingTrustManager trust, String host,
            TlsTestServer server) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] { trust }, null);
            try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(host, server.port())) {
                socket.setSoTimeout(10000);
                SSLParameters parameters = socket.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                socket.setSSLParameters(parameters);
                socket.startHandshake();
                return Optional.empty();
            }
        } catch (IOException e) {
            return Optional.of(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
