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

/**
 * A trusted chain without a pinned key is refused, and the refusal lists the pin of each certificate of the validated
 * path, ready to copy.
 */
class PinMismatchTest {

    static final CertificateAuthority ROOT = CertificateAuthority.root("Mismatch Root");
    static final CertificateAuthority INTERMEDIATE = ROOT.intermediate("Mismatch Intermediate");
    static final IssuedCertificate LEAF = INTERMEDIATE.server("mismatch.test", List.of("localhost"),
            List.of("127.0.0.1"));
    static final TlsTestServer SERVER = TlsTestServer.start(LEAF);
    static final Path BUNDLE = Handshakes.write(Handshakes.tempDir("mismatch").resolve("ca.pem"),
            Pem.certificates(ROOT.certificate()));

    @AfterAll
    static void stop() {
        SERVER.close();
    }

    @Test
    void aChainWithoutPinnedKeyIsRefusedWithThePinsOfThePath() {
        String configured = SpkiPins.pinOf(CertificateAuthority.root("Old Server Key").certificate());
        RevocationPolicy policy = Handshakes.policy(RevocationMode.OFF, Optional.empty(),
                SpkiPins.parse(List.of(configured)), Handshakes.IGNORE);

        Exception failure = Handshakes.handshake(Handshakes.manager(Handshakes.trust(BUNDLE), policy), SERVER);

        assertThat(failure).isInstanceOf(PinMismatchException.class);
        PinMismatchException mismatch = (PinMismatchException) failure;
        assertThat(mismatch.configured()).containsExactly(configured);
        assertThat(mismatch.property()).isEqualTo("quarkus.rest-client.test.verify-pins");
        assertThat(mismatch.path()).containsExactly(
                new PinMismatchException.PathPin(LEAF.certificate().getSubjectX500Principal().getName(),
                        SpkiPins.pinOf(LEAF.certificate())),
                new PinMismatchException.PathPin(INTERMEDIATE.certificate().getSubjectX500Principal().getName(),
                        SpkiPins.pinOf(INTERMEDIATE.certificate())),
                new PinMismatchException.PathPin(ROOT.certificate().getSubjectX500Principal().getName(),
                        SpkiPins.pinOf(ROOT.certificate())));
    }
}
