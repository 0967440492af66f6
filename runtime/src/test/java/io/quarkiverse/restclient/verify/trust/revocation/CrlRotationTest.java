package io.quarkiverse.restclient.verify.trust.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.X509ExtendedTrustManager;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;
import io.quarkiverse.restclient.verify.testpki.Crls;
import io.quarkiverse.restclient.verify.testpki.IssuedCertificate;
import io.quarkiverse.restclient.verify.testpki.Pem;
import io.quarkiverse.restclient.verify.testpki.TlsTestServer;
import io.quarkiverse.restclient.verify.trust.Handshakes;
import io.quarkiverse.restclient.verify.trust.Reloadable;

/**
 * A CRL rotated under a running client: the new CRL that revokes the server counts after the reload; a broken file
 * keeps the last good CRL; a stale CRL is reported.
 */
class CrlRotationTest {

    static final Path DIR = Handshakes.tempDir("crl-rotation");
    static final CertificateAuthority ROOT = CertificateAuthority.root("Rotation Root");
    static final CertificateAuthority INTERMEDIATE = ROOT.intermediate("Rotation Intermediate");
    static final IssuedCertificate LEAF = INTERMEDIATE.server("rotated.test", List.of("localhost"),
            List.of("127.0.0.1"));
    static final TlsTestServer SERVER = TlsTestServer.start(LEAF);
    static final Path BUNDLE = Handshakes.write(DIR.resolve("ca.pem"), Pem.certificates(ROOT.certificate()));

    @AfterAll
    static void stop() {
        SERVER.close();
    }

    @Test
    void aRotatedCrlCountsAfterTheReloadAndABrokenOneKeepsTheLastGood() {
        Path crl = Handshakes.write(DIR.resolve("intermediate.crl"), Crls.pem(Crls.issue(INTERMEDIATE)));
        Reloadable<CrlSet> crls = CrlSet.reloadable(List.of(crl));
        X509ExtendedTrustManager manager = Handshakes.manager(Handshakes.trust(BUNDLE), Handshakes.policy(
                RevocationMode.OFF, Optional.of(crls), SpkiPins.none(), Handshakes.IGNORE));
        assertThat(Handshakes.handshake(manager, SERVER)).isNull();

        Handshakes.write(crl, Crls.pem(Crls.issue(INTERMEDIATE, LEAF.certificate())));
        assertThat(crls.reload().change()).isEqualTo(Reloadable.Change.RELOADED);
        assertThat(Handshakes.handshake(manager, SERVER)).isInstanceOf(RevokedCertificateException.class);

        Handshakes.write(crl, "-----BEGIN X509 CRL-----\nbroken\n-----END X509 CRL-----\n");
        assertThat(crls.reload().change()).isEqualTo(Reloadable.Change.FAILED);
        assertThat(Handshakes.handshake(manager, SERVER)).isInstanceOf(RevokedCertificateException.class);
    }

    @Test
    void aCrlPastItsNextUpdateIsReportedAsStale() {
        Path stale = Handshakes.write(DIR.resolve("stale.crl"), Crls.pem(Crls.issue(INTERMEDIATE,
                Instant.now().minus(Duration.ofDays(8)), Instant.now().minus(Duration.ofDays(1)))));

        List<String> problems = CrlSet.load(List.of(stale)).stale(Instant.now());

        assertThat(problems).singleElement().asString().startsWith(stale + ": the CRL of '"
                + INTERMEDIATE.certificate().getSubjectX500Principal().getName() + "' was due to be replaced on ")
                .endsWith("revocations since then are not in it. Fix: download the current CRL from the CA");
    }
}
