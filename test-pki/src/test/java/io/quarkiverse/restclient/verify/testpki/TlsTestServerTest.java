package io.quarkiverse.restclient.verify.testpki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TlsTestServerTest {

    static CertificateAuthority root;
    static IssuedCertificate good;

    @BeforeAll
    static void pki() {
        root = CertificateAuthority.root("Server Test Root");
        good = root.intermediate("Server Test Intermediate").server("good.server.test", List.of("localhost"),
                List.of("127.0.0.1"));
    }

    @Test
    void goodChainAnswersOverRealHttps() throws Exception {
        try (TlsTestServer server = TlsTestServer.start(good.privateKey(), good.chain())) {
            assertThat(server.host()).isEqualTo("127.0.0.1");
            assertThat(server.uri()).isEqualTo(URI.create("https://127.0.0.1:" + server.port()));
            assertThat(server.uri("localhost")).isEqualTo(URI.create("https://localhost:" + server.port()));

            HttpResponse<String> byIp = Clients.get(server.uri().resolve("/any/path"), root.certificate());
            HttpResponse<String> byName = Clients.get(server.uri("localhost"), root.certificate());

            assertThat(byIp.statusCode()).isEqualTo(200);
            assertThat(byIp.body()).isEqualTo("hello from CN=good.server.test,O=Verify Tests");
            assertThat(byIp.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/plain"));
            assertThat(byName.body()).contains("good.server.test");
            assertThat(server.handshakes()).isEqualTo(2);
            assertThat(server.requests()).isEqualTo(2);
        }
    }

    @Test
    void tls12OnlyServerRejectsTls13OnlyClient() throws Exception {
        try (TlsTestServer server = TlsTestServer.builder(good).protocols("TLSv1.2").start()) {
            SSLContext context = Clients.context(List.of(root.certificate()), null);

            assertThatThrownBy(() -> Clients.get(server.uri(), context, "TLSv1.3"))
                    .isInstanceOf(SSLHandshakeException.class);
            assertThat(server.handshakes()).isZero();

            assertThat(Clients.get(server.uri(), context, "TLSv1.2").statusCode()).isEqualTo(200);
            assertThat(server.handshakes()).isEqualTo(1);
        }
    }

    @Test
    void requiredClientCertificateMustComeFromTrustedClientCa() throws Exception {
        CertificateAuthority clientCa = CertificateAuthority.root("Client CA");
        CertificateAuthority strangerCa = CertificateAuthority.root("Stranger CA");
        try (TlsTestServer server = TlsTestServer.builder(good)
                .requireClientCertificate(List.of(clientCa.certificate())).start()) {
            List<X509Certificate> trusted = List.of(root.certificate());

            // Under TLS 1.3 the server's rejection can arrive after the client's side of the handshake has finished,
            // so the client sees an IOException that is not always an SSLException.
            assertThatThrownBy(() -> Clients.get(server.uri(), Clients.context(trusted, null)))
                    .isInstanceOf(IOException.class);
            assertThatThrownBy(() -> Clients.get(server.uri(),
                    Clients.context(trusted, strangerCa.client("stranger")))).isInstanceOf(IOException.class);
            assertThat(server.requests()).isZero();

            HttpResponse<String> response = Clients.get(server.uri(),
                    Clients.context(trusted, clientCa.client("trusted-client")));
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(server.requests()).isEqualTo(1);
        }
    }

    @Test
    void expiredLeafFailsTheHandshake() throws Exception {
        IssuedCertificate expired = root.server("expired.server.test", List.of("localhost"), List.of("127.0.0.1"),
                Instant.now().minus(Duration.ofDays(10)), Instant.now().minus(Duration.ofDays(1)));
        try (TlsTestServer server = TlsTestServer.start(expired)) {
            assertThatThrownBy(() -> Clients.get(server.uri(), root.certificate()))
                    .isInstanceOf(SSLHandshakeException.class)
                    .hasMessageContaining("validity check failed");
            assertThat(server.handshakes()).isZero();
        }
    }

    @Test
    void bodyCanBeChosen() throws Exception {
        try (TlsTestServer server = TlsTestServer.builder(good).body("custom").start()) {
            assertThat(server.body()).isEqualTo("custom");
            assertThat(Clients.get(server.uri(), root.certificate()).body()).isEqualTo("custom");
        }
    }

    @Test
    void plainServerAnswersHttpButNotTls() throws Exception {
        try (TlsTestServer server = TlsTestServer.plainHttp()) {
            assertThat(server.uri()).isEqualTo(URI.create("http://127.0.0.1:" + server.port()));

            HttpResponse<String> plain = Clients.get(server.uri(), Clients.context(List.of(root.certificate()), null));
            assertThat(plain.statusCode()).isEqualTo(200);
            assertThat(plain.body()).isEqualTo("hello over plain HTTP");

            URI https = URI.create("https://127.0.0.1:" + server.port());
            assertThatThrownBy(() -> Clients.get(https, root.certificate())).isInstanceOf(SSLException.class);
            assertThat(server.handshakes()).isZero();
        }
    }

    @Test
    void closeIsQuickEvenWithAnIdleConnection() throws Exception {
        TlsTestServer server = TlsTestServer.start(good);
        try (Socket idle = new Socket("127.0.0.1", server.port())) {
            // Give the server time to accept the connection and block reading the ClientHello.
            Thread.sleep(200);
            long start = System.nanoTime();
            server.close();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        }
    }
}
