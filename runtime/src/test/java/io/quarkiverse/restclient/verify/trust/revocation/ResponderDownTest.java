package io.quarkiverse.restclient.verify.trust.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.ssl.X509ExtendedTrustManager;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;
import io.quarkiverse.restclient.verify.testpki.IssuedCertificate;
import io.quarkiverse.restclient.verify.testpki.OcspResponder;
import io.quarkiverse.restclient.verify.testpki.Pem;
import io.quarkiverse.restclient.verify.testpki.TlsTestServer;
import io.quarkiverse.restclient.verify.trust.Handshakes;

/**
 * A responder that is down: soft-fail lets the calls through with one warning for the responder; hard-fail refuses
 * them, naming the certificate, the responder and the setting.
 */
class ResponderDownTest {

    static final CertificateAuthority ROOT = CertificateAuthority.root("Down Root");
    static final OcspResponder RESPONDER = OcspResponder.start(ROOT);
    static final IssuedCertificate LEAF = ROOT.withOcspResponder(RESPONDER.uri()).server("down.test",
            List.of("localhost"), List.of("127.0.0.1"));
    static final TlsTestServer SERVER = TlsTestServer.start(LEAF);
    static final Path BUNDLE = Handshakes.write(Handshakes.tempDir("down").resolve("ca.pem"),
            Pem.certificates(ROOT.certificate()));

    static {
        // Revoked, but nobody can tell: the responder is down.
        RESPONDER.revoke(LEAF.certificate());
        RESPONDER.close();
    }

    @AfterAll
    static void stop() {
        SERVER.close();
    }

    @Test
    void softFailPassesWithOneWarningPerResponder() {
        List<String> warnings = new CopyOnWriteArrayList<>();
        X509ExtendedTrustManager manager = manager(RevocationMode.SOFT_FAIL, warnings);

        assertThat(Handshakes.handshake(manager, SERVER)).isNull();
        assertThat(Handshakes.handshake(manager, SERVER)).isNull();

        assertThat(warnings).singleElement().asString()
                .startsWith("Revocation responder " + RESPONDER.uri() + " gives no usable answer (");
    }

    @Test
    void hardFailRefusesAndSaysWhy() {
        Exception failure = Handshakes.handshake(manager(RevocationMode.HARD_FAIL, new CopyOnWriteArrayList<>()),
                SERVER);

        assertThat(failure).isInstanceOf(RevocationUnknownException.class);
        RevocationUnknownException unknown = (RevocationUnknownException) failure;
        assertThat(unknown.subject()).isEqualTo(LEAF.certificate().getSubjectX500Principal().getName());
        assertThat(unknown.responder()).isEqualTo(RESPONDER.uri().toString());
        assertThat(unknown.property()).isEqualTo("quarkus.rest-client.test.verify-revocation");
        assertThat(unknown.problem()).startsWith(RESPONDER.uri() + ": ");
    }

    private static X509ExtendedTrustManager manager(RevocationMode mode, List<String> warnings) {
        return Handshakes.manager(Handshakes.trust(BUNDLE), Handshakes.policy(mode, Optional.empty(),
                SpkiPins.none(), warnings::add));
    }
}
