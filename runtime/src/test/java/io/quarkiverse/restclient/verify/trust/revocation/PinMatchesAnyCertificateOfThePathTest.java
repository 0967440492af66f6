package io.quarkiverse.restclient.verify.trust.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;
import io.quarkiverse.restclient.verify.testpki.IssuedCertificate;
import io.quarkiverse.restclient.verify.testpki.Pem;
import io.quarkiverse.restclient.verify.testpki.TlsTestServer;
import io.quarkiverse.restclient.verify.trust.Handshakes;
import io.quarkiverse.restclient.verify.trust.Reloadable;
import io.quarkiverse.restclient.verify.trust.anchors.TrustMaterial;

/** A pin of the leaf, of the intermediate or of the trusted root each accepts the validated chain. */
class PinMatchesAnyCertificateOfThePathTest {

    static final CertificateAuthority ROOT = CertificateAuthority.root("Pin Root");
    static final CertificateAuthority INTERMEDIATE = ROOT.intermediate("Pin Intermediate");
    static final IssuedCertificate LEAF = INTERMEDIATE.server("pinned.test", List.of("localhost"), List.of("127.0.0.1"));
    static final TlsTestServer SERVER = TlsTestServer.start(LEAF);
    static final Path BUNDLE = Handshakes.write(Handshakes.tempDir("pins").resolve("ca.pem"),
            Pem.certificates(ROOT.certificate()));

    @AfterAll
    static void stop() {
        SERVER.close();
    }

    @Test
    void leafPin() {
        assertThat(handshakeWithPins(SpkiPins.pinOf(LEAF.certificate()))).isNull();
    }

    @Test
    void intermediatePin() {
        assertThat(handshakeWithPins(SpkiPins.pinOf(INTERMEDIATE.certificate()))).isNull();
    }

    @Test
    void rootPin() {
        // The root is not sent by the server: it comes from the client's trust, the end of the validated path.
        assertThat(handshakeWithPins(SpkiPins.pinOf(ROOT.certificate()))).isNull();
    }

    @Test
    void aBackupPinThatMatchesNothingDoesNotHurt() {
        String unrelated = SpkiPins.pinOf(CertificateAuthority.root("Unrelated").certificate());
        assertThat(handshakeWithPins(unrelated + "," + SpkiPins.pinOf(LEAF.certificate()))).isNull();
    }

    private static Exception handshakeWithPins(String pins) {
        Reloadable<TrustMaterial> trust = Handshakes.trust(BUNDLE);
        RevocationPolicy policy = Handshakes.policy(RevocationMode.OFF, Optional.empty(),
                SpkiPins.parse(List.of(pins.split(","))), Handshakes.IGNORE);
        return Handshakes.handshake(Handshakes.manager(trust, policy), SERVER);
    }
}
