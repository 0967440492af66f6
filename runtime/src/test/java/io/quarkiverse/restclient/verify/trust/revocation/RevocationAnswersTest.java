package io.quarkiverse.restclient.verify.trust.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;
import io.quarkiverse.restclient.verify.testpki.OcspResponder;
import io.quarkiverse.restclient.verify.trust.LoopbackLookups;
import io.quarkiverse.restclient.verify.trust.ScriptedHttpServer;
import io.quarkiverse.restclient.verify.trust.lookups.LookupAddresses;
import io.quarkiverse.restclient.verify.trust.lookups.PkiLookups;

/**
 * What the network says about a certificate, and what the application is told: a certificate that names nobody to
 * ask, an answer kept until its nextUpdate (and not after), a responder on a refused address warned about once, and
 * a responder that comes back announced as such.
 */
class RevocationAnswersTest {

    static final CertificateAuthority ROOT = CertificateAuthority.root("Answers Root");
    static final OcspResponder RESPONDER = OcspResponder.start(ROOT);

    @AfterAll
    static void stop() {
        RESPONDER.close();
    }

    @Test
    void aCertificateThatNamesNobodyToAskIsUnknown() {
        RevocationResponders.Answer answer = responders(LoopbackLookups.ALLOWED, new CopyOnWriteArrayList<>())
                .status(CertificateAuthority.root("Nobody To Ask").certificate(), ROOT.certificate(), Instant.now());

        assertThat(answer.status()).isEqualTo(OcspAnswer.Status.UNKNOWN);
        assertThat(answer.responder()).isNull();
        assertThat(answer.problem()).isEqualTo("the certificate names no http OCSP responder or CRL distribution point");
    }

    @Test
    void anAnswerIsKeptUntilItsNextUpdateAndNotAfter() {
        var leaf = ROOT.withOcspResponder(RESPONDER.uri()).server("kept.test", List.of("localhost"), List.of());
        RevocationResponders responders = responders(LoopbackLookups.ALLOWED, new CopyOnWriteArrayList<>());
        Instant now = Instant.now();
        int before = RESPONDER.requests();

        assertThat(responders.status(leaf.certificate(), ROOT.certificate(), now).status())
                .isEqualTo(OcspAnswer.Status.GOOD);
        assertThat(responders.status(leaf.certificate(), ROOT.certificate(), now.plus(Duration.ofMinutes(50)))
                .status()).isEqualTo(OcspAnswer.Status.GOOD);
        assertThat(RESPONDER.requests() - before).isEqualTo(1);

        // The responder's answers are good for an hour: after that the responder is asked again.
        responders.status(leaf.certificate(), ROOT.certificate(), now.plus(Duration.ofMinutes(70)));
        assertThat(RESPONDER.requests() - before).isEqualTo(2);
    }

    @Test
    void aResponderOnARefusedAddressIsWarnedAboutOnce() {
        var leaf = ROOT.withOcspResponder(RESPONDER.uri()).server("refused.test", List.of("localhost"), List.of());
        List<String> warnings = new CopyOnWriteArrayList<>();
        RevocationResponders responders = responders(
                LookupAddresses.allowing(List.of(), "quarkus.rest-client.verify-lookup-allow"), warnings);
        int before = RESPONDER.requests();

        RevocationResponders.Answer answer = responders.status(leaf.certificate(), ROOT.certificate(), Instant.now());
        assertThat(answer.status()).isEqualTo(OcspAnswer.Status.UNKNOWN);
        assertThat(answer.problem()).isEqualTo(RESPONDER.uri() + ": not asked: 127.0.0.1 is a loopback address;"
                + " allow it with quarkus.rest-client.verify-lookup-allow");
        assertThat(warnings).containsExactly("Revocation responder " + answer.problem());

        responders.status(leaf.certificate(), ROOT.certificate(), Instant.now());
        assertThat(warnings).hasSize(1);
        assertThat(RESPONDER.requests()).isEqualTo(before);
    }

    @Test
    void aResponderThatAnswersAgainIsAnnounced() {
        AtomicBoolean down = new AtomicBoolean(true);
        try (ScriptedHttpServer front = ScriptedHttpServer.answering("127.0.0.1",
                request -> down.get() ? "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n"
                        .getBytes(StandardCharsets.ISO_8859_1) : forward(request))) {
            String url = "http://127.0.0.1:" + front.port() + "/ocsp";
            var leaf = ROOT.withOcspResponder(java.net.URI.create(url)).server("again.test", List.of("localhost"),
                    List.of());
            List<String> warnings = new CopyOnWriteArrayList<>();
            RevocationResponders responders = responders(LoopbackLookups.ALLOWED, warnings);
            Instant now = Instant.now();

            assertThat(responders.status(leaf.certificate(), ROOT.certificate(), now).problem())
                    .isEqualTo(url + ": HTTP 503");
            down.set(false);
            RevocationResponders.Answer again = responders.status(leaf.certificate(), ROOT.certificate(),
                    now.plusSeconds(31));
            assertThat(again.status()).as(again.problem()).isEqualTo(OcspAnswer.Status.GOOD);

            assertThat(warnings).containsExactly("Revocation responder " + url + " gives no usable answer (" + url
                    + ": HTTP 503); certificates it vouches for are checked again in 30s",
                    "Revocation responder " + url + " answers again");
        }
    }

    private static RevocationResponders responders(LookupAddresses addresses, List<String> warnings) {
        return new RevocationResponders(Proxy.NO_PROXY, Duration.ofSeconds(10), new PkiLookups(), addresses,
                warnings::add);
    }

    /** Passes an OCSP request on to the real responder and its answer back. */
    private static byte[] forward(String request) {
        byte[] body = request.substring(request.indexOf("\r\n\r\n") + 4).getBytes(StandardCharsets.ISO_8859_1);
        try {
            HttpURLConnection connection = (HttpURLConnection) RESPONDER.uri().toURL().openConnection();
            connection.setDoOutput(true);
            connection.setRequestProperty("Content-Type", "application/ocsp-request");
            try (OutputStream out = connection.getOutputStream()) {
                out.write(body);
            }
            byte[] answer = connection.getInputStream().readAllBytes();
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            response.write(("HTTP/1.1 200 OK\r\nContent-Type: application/ocsp-response\r\nContent-Length: "
                    + answer.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            response.write(answer);
            return response.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
