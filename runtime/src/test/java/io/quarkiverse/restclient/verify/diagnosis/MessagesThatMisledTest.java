package io.quarkiverse.restclient.verify.diagnosis;

import static io.quarkiverse.restclient.verify.diagnosis.Failures.client;
import static io.quarkiverse.restclient.verify.diagnosis.Failures.refused;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.NotSslRecordException;
import io.quarkiverse.restclient.verify.SslVerificationException;
import io.quarkiverse.restclient.verify.SslVerificationException.Reason;
import io.quarkiverse.restclient.verify.config.ClientKeys;
import io.quarkiverse.restclient.verify.testpki.CaIssuersServer;
import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;
import io.quarkiverse.restclient.verify.trust.LoopbackLookups;
import io.quarkiverse.restclient.verify.trust.anchors.TrustMaterial;
import io.quarkiverse.restclient.verify.trust.fetch.ChainRepairException;
import io.quarkiverse.restclient.verify.trust.fetch.FetchLimits;
import io.quarkiverse.restclient.verify.trust.fetch.IntermediateFetcher;
import io.quarkiverse.restclient.verify.trust.fetch.IntermediateFetchingTrustManager;

/**
 * Messages that said more than is known, or buried what is: a server naming no CAs for client certificates, the
 * hex dump of a plain-text answer, and a fetched chain that still leads to an untrusted root.
 */
class MessagesThatMisledTest {

    static final CaIssuersServer ISSUERS = CaIssuersServer.start();
    static final DiagnosisContext BUNDLE = client("misled", "misled.test", 8443,
            "file /certs/corp.pem (1 CA certificate)", "/certs/corp.pem");

    @AfterAll
    static void stop() {
        ISSUERS.close();
    }

    @Test
    void aServerThatNamesNoCasIsNotSaidToAcceptAnyCa() {
        DiagnosisContext namedNone = new DiagnosisContext("misled", ClientKeys.named("misled"),
                "file /certs/corp.pem (1 CA certificate)", "/certs/corp.pem", true, "misled.test", 8443, List.of(),
                false);

        SslVerificationException e = Failures.explain(Failures.engine("Received fatal alert: certificate_required"),
                namedNone);

        assertThat(e.reason()).isEqualTo(Reason.CLIENT_CERTIFICATE_REQUIRED);
        assertThat(e.getMessage()).doesNotContain("any CA")
                .contains("the server named no CAs, so this client cannot tell which CA it wants")
                .contains("openssl s_client -connect misled.test:8443")
                .contains("Acceptable client certificate CA names");
    }

    @Test
    void aPlainTextAnswerIsShownAsTextOnOneLineWithoutTheHexDump() {
        String answer = "HTTP/1.1 400 Bad Request\r\nContent-Type: text/html\r\n\r\n<!DOCTYPE html>\u001b[31m"
                + "x".repeat(1500);
        Throwable failure = new DecoderException(new NotSslRecordException("not an SSL/TLS record: "
                + HexFormat.of().formatHex(answer.getBytes(StandardCharsets.ISO_8859_1))));

        SslVerificationException e = Failures.explain(failure, BUNDLE);

        assertThat(e.reason()).isEqualTo(Reason.NOT_TLS);
        assertThat(e.getMessage()).contains("'HTTP/1.1 400 Bad Request'").doesNotContainPattern("[0-9a-f]{32}")
                .doesNotContain("\u001b");
        assertThat(e.getMessage().lines()).allSatisfy(line -> assertThat(line.length()).isLessThan(200));

        String html = "\u001b[2J<!DOCTYPE html>" + "<p>".repeat(600);
        SslVerificationException page = Failures.explain(new NotSslRecordException("not an SSL/TLS record: "
                + HexFormat.of().formatHex(html.getBytes(StandardCharsets.ISO_8859_1))), BUNDLE);
        assertThat(page.getMessage()).contains("<!DOCTYPE html>").doesNotContain("\u001b")
                .doesNotContainPattern("[0-9a-f]{32}");
        assertThat(page.getMessage().lines()).allSatisfy(line -> assertThat(line.length()).isLessThan(200));
    }

    @Test
    void aFetchThatDidNotHelpNamesTheRootTheChainLeadsTo() {
        CertificateAuthority root = CertificateAuthority.root("Misled Unknown Root");
        CertificateAuthority intermediate = root.intermediate("Misled Intermediate");
        ISSUERS.certificate("/misled.cer", intermediate.certificate());
        X509Certificate leaf = intermediate.server("misled.test", List.of("misled.test"), List.of(),
                List.of(ISSUERS.url("/misled.cer"))).certificate();
        IntermediateFetchingTrustManager trust = new IntermediateFetchingTrustManager(
                TrustMaterial.pkix(List.of(CertificateAuthority.root("Misled Trusted Root").certificate())),
                new IntermediateFetcher(FetchLimits.DEFAULT), Optional.empty(), LoopbackLookups.ALLOWED, repair -> {
                });
        CertificateException refusal;
        try {
            trust.checkServerTrusted(new X509Certificate[] { leaf }, "EC");
            throw new AssertionError("accepted");
        } catch (CertificateException thrown) {
            refusal = thrown;
        }
        assertThat(refusal).isInstanceOf(ChainRepairException.class);

        SslVerificationException e = Failures.explain(refused(List.of(leaf), refusal, BUNDLE), BUNDLE);

        assertThat(e.reason()).isEqualTo(Reason.INCOMPLETE_CHAIN);
        assertThat(e.getMessage()).doesNotContain("(none)")
                .contains("leads to the root CA 'CN=Misled Unknown Root,O=Verify Tests', which this client does not"
                        + " trust");
        assertThat(e.hints().get(0)).contains("'CN=Misled Unknown Root,O=Verify Tests'")
                .contains("quarkus.rest-client.misled.verify=/certs/corp.pem,/path/to/root-ca.pem");
    }
}
