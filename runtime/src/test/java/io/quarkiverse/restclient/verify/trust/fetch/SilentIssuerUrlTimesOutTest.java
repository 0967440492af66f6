package io.quarkiverse.restclient.verify.trust.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;
import io.quarkiverse.restclient.verify.testpki.IssuedCertificate;
import io.quarkiverse.restclient.verify.testpki.TlsTestServer;
import io.quarkiverse.restclient.verify.trust.FetchHandshakes;
import io.quarkiverse.restclient.verify.trust.LoopbackLookups;
import io.quarkiverse.restclient.verify.trust.anchors.TrustMaterial;

/**
 * A caIssuers URL whose server accepts the connection and never answers: the fetch gives up at the time-out, so the
 * handshake fails promptly instead of hanging, and the failure says so.
 */
class SilentIssuerUrlTimesOutTest {

    static final ServerSocket SILENT = silent();
    static final List<Socket> HELD = new CopyOnWriteArrayList<>();
    static final CertificateAuthority ROOT = CertificateAuthority.root("Silent Root");
    static final IssuedCertificate LEAF = ROOT.intermediate("Silent Intermediate").server("silent.test",
            List.of("localhost"), List.of("127.0.0.1"),
            List.of("http://127.0.0.1:" + SILENT.getLocalPort() + "/intermediate.cer"));
    static final TlsTestServer SERVER = TlsTestServer.start(LEAF.privateKey(), LEAF.leafOnly());

    private static ServerSocket silent() {
        try {
            ServerSocket socket = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
            Thread accept = new Thread(() -> {
                while (!socket.isClosed()) {
                    try {
                        HELD.add(socket.accept());
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "silent-issuer");
            accept.setDaemon(true);
            accept.start();
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void stop() throws IOException {
        SERVER.close();
        SILENT.close();
        for (Socket socket : HELD) {
            socket.close();
        }
    }

    @Test
    void theFetchGivesUpAtTheTimeOut() {
        FetchLimits quick = new FetchLimits(64 * 1024, Duration.ofMillis(300), 4, 4, 20, 3, 256, Duration.ofMinutes(1));
        IntermediateFetchingTrustManager trust = new IntermediateFetchingTrustManager(
                TrustMaterial.pkix(List.of(ROOT.certificate())), new IntermediateFetcher(quick), Optional.empty(),
                LoopbackLookups.ALLOWED, repair -> {
                });

        long started = System.nanoTime();
        Optional<Throwable> failure = FetchHandshakes.handshake(trust, SERVER);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(failure).isPresent();
        assertThat(FetchHandshakes.repairFailure(failure.get()).get().attempts().get(0).outcome())
                .isEqualTo("unreachable (no complete answer within 300 ms)");
        assertThat(took).isLessThan(Duration.ofSeconds(3));
        assertThat(HELD).hasSize(1);
    }
}
