package io.quarkiverse.restclient.verify.trust.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;
import io.quarkiverse.restclient.verify.testpki.Crls;
import io.quarkiverse.restclient.verify.testpki.IssuedCertificate;
import io.quarkiverse.restclient.verify.testpki.OcspResponder;
import io.quarkiverse.restclient.verify.testpki.Pem;
import io.quarkiverse.restclient.verify.testpki.TlsTestServer;
import io.quarkiverse.restclient.verify.trust.Handshakes;

/**
 * A server whose intermediate was revoked puts a decoy before it: a certificate with the intermediate's subject and
 * public key, signed by a key of the attacker's own (no CA key needed). PKIX builds its path through the real
 * intermediate, so that intermediate's revocation must be found, whatever the revocation source.
 */
class DecoyBeforeRevokedIntermediateTest {

    static final Path DIR = Handshakes.tempDir("decoy");
    static final CertificateAuthority ROOT_CA = CertificateAuthority.root("Decoy Test Root");
    static final OcspResponder ROOT_RESPONDER = OcspResponder.start(ROOT_CA);
    static final CertificateAuthority INTERMEDIATE_CA = ROOT_CA.withOcspResponder(ROOT_RESPONDER.uri())
            .intermediate("Decoyed Intermediate");
    static final OcspResponder RESPONDER = OcspResponder.start(INTERMEDIATE_CA);
    static final IssuedCertificate LEAF = INTERMEDIATE_CA.withOcspResponder(RESPONDER.uri()).server("decoy.test",
            List.of("localhost"), List.of("127.0.0.1"));
    /** The intermediate's subject and key under the attacker's own signature. */
    static final CertificateAuthority DECOY_SIGNER = CertificateAuthority.root("Attacker Self-Made");
    static final X509Certificate DECOY = DECOY_SIGNER.crossSign(INTERMEDIATE_CA);
    static final TlsTestServer SERVER = TlsTestServer.start(LEAF.privateKey(),
            List.of(LEAF.certificate(), DECOY, INTERMEDIATE_CA.certificate()));
    /** TLS 1.2 staples for every certificate whose issuer follows it (status_request_v2), so the root is sent. */
    static final TlsTestServer STAPLING = TlsTestServer.builder(LEAF.privateKey(),
            List.of(LEAF.certificate(), DECOY, INTERMEDIATE_CA.certificate(), ROOT_CA.certificate()))
            .protocols("TLSv1.2").stapleOcsp().start();
    static final Path BUNDLE = Handshakes.write(DIR.resolve("ca.pem"), Pem.certificates(ROOT_CA.certificate()));

    static {
        ROOT_RESPONDER.revoke(INTERMEDIATE_CA.certificate());
    }

    @AfterAll
    static void stop() {
        TlsTestServer.closeAll(List.of(SERVER, STAPLING));
        ROOT_RESPONDER.close();
        RESPONDER.close();
    }

    @Test
    void theRevokedIntermediateBehindTheDecoyIsFoundInACrlFile() {
        Path crls = DIR.resolve("crl");
        crls.toFile().mkdirs();
        Handshakes.write(crls.resolve("root.crl.pem"), Crls.pem(Crls.issue(ROOT_CA, INTERMEDIATE_CA.certificate())));
        RevocationPolicy policy = Handshakes.policy(RevocationMode.OFF,
                Optional.of(CrlSet.reloadable(List.of(crls))), SpkiPins.none(), Handshakes.IGNORE);

        assertRevokedIntermediate(Handshakes.handshake(Handshakes.manager(Handshakes.trust(BUNDLE), policy), SERVER));
    }

    @Test
    void theRevokedIntermediateBehindTheDecoyIsFoundByItsResponderInHardFail() {
        RevocationPolicy policy = Handshakes.policy(RevocationMode.HARD_FAIL, Optional.empty(), SpkiPins.none(),
                Handshakes.IGNORE);

        assertRevokedIntermediate(Handshakes.handshake(Handshakes.manager(Handshakes.trust(BUNDLE), policy), SERVER));
    }

    @Test
    void theRevokedIntermediateBehindTheDecoyIsFoundByItsResponderInSoftFail() {
        RevocationPolicy policy = Handshakes.policy(RevocationMode.SOFT_FAIL, Optional.empty(), SpkiPins.none(),
                Handshakes.IGNORE);

        assertRevokedIntermediate(Handshakes.handshake(Handshakes.manager(Handshakes.trust(BUNDLE), policy), SERVER));
    }

    @Test
    void theRevokedIntermediateBehindTheDecoyIsFoundInTheStapledAnswers() {
        RevocationPolicy policy = Handshakes.policy(RevocationMode.STAPLED, Optional.empty(), SpkiPins.none(),
                Handshakes.IGNORE);

        Exception failure = Handshakes.handshake(Handshakes.manager(Handshakes.trust(BUNDLE), policy), STAPLING);

        assertRevokedIntermediate(failure);
        assertThat(((RevokedCertificateException) failure).source()).isEqualTo("OCSP response stapled by the server");
    }

    @Test
    void thePathJudgedRunsThroughTheRealIntermediateToTheRoot() {
        // A pin that matches nothing makes the failure list the path that was judged.
        RevocationPolicy policy = Handshakes.policy(RevocationMode.OFF, Optional.empty(),
                SpkiPins.parse(List.of(SpkiPins.pinOf(DECOY_SIGNER.certificate()))), Handshakes.IGNORE);

        Exception failure = Handshakes.handshake(Handshakes.manager(Handshakes.trust(BUNDLE), policy), SERVER);

        assertThat(failure).isInstanceOf(PinMismatchException.class);
        assertThat(((PinMismatchException) failure).path()).extracting(PinMismatchException.PathPin::subject)
                .containsExactly(LEAF.certificate().getSubjectX500Principal().getName(),
                        INTERMEDIATE_CA.certificate().getSubjectX500Principal().getName(),
                        ROOT_CA.certificate().getSubjectX500Principal().getName());
    }

    private static void assertRevokedIntermediate(Exception failure) {
        assertThat(failure).isInstanceOf(RevokedCertificateException.class);
        assertThat(((RevokedCertificateException) failure).subject())
                .isEqualTo(INTERMEDIATE_CA.certificate().getSubjectX500Principal().getName());
    }
}
