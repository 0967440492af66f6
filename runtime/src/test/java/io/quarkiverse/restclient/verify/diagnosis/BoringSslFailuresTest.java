package io.quarkiverse.restclient.verify.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.ws.rs.ProcessingException;

import org.junit.jupiter.api.Test;

import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.NotSslRecordException;
import io.quarkiverse.restclient.verify.SslVerificationException;
import io.quarkiverse.restclient.verify.SslVerificationException.Reason;
import io.quarkiverse.restclient.verify.config.ClientKeys;

/**
 * The failures of a client on BoringSSL, in the shapes Netty and the REST client hand them over, get the reason and the
 * explanation the same failure gets on the JDK's engine: a TLS 1.3 server's alert about the client certificate, which
 * arrives after the handshake wrapped by its text only; a plain-text answer, whose bytes BoringSSL's engine does not
 * name; a failed negotiation, which names the engine's cipher suites and the client's key-exchange groups.
 */
class BoringSslFailuresTest {

    static final String ROOT = "CN=Verify Test Root CA,O=Verify Tests";
    static final DiagnosisContext.Engine BORING_SSL = new DiagnosisContext.Engine(true, List.of(), null);
    static final DiagnosisContext.Engine BORING_SSL_GROUPS = new DiagnosisContext.Engine(true,
            List.of("X25519", "P-256"), "quarkus.rest-client.pay.key-exchange-groups");

    @Test
    void anAlertAboutTheClientCertificateAfterTheHandshakeIsExplained() {
        // What the REST client hands over: the engine's error wrapped by its text only.
        Throwable unknown = new ProcessingException(new IOException("io.netty.handler.ssl.ReferenceCountedOpenSslEngine"
                + "$OpenSslException: error:10000416:SSL routines:OPENSSL_internal:SSLV3_ALERT_CERTIFICATE_UNKNOWN"));
        Throwable bad = new ProcessingException(new IOException("io.netty.handler.ssl.ReferenceCountedOpenSslEngine"
                + "$OpenSslException: error:10000412:SSL routines:OPENSSL_internal:SSLV3_ALERT_BAD_CERTIFICATE"));

        SslVerificationException rejected = Failures.explain(unknown, context(true, BORING_SSL));
        SslVerificationException required = Failures.explain(bad, context(false, BORING_SSL));

        assertThat(rejected.reason()).isEqualTo(Reason.CLIENT_CERTIFICATE_REJECTED);
        // The first line names the alert as it does on the JDK's engine.
        assertThat(rejected.getMessage().lines().findFirst().orElseThrow()).contains("rejected the client certificate"
                + " of this client (its alert: certificate_unknown); it accepts certificates issued by '" + ROOT + "'");
        assertThat(rejected.getMessage())
                .contains("it accepts certificates issued by '" + ROOT + "'")
                // The raw text is BoringSSL's, and said to be.
                .endsWith("(BoringSSL: IOException: io.netty.handler.ssl.ReferenceCountedOpenSslEngine$OpenSslException:"
                        + " error:10000416:SSL routines:OPENSSL_internal:SSLV3_ALERT_CERTIFICATE_UNKNOWN)");
        assertThat(required.reason()).isEqualTo(Reason.CLIENT_CERTIFICATE_REQUIRED);
        assertThat(required.getMessage()).contains("requires a client certificate (mutual TLS) and this client sent none")
                .contains("it accepts certificates issued by '" + ROOT + "'")
                .contains("quarkus.rest-client.pay.cert=/path/to/client.pem");
    }

    @Test
    void aPlainTextAnswerIsQuotedFromTheBytesTheEngineKept() {
        NotSslRecordException noBytes = new NotSslRecordException("not an SSL/TLS record");
        noBytes.addSuppressed(new PlainTextAnswer(("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"
                + "x".repeat(500)).getBytes(StandardCharsets.ISO_8859_1)));

        SslVerificationException e = Failures.explain(new DecoderException(noBytes), context(false, BORING_SSL));

        assertThat(e.reason()).isEqualTo(Reason.NOT_TLS);
        assertThat(e.getMessage()).contains("(it answered in plain text, probably plain HTTP)")
                .contains("Its answer begins: 'HTTP/1.1 400 Bad Request'")
                .endsWith("(BoringSSL: NotSslRecordException: not an SSL/TLS record)");
    }

    @Test
    void aFailedNegotiationNamesTheEnginesSuitesAndTheClientsGroups() {
        Throwable failure = new javax.net.ssl.SSLHandshakeException(
                "error:10000410:SSL routines:OPENSSL_internal:SSLV3_ALERT_HANDSHAKE_FAILURE");

        // The server asked for no client certificate: the alert ends a negotiation.
        SslVerificationException jdk = Failures.explain(Failures.engine("Received fatal alert: handshake_failure"),
                context(null, false, DiagnosisContext.Engine.JDK));
        SslVerificationException boring = Failures.explain(failure, context(null, false, BORING_SSL));
        SslVerificationException groups = Failures.explain(failure, context(null, false, BORING_SSL_GROUPS));

        for (SslVerificationException e : List.of(jdk, boring, groups)) {
            assertThat(e.reason()).isEqualTo(Reason.PROTOCOL_MISMATCH);
            assertThat(e.getMessage()).contains("share no TLS protocol version, cipher suite or key-exchange group");
            assertThat(e.hints()).hasSize(4);
            assertThat(e.hints().get(0)).contains("openssl s_client -connect pay.test:8443 -tls1_2");
            assertThat(e.hints().get(3)).contains("X25519MLKEM768");
        }
        assertThat(jdk.getMessage()).contains("This client offers TLSv1.3 and TLSv1.2 with the JDK's default cipher"
                + " suites and the JDK's default key-exchange groups; the server's alert: handshake_failure");
        assertThat(jdk.hints().get(3)).contains("quarkus.rest-client.pay.ssl-engine=openssl and"
                + " quarkus.rest-client.pay.key-exchange-groups=X25519MLKEM768,X25519");
        assertThat(boring.getMessage()).contains("with BoringSSL's default cipher suites and BoringSSL's default"
                + " key-exchange groups;").doesNotContain("the JDK's default");
        assertThat(boring.hints().get(2)).endsWith("are refused by BoringSSL; upgrade the server's TLS configuration");
        assertThat(boring.hints().get(3)).contains("quarkus.rest-client.pay.key-exchange-groups=X25519MLKEM768,X25519")
                .doesNotContain("ssl-engine");
        assertThat(groups.getMessage()).contains("with BoringSSL's default cipher suites and the key-exchange groups"
                + " X25519, P-256 (quarkus.rest-client.pay.key-exchange-groups); the server's alert: handshake_failure.");
    }

    /** A client of a server that asked for a client certificate from ROOT. */
    private static DiagnosisContext context(boolean clientCertificate, DiagnosisContext.Engine engine) {
        return context(List.of(ROOT), clientCertificate, engine);
    }

    /** @param acceptedIssuers what the server named when it asked for a client certificate; null: it did not ask */
    private static DiagnosisContext context(List<String> acceptedIssuers, boolean clientCertificate,
            DiagnosisContext.Engine engine) {
        return new DiagnosisContext("pay", ClientKeys.named("pay"), "file /certs/corp.pem (1 CA certificate)",
                "/certs/corp.pem", true, "pay.test", 8443, acceptedIssuers, clientCertificate, OtherTrust.NONE, engine);
    }
}
