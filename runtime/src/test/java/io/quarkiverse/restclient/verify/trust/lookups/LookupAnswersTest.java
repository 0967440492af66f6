package io.quarkiverse.restclient.verify.trust.lookups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.quarkiverse.restclient.verify.testpki.CaIssuersServer;
import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;
import io.quarkiverse.restclient.verify.testpki.IssuedCertificate;
import io.quarkiverse.restclient.verify.testpki.TlsTestServer;
import io.quarkiverse.restclient.verify.trust.LoopbackLookups;
import io.quarkiverse.restclient.verify.trust.ScriptedHttpServer;

/**
 * What a look-up makes of the answers a broken or hostile server sends: chunked and short bodies, bodies over the
 * limit in every form, interim answers, redirect chains one hop too long, a proxy that refuses the tunnel, an HTTPS
 * server the JDK does not trust or that never answers; and what it sends (the request head, through a proxy too).
 */
class LookupAnswersTest {

    @Test
    void aChunkedAnswerIsJoinedWithoutItsExtensionsAndTrailers() throws Exception {
        String chunks = "5;name=value\r\nhello\r\n6\r\n world\r\n0\r\n";
        assertThat(body(get("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + chunks + "\r\n", 64)))
                .isEqualTo("hello world");
        assertThat(body(get("HTTP/1.1 200 OK\r\nTransfer-Encoding: Chunked\r\n\r\n" + chunks
                + "X-Checksum: 1\r\n\r\n", 64))).isEqualTo("hello world");
    }

    @Test
    void aChunkedAnswerOfExactlyTheLimitIsAcceptedAndOneByteMoreIsTooLarge() throws Exception {
        String head = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
        assertThat(body(get(head + "5\r\n12345\r\n5\r\n67890\r\n0\r\n\r\n", 10))).isEqualTo("1234567890");
        assertFailure(() -> get(head + "5\r\n12345\r\n6\r\n678901\r\n0\r\n\r\n", 10), PkiLookups.Kind.TOO_LARGE,
                "too large (more than 10 bytes)");
    }

    @Test
    void aNegativeOrMalformedChunkSizeIsRefused() {
        String head = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
        assertFailure(() -> get(head + "-5\r\nhello\r\n0\r\n\r\n", 64), PkiLookups.Kind.TOO_LARGE,
                "too large (more than 64 bytes)");
        assertFailure(() -> get(head + "zz\r\nhello\r\n0\r\n\r\n", 64), PkiLookups.Kind.FAILED,
                "a malformed chunked answer");
    }

    @Test
    void aDeclaredLengthOverTheLimitIsRefusedAndAnExactOneAccepted() throws Exception {
        assertFailure(() -> get("HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\nhello world", 10),
                PkiLookups.Kind.TOO_LARGE, "too large (more than 10 bytes)");
        assertThat(body(get("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n1234567890", 10))).isEqualTo("1234567890");
        assertFailure(() -> get("HTTP/1.1 200 OK\r\nContent-Length: ten\r\n\r\n1234567890", 10),
                PkiLookups.Kind.FAILED, "a malformed Content-Length");
    }

    @Test
    void anAnswerShorterThanItsLengthIsRefused() {
        assertFailure(() -> get("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n12345", 64), PkiLookups.Kind.FAILED,
                "the answer ended early");
    }

    @Test
    void anAnswerWithoutLengthIsReadToItsEndWithinTheLimit() throws Exception {
        assertThat(body(get("HTTP/1.1 200 OK\r\n\r\n1234567890", 10))).isEqualTo("1234567890");
        assertFailure(() -> get("HTTP/1.1 200 OK\r\n\r\n12345678901", 10), PkiLookups.Kind.TOO_LARGE,
                "too large (more than 10 bytes)");
    }

    @Test
    void interimAnswersAndOddHeaderLinesAreSkipped() throws Exception {
        assertThat(body(get("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nno colon here\r\n: empty name\r\n"
                + "Content-Length: 2\r\n\r\nok", 64))).isEqualTo("ok");
        assertFailure(() -> get("SSH-2.0-OpenSSH_9.6\r\n\r\n", 64), PkiLookups.Kind.FAILED, "not an HTTP answer");
        assertFailure(() -> get("HTTP/1.1 abc OK\r\n\r\n", 64), PkiLookups.Kind.FAILED, "not an HTTP answer");
    }

    @Test
    void anErrorStatusIsAnsweredWithoutItsBody() throws Exception {
        PkiLookups.Response response = get("HTTP/1.1 404 Not Found\r\nContent-Length: 4\r\n\r\nnope", 64);
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.body()).isEmpty();
    }

    @Test
    void aLookUpAfterAnAnsweredOneIsSentAgainNotGivenTheOldAnswer() throws Exception {
        // A caller that asks again right after its answer arrived must not join the finished request: that shared
        // answer would be an old one (an OCSP answer already past its nextUpdate, say) and no request would be sent.
        try (ScriptedHttpServer server = ScriptedHttpServer.answering("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")) {
            URI uri = URI.create("http://127.0.0.1:" + server.port() + "/again");
            PkiLookups lookups = new PkiLookups();
            for (int i = 0; i < 300; i++) {
                lookups.sendAndWait(PkiLookups.Request.get(uri, "*/*", 64, 0), Optional.empty(),
                        LoopbackLookups.ALLOWED, soon());
            }
            assertThat(server.heads()).as("requests the server received for 300 look-ups made one after another")
                    .hasSize(300);
        }
    }

    @Test
    void theRequestHeadNamesThePathTheHostAndWhatIsAccepted() throws Exception {
        try (ScriptedHttpServer server = ScriptedHttpServer.answering("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")) {
            URI uri = URI.create("http://127.0.0.1:" + server.port() + "/ca/issuer.cer?v=2");
            new PkiLookups().sendAndWait(PkiLookups.Request.get(uri, "application/pkix-cert", 64, 0),
                    Optional.empty(), LoopbackLookups.ALLOWED, soon());
            assertThat(server.heads()).containsExactly("GET /ca/issuer.cer?v=2 HTTP/1.1\r\nHost: 127.0.0.1:"
                    + server.port() + "\r\nAccept: application/pkix-cert\r\nConnection: close\r\n\r\n");

            // Through a proxy, a plain HTTP request names the whole URL.
            URI bare = URI.create("http://127.0.0.1:" + server.port());
            new PkiLookups().sendAndWait(PkiLookups.Request.get(bare, "*/*", 64, 0),
                    Optional.of(new InetSocketAddress("127.0.0.1", server.port())), LoopbackLookups.ALLOWED, soon());
            assertThat(server.heads().get(1)).startsWith("GET http://127.0.0.1:" + server.port() + "/ HTTP/1.1\r\n");
        }
    }

    @Test
    void anIpv6LiteralIsConnectedToWithoutItsBrackets() throws Exception {
        try (ScriptedHttpServer server = ScriptedHttpServer.answering("::1",
                head -> "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nv6".getBytes(StandardCharsets.ISO_8859_1))) {
            PkiLookups.Response response = new PkiLookups().sendAndWait(
                    PkiLookups.Request.get(URI.create("http://[::1]:" + server.port() + "/"), "*/*", 64, 0),
                    Optional.empty(), LookupAddresses.allowing(List.of("::1")), soon());
            assertThat(body(response)).isEqualTo("v6");
            assertThat(server.heads().get(0)).contains("\r\nHost: [::1]:" + server.port() + "\r\n");
        }
    }

    @Test
    void aRedirectChainOneHopLongerThanAllowedIsNotFollowed() throws Exception {
        try (CaIssuersServer issuers = CaIssuersServer.start()) {
            issuers.certificate("/ca.cer", CertificateAuthority.root("Redirected CA").certificate());
            issuers.redirect("/one.cer", issuers.url("/ca.cer"));
            issuers.redirect("/two.cer", issuers.url("/one.cer"));
            URI two = URI.create(issuers.url("/two.cer"));

            assertFailure(() -> new PkiLookups().sendAndWait(PkiLookups.Request.get(two, "*/*", 4096, 1),
                    Optional.empty(), LoopbackLookups.ALLOWED, soon()), PkiLookups.Kind.REDIRECT,
                    "more than 1 redirects");
            assertThat(issuers.fetches("/ca.cer")).isZero();

            PkiLookups.Response response = new PkiLookups().sendAndWait(PkiLookups.Request.get(two, "*/*", 4096, 2),
                    Optional.empty(), LoopbackLookups.ALLOWED, soon());
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.uri()).isEqualTo(URI.create(issuers.url("/ca.cer")));
            assertThat(issuers.fetches("/ca.cer")).isEqualTo(1);

            // Without redirects allowed (OCSP), the redirect itself is the answer.
            PkiLookups.Response redirect = new PkiLookups().sendAndWait(PkiLookups.Request.get(two, "*/*", 4096, 0),
                    Optional.empty(), LoopbackLookups.ALLOWED, soon());
            assertThat(redirect.status()).isEqualTo(302);
            assertThat(body(redirect)).isEqualTo(issuers.url("/one.cer"));
        }
    }

    @Test
    void aProxyThatRefusesTheTunnelEndsTheLookUp() {
        try (ScriptedHttpServer proxy = ScriptedHttpServer
                .answering("HTTP/1.1 403 Forbidden\r\nProxy-Agent: test\r\nContent-Length: 0\r\n\r\n")) {
            assertFailure(() -> new PkiLookups().sendAndWait(
                    PkiLookups.Request.get(URI.create("https://127.0.0.1:8443/ca.cer"), "*/*", 64, 0),
                    Optional.of(new InetSocketAddress("127.0.0.1", proxy.port())), LoopbackLookups.ALLOWED, soon()),
                    PkiLookups.Kind.FAILED, "the proxy refused the tunnel (HTTP status 403)");
            assertThat(proxy.heads()).containsExactly("CONNECT 127.0.0.1:8443 HTTP/1.1\r\nHost: 127.0.0.1:8443\r\n\r\n");
        }
    }

    @Test
    void anHttpsServerTheJdkDoesNotTrustIsRefusedDirectlyAndThroughATunnel() throws Exception {
        IssuedCertificate leaf = CertificateAuthority.root("Untrusted Lookup CA").server("lookup.test",
                List.of("localhost"), List.of("127.0.0.1"));
        try (TlsTestServer server = TlsTestServer.start(leaf); TunnelProxy proxy = new TunnelProxy()) {
            URI uri = URI.create("https://127.0.0.1:" + server.port() + "/ca.cer");
            assertThatThrownBy(() -> new PkiLookups().sendAndWait(PkiLookups.Request.get(uri, "*/*", 64, 0),
                    Optional.empty(), LoopbackLookups.ALLOWED, soon()))
                    .isInstanceOfSatisfying(PkiLookups.Failure.class,
                            failure -> assertThat(failure.kind()).isEqualTo(PkiLookups.Kind.FAILED))
                    .hasMessageStartingWith("SSLHandshakeException: ")
                    // JDK 25 puts the alert first: "(certificate_unknown) PKIX path building failed: ..."
                    .hasMessageContaining("PKIX path building failed");
            assertThatThrownBy(() -> new PkiLookups().sendAndWait(PkiLookups.Request.get(uri, "*/*", 64, 0),
                    Optional.of(new InetSocketAddress("127.0.0.1", proxy.port())), LoopbackLookups.ALLOWED, soon()))
                    .isInstanceOf(PkiLookups.Failure.class)
                    .hasMessageStartingWith("SSLHandshakeException: ")
                    // JDK 25 puts the alert first: "(certificate_unknown) PKIX path building failed: ..."
                    .hasMessageContaining("PKIX path building failed");
            assertThat(proxy.requestLine).isEqualTo("CONNECT 127.0.0.1:" + server.port() + " HTTP/1.1");
        }
    }

    @Test
    void anHttpsServerThatNeverAnswersTheHandshakeIsLeftByTheDeadline() throws Exception {
        try (ScriptedHttpServer silent = ScriptedHttpServer.answering("127.0.0.1", head -> null)) {
            assertFailure(() -> new PkiLookups().sendAndWait(
                    PkiLookups.Request.get(URI.create("https://127.0.0.1:" + silent.port() + "/"), "*/*", 64, 0),
                    Optional.empty(), LoopbackLookups.ALLOWED, LookupDeadline.in(Duration.ofMillis(300))),
                    PkiLookups.Kind.TIMED_OUT, "no complete answer within 300 ms");
            // The worker gives up too, not only the caller: its connection is closed by the deadline.
            assertThat(silent.closedByClientWithin(3000)).isTrue();
        }
    }

    @Test
    void anInterruptedCallerStopsWaitingAndKeepsItsInterrupt() {
        try (ScriptedHttpServer silent = ScriptedHttpServer.answering("127.0.0.1", head -> null)) {
            Thread.currentThread().interrupt();
            try {
                assertFailure(() -> new PkiLookups().sendAndWait(
                        PkiLookups.Request.get(URI.create("http://127.0.0.1:" + silent.port() + "/"), "*/*", 64, 0),
                        Optional.empty(), LoopbackLookups.ALLOWED, LookupDeadline.in(Duration.ofMillis(500))),
                        PkiLookups.Kind.FAILED, "interrupted");
            } finally {
                assertThat(Thread.interrupted()).isTrue();
            }
        }
    }

    private static PkiLookups.Response get(String answer, int maxBytes) throws PkiLookups.Failure {
        try (ScriptedHttpServer server = ScriptedHttpServer.answering(answer)) {
            return new PkiLookups().sendAndWait(
                    PkiLookups.Request.get(URI.create("http://127.0.0.1:" + server.port() + "/x"), "*/*", maxBytes,
                            0),
                    Optional.empty(), LoopbackLookups.ALLOWED, soon());
        }
    }

    /** A fresh deadline for each look-up: a deadline is a point in time, not a duration. */
    private static LookupDeadline soon() {
        return LookupDeadline.in(Duration.ofSeconds(10));
    }

    private static String body(PkiLookups.Response response) {
        return new String(response.body(), StandardCharsets.ISO_8859_1);
    }

    private static void assertFailure(LookUp lookUp, PkiLookups.Kind kind, String message) {
        assertThatThrownBy(lookUp::run).isInstanceOfSatisfying(PkiLookups.Failure.class,
                failure -> assertThat(failure.kind()).isEqualTo(kind)).hasMessage(message);
    }

    @FunctionalInterface
    private interface LookUp {
        void run() throws Exception;
    }

    /** An HTTP proxy on 127.0.0.1 that opens one CONNECT tunnel and copies bytes both ways. */
    private static final class TunnelProxy implements AutoCloseable {
        private final ServerSocket server;
        private volatile String requestLine;

        TunnelProxy() throws IOException {
            server = new ServerSocket(0, 4, java.net.InetAddress.getByName("127.0.0.1"));
            Thread thread = new Thread(this::serve, "tunnel-proxy");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return server.getLocalPort();
        }

        private void serve() {
            try (Socket client = server.accept()) {
                InputStream in = client.getInputStream();
                StringBuilder head = new StringBuilder();
                while (!head.toString().endsWith("\r\n\r\n")) {
                    int c = in.read();
                    if (c < 0) {
                        return;
                    }
                    head.append((char) c);
                }
                requestLine = head.substring(0, head.indexOf("\r\n"));
                String[] target = requestLine.split(" ")[1].split(":");
                try (Socket upstream = new Socket(target[0], Integer.parseInt(target[1]))) {
                    OutputStream out = client.getOutputStream();
                    out.write("HTTP/1.1 200 Connection established\r\nProxy-Agent: test\r\n\r\n"
                            .getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    Thread back = new Thread(() -> copy(upstream, client), "tunnel-proxy-back");
                    back.setDaemon(true);
                    back.start();
                    copy(client, upstream);
                }
            } catch (IOException e) {
                // the test sees the client's failure
            }
        }

        private static void copy(Socket from, Socket to) {
            try {
                from.getInputStream().transferTo(to.getOutputStream());
            } catch (IOException e) {
                // one side closed
            }
        }

        @Override
        public void close() {
            try {
                server.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
