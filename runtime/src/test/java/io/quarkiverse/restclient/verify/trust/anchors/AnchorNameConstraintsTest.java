package io.quarkiverse.restclient.verify.trust.anchors;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.net.ssl.SSLHandshakeException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.quarkiverse.restclient.verify.SslVerificationException;
import io.quarkiverse.restclient.verify.config.ClientKeys;
import io.quarkiverse.restclient.verify.diagnosis.DiagnosisContext;
import io.quarkiverse.restclient.verify.diagnosis.HandshakeDiagnosis;
import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;
import io.quarkiverse.restclient.verify.testpki.IssuedCertificate;
import io.quarkiverse.restclient.verify.testpki.NameConstraintsExtensions;
import io.quarkiverse.restclient.verify.testpki.Pem;
import io.quarkiverse.restclient.verify.testpki.TlsTestServer;
import io.quarkiverse.restclient.verify.trust.Handshakes;
import io.quarkiverse.restclient.verify.trust.Reloadable;
import io.quarkiverse.restclient.verify.trust.TrustDecisions;
import io.quarkiverse.restclient.verify.trust.revocation.RevocationMode;
import io.quarkiverse.restclient.verify.trust.revocation.RevocationPolicy;
import io.quarkiverse.restclient.verify.trust.revocation.SpkiPins;
import io.quarkiverse.restclient.verify.trust.rules.NameConstraintViolationException;

/**
 * A trust anchor's own name constraints: the root permits only {@code example.com}, yet issues for {@code localhost}.
 * Python requests (OpenSSL) refuses with "permitted subtree violation"; the JDK alone ignores an anchor's constraints.
 * Every kind of trust that holds the root refuses too, with the constraint and the name it excludes, and a chain for
 * an allowed name still passes.
 */
class AnchorNameConstraintsTest {

    static final CertificateAuthority ROOT = CertificateAuthority.rootWithExtensions("Example Only Root",
            List.of(NameConstraintsExtensions.permittedDns("example.com")));
    static final IssuedCertificate OUTSIDE = ROOT.intermediate("Example Only Issuing CA").server("localhost",
            List.of("localhost"), List.of("127.0.0.1"));
    static final IssuedCertificate INSIDE = ROOT.intermediate("Example Only Issuing CA").server("www.example.com",
            List.of("www.example.com"), List.of("127.0.0.1"));
    // An intermediate with constraints, trusted itself (pinned): the JDK checks an intermediate's constraints only
    // when it is not the anchor.
    static final CertificateAuthority PINNED = CertificateAuthority.root("Unconstrained Root")
            .withIssuedExtension(NameConstraintsExtensions.permittedDns("example.com"))
            .intermediate("Pinned Example Only CA");
    static final IssuedCertificate UNDER_PINNED = PINNED.server("localhost", List.of("localhost"),
            List.of("127.0.0.1"));
    static final TlsTestServer OUTSIDE_SERVER = TlsTestServer.start(OUTSIDE);
    static final TlsTestServer INSIDE_SERVER = TlsTestServer.start(INSIDE);
    static final TlsTestServer PINNED_SERVER = TlsTestServer.start(UNDER_PINNED);
    static final Path DIR = Handshakes.tempDir("anchor-nc");
    static final Path BUNDLE = Handshakes.write(DIR.resolve("root.pem"), Pem.certificates(ROOT.certificate()));
    static final Path PINNED_BUNDLE = Handshakes.write(DIR.resolve("pinned.pem"),
            Pem.certificates(PINNED.certificate()));

    @AfterAll
    static void stop() {
        OUTSIDE_SERVER.close();
        INSIDE_SERVER.close();
        PINNED_SERVER.close();
    }

    private static Reloadable<TrustMaterial> trust(String verify) {
        return TrustMaterial.reloadable(TrustSpec.parse(verify), AnchorNameConstraintsTest.class.getClassLoader(),
                Map.of());
    }

    @Test
    void aBundleRefusesANameItsRootDoesNotPermit() {
        CertificateException failure = Handshakes.handshake(new ReloadingTrustManager(trust(BUNDLE.toString())),
                OUTSIDE_SERVER);

        assertThat(failure).isInstanceOf(NameConstraintViolationException.class);
        assertThat(failure.getMessage()).contains("DNS:localhost").contains("'CN=Example Only Root,O=Verify Tests'")
                .contains("permits only DNS:example.com").contains("'CN=localhost,O=Verify Tests'");
    }

    @Test
    void aHashedDirectoryRefusesItToo() {
        Path directory = TrustDecisions.hashedDirectory(DIR.resolve("capath"), List.of(ROOT.certificate()));

        CertificateException failure = Handshakes.handshake(new ReloadingTrustManager(trust(directory.toString())),
                OUTSIDE_SERVER);

        assertThat(failure).isInstanceOf(NameConstraintViolationException.class);
    }

    @Test
    void aUnionWithDefaultTrustRefusesItToo() {
        CertificateException failure = Handshakes.handshake(
                new ReloadingTrustManager(trust("default," + BUNDLE)), OUTSIDE_SERVER);

        assertThat(failure).isInstanceOf(NameConstraintViolationException.class);
    }

    @Test
    void aPinnedIntermediateWithConstraintsRefusesItToo() {
        CertificateException failure = Handshakes.handshake(
                new ReloadingTrustManager(trust(PINNED_BUNDLE.toString())), PINNED_SERVER);

        assertThat(failure).isInstanceOf(NameConstraintViolationException.class);
        assertThat(failure.getMessage()).contains("'CN=Pinned Example Only CA,O=Verify Tests'");
    }

    @Test
    void revocationChecksAfterItSeeTheRefusal() {
        Reloadable<TrustMaterial> trust = trust(BUNDLE.toString());
        RevocationPolicy policy = Handshakes.policy(RevocationMode.STAPLED, Optional.empty(), SpkiPins.none(),
                Handshakes.IGNORE);

        assertThat(Handshakes.handshake(Handshakes.manager(trust, policy), OUTSIDE_SERVER))
                .isInstanceOf(NameConstraintViolationException.class);
        assertThat(Handshakes.handshake(Handshakes.manager(trust, policy), INSIDE_SERVER)).isNull();
    }

    @Test
    void aNameTheRootPermitsIsStillAccepted() {
        assertThat(Handshakes.handshake(new ReloadingTrustManager(trust(BUNDLE.toString())), INSIDE_SERVER))
                .isNull();
        assertThat(Handshakes.handshake(new ReloadingTrustManager(trust("default," + BUNDLE)), INSIDE_SERVER))
                .isNull();
    }

    @Test
    void theDiagnosisNamesTheConstraintAndTheFix() {
        Reloadable<TrustMaterial> trust = trust(BUNDLE.toString());
        CertificateException failure = Handshakes.handshake(new ReloadingTrustManager(trust), OUTSIDE_SERVER);
        SSLHandshakeException handshake = new SSLHandshakeException(failure.getMessage());
        handshake.initCause(failure);

        SslVerificationException explained = HandshakeDiagnosis.explain(handshake, new DiagnosisContext("partner",
                ClientKeys.named("partner"), trust.current().description(), BUNDLE.toString(), true,
                OUTSIDE_SERVER.host(), OUTSIDE_SERVER.port(), null, false), Optional.empty()).orElseThrow();

        assertThat(explained.reason()).isEqualTo(SslVerificationException.Reason.UNKNOWN_ISSUER);
        assertThat(explained.getMessage()).contains("name constraints").contains("DNS:localhost")
                .contains("DNS:example.com").contains("permitted subtree violation");
    }
}
