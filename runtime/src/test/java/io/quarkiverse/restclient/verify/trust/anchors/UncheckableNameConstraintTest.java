package io.quarkiverse.restclient.verify.trust.anchors;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.util.List;
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
import io.quarkiverse.restclient.verify.trust.revocation.RevocationMode;
import io.quarkiverse.restclient.verify.trust.revocation.RevocationPolicy;
import io.quarkiverse.restclient.verify.trust.revocation.SpkiPins;

/**
 * Two CAs of a chain exclude {@code otherName} subtrees: merging them makes the JDK's path validation throw
 * {@code UnsupportedOperationException}. That is a rejection with a reason, like any other, not a crash.
 */
class UncheckableNameConstraintTest {

    static final CertificateAuthority ROOT = CertificateAuthority.root("OtherName Root");
    static final CertificateAuthority OUTER = ROOT
            .withIssuedExtension(NameConstraintsExtensions.excludedOtherName("a@example.com"))
            .intermediate("OtherName Outer CA");
    static final CertificateAuthority INNER = OUTER
            .withIssuedExtension(NameConstraintsExtensions.excludedOtherName("b@example.com"))
            .intermediate("OtherName Inner CA");
    static final IssuedCertificate LEAF = INNER.server("othername.test", List.of("localhost"), List.of("127.0.0.1"));
    static final TlsTestServer SERVER = TlsTestServer.start(LEAF);
    static final Path BUNDLE = Handshakes.write(Handshakes.tempDir("othername").resolve("ca.pem"),
            Pem.certificates(ROOT.certificate()));

    @AfterAll
    static void stop() {
        SERVER.close();
    }

    @Test
    void theHandshakeIsRefusedWithTheCauseNamed() {
        Reloadable<TrustMaterial> trust = Handshakes.trust(BUNDLE);

        CertificateException failure = Handshakes.handshake(new ReloadingTrustManager(trust), SERVER);

        assertThat(failure).isNotNull();
        assertThat(failure.getMessage()).contains("name constraints")
                .contains("'CN=OtherName Inner CA,O=Verify Tests'")
                .contains("Narrowing, widening, and matching are not supported for OtherName");
        // As the REST client sees it: the trust manager's rejection inside the handshake's failure.
        SSLHandshakeException handshake = new SSLHandshakeException(failure.getMessage());
        handshake.initCause(failure);
        SslVerificationException explained = HandshakeDiagnosis.explain(handshake, new DiagnosisContext("partner",
                ClientKeys.named("partner"), trust.current().description(), BUNDLE.toString(), true, SERVER.host(),
                SERVER.port(), null, false), Optional.empty()).orElseThrow();
        assertThat(explained.reason()).isEqualTo(SslVerificationException.Reason.OTHER);
        assertThat(explained.getMessage()).contains("name constraints");
    }

    @Test
    void theSameWithRevocationChecksAfterIt() {
        Reloadable<TrustMaterial> trust = Handshakes.trust(BUNDLE);
        RevocationPolicy policy = Handshakes.policy(RevocationMode.STAPLED, Optional.empty(), SpkiPins.none(),
                Handshakes.IGNORE);

        CertificateException failure = Handshakes.handshake(Handshakes.manager(trust, policy), SERVER);

        assertThat(failure).isNotNull();
        assertThat(failure.getMessage()).contains("name constraints");
    }
}
