package io.quarkiverse.restclient.verify.trust.revocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

import org.junit.jupiter.api.Test;

import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;
import io.quarkiverse.restclient.verify.testpki.IssuedCertificate;
import io.quarkiverse.restclient.verify.testpki.Pem;
import io.quarkiverse.restclient.verify.trust.Handshakes;
import io.quarkiverse.restclient.verify.trust.NamedCertificates;
import io.quarkiverse.restclient.verify.trust.OcspResponses;
import io.quarkiverse.restclient.verify.trust.Reloadable;
import io.quarkiverse.restclient.verify.trust.ValidatedPath;
import io.quarkiverse.restclient.verify.trust.ValidatedPaths;
import io.quarkiverse.restclient.verify.trust.anchors.TrustMaterial;

/**
 * Pins are checked whichever of the JDK's entry points asks, a stapled answer read once is the same answer when
 * stapled again, and the path of a chain is never taken from a certificate that only shares the server's name.
 */
class PathChecksEveryWayTheJdkAsksTest {

    static final CertificateAuthority ROOT = CertificateAuthority.root("Every Way Pin Root");
    static final CertificateAuthority INTERMEDIATE = ROOT.intermediate("Every Way Pin Intermediate");
    static final IssuedCertificate LEAF = INTERMEDIATE.server("pinned.test", List.of("pinned.test"), List.of());
    static final X509Certificate[] CHAIN = LEAF.chain().toArray(new X509Certificate[0]);
    static final Path BUNDLE = Handshakes.write(Handshakes.tempDir("every-way-pins").resolve("ca.pem"),
            Pem.certificates(ROOT.certificate()));

    @Test
    void aPinMatchingNoCertificateOfThePathRefusesThroughEveryServerCheck() {
        SpkiPins pins = SpkiPins.parse(List.of(SpkiPins.pinOf(CertificateAuthority.root("Pinned Elsewhere")
                .certificate())));
        Reloadable<TrustMaterial> trust = Handshakes.trust(BUNDLE);
        X509ExtendedTrustManager manager = Handshakes.manager(trust,
                Handshakes.policy(RevocationMode.OFF, Optional.empty(), pins, Handshakes.IGNORE));

        assertThatThrownBy(() -> manager.checkServerTrusted(CHAIN, "UNKNOWN", (SSLEngine) null))
                .isInstanceOf(PinMismatchException.class);
        assertThatThrownBy(() -> manager.checkServerTrusted(CHAIN, "UNKNOWN"))
                .isInstanceOf(PinMismatchException.class);
    }

    @Test
    void aStapledGoodAnswerReadTwiceIsGoodBothTimes() throws Exception {
        Reloadable<TrustMaterial> trust = Handshakes.trust(BUNDLE);
        RevocationTrustManager manager = (RevocationTrustManager) Handshakes.manager(trust,
                Handshakes.policy(RevocationMode.STAPLED, Optional.empty(), SpkiPins.none(), Handshakes.IGNORE));
        Instant now = Instant.now();
        byte[] good = OcspResponses.about(LEAF.certificate(), INTERMEDIATE, now).build();

        for (int i = 0; i < 2; i++) {
            assertThat(manager.stapledAnswer(good, LEAF.certificate(), INTERMEDIATE.certificate(), now).status())
                    .isEqualTo(OcspAnswer.Status.GOOD);
        }
    }

    @Test
    void aTrustedCertificateWithTheServersNameButAnotherKeyIsNotTheAnchor() throws Exception {
        X509Certificate impostor = NamedCertificates.certificate(LEAF.certificate().getSubjectX500Principal(),
                LEAF.certificate().getSubjectX500Principal(), 7, Instant.now().minusSeconds(3600),
                Instant.now().plusSeconds(3600));
        ValidatedPaths paths = new ValidatedPaths(List.of(impostor, ROOT.certificate()));

        ValidatedPath path = paths.of(CHAIN);

        assertThat(path.anchor()).isEqualTo(ROOT.certificate());
        assertThat(path.certificates()).containsExactly(LEAF.certificate(), INTERMEDIATE.certificate());
    }

    @Test
    void aTrustedCertificateWithTheServersNameAndKeyIsTheAnchor() throws Exception {
        // Another certificate for the server's key (another issuer, another serial): the JDK trusts the server on it.
        X509Certificate copy = NamedCertificates.certificateFor(LEAF.certificate().getPublicKey(),
                LEAF.certificate().getSubjectX500Principal().getName(), Instant.now().minusSeconds(3600),
                Instant.now().plusSeconds(3600));
        ValidatedPaths paths = new ValidatedPaths(List.of(copy));

        ValidatedPath path = paths.of(CHAIN);

        assertThat(path.anchor()).isEqualTo(copy);
        assertThat(path.certificates()).isEmpty();
    }

    @Test
    void aChainWithNoPathKeepsTheBuildersFailureForTheStackTrace() {
        ValidatedPaths paths = new ValidatedPaths(List.of(CertificateAuthority.root("No Path Anchor").certificate()));

        assertThatThrownBy(() -> paths.of(CHAIN)).satisfies(failure -> assertThat(failure.getSuppressed())
                .singleElement().isInstanceOf(java.security.cert.CertPathBuilderException.class));
    }

    @Test
    void pinsAreShownAsConfigured() {
        String a = SpkiPins.pinOf(ROOT.certificate());
        String b = SpkiPins.pinOf(LEAF.certificate());

        assertThat(SpkiPins.parse(List.of(a, " ", b)).toString()).isEqualTo(a + "," + b);
        assertThat(SpkiPins.none().toString()).isEmpty();
    }
}
