package io.quarkiverse.restclient.verify.trust.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;
import io.quarkiverse.restclient.verify.testpki.Crls;
import io.quarkiverse.restclient.verify.testpki.IssuedCertificate;
import io.quarkiverse.restclient.verify.testpki.Pem;
import io.quarkiverse.restclient.verify.testpki.TlsTestServer;
import io.quarkiverse.restclient.verify.trust.Handshakes;
import io.quarkiverse.restclient.verify.trust.Reloadable;
import io.quarkiverse.restclient.verify.trust.anchors.ReloadingTrustManager;
import io.quarkiverse.restclient.verify.trust.anchors.TrustMaterial;

/**
 * CRL files: a revoked leaf (CRL of the intermediate) and a revoked intermediate (CRL of the root) are refused with
 * the certificate, the date, the reason and the file; certificates the CRLs do not list pass.
 */
class RevokedViaCrlFileTest {

    static final Path DIR = Handshakes.tempDir("crl-files");
    static final CertificateAuthority ROOT = CertificateAuthority.root("CRL Root");
    static final CertificateAuthority INTERMEDIATE = ROOT.intermediate("CRL Intermediate");
    static final CertificateAuthority REVOKED_INTERMEDIATE = ROOT.intermediate("CRL Revoked Intermediate");
    static final IssuedCertificate REVOKED_LEAF = INTERMEDIATE.server("revoked.test", List.of("localhost"),
            List.of("127.0.0.1"));
    static final IssuedCertificate GOOD_LEAF = INTERMEDIATE.server("good.test", List.of("localhost"),
            List.of("127.0.0.1"));
    static final IssuedCertificate UNDER_REVOKED_CA = REVOKED_INTERMEDIATE.server("under-revoked.test",
            List.of("localhost"), List.of("127.0.0.1"));
    static final TlsTestServer REVOKED = TlsTestServer.start(REVOKED_LEAF);
    static final TlsTestServer GOOD = TlsTestServer.start(GOOD_LEAF);
    static final TlsTestServer REVOKED_CA = TlsTestServer.start(UNDER_REVOKED_CA);
    static final Path BUNDLE = Handshakes.write(DIR.resolve("ca.pem"), Pem.certificates(ROOT.certificate()));
    static final Path CRLS = crls();

    static Path crls() {
        Path dir = DIR.resolve("crl");
        dir.toFile().mkdirs();
        Handshakes.write(dir.resolve("intermediate.crl.pem"), Crls.pem(Crls.issue(INTERMEDIATE,
                REVOKED_LEAF.certificate())));
        Handshakes.write(dir.resolve("root.crl.pem"), Crls.pem(Crls.issue(ROOT, REVOKED_INTERMEDIATE.certificate())));
        return dir;
    }

    @AfterAll
    static void stop() {
        TlsTestServer.closeAll(List.of(REVOKED, GOOD, REVOKED_CA));
    }

    @Test
    void revokedLeaf() {
        Exception failure = Handshakes.handshake(manager(), REVOKED);

        assertThat(failure).isInstanceOf(RevokedCertificateException.class);
        RevokedCertificateException revoked = (RevokedCertificateException) failure;
        assertThat(revoked.subject()).isEqualTo(REVOKED_LEAF.certificate().getSubjectX500Principal().getName());
        assertThat(revoked.serialNumber()).isEqualTo(REVOKED_LEAF.certificate().getSerialNumber());
        assertThat(revoked.revocationReason()).isEqualTo("key compromise");
        assertThat(revoked.revokedAt()).isNotNull();
        assertThat(revoked.source()).isEqualTo("CRL file " + CRLS.resolve("intermediate.crl.pem")
                + " (quarkus.rest-client.test.verify-crl)");
        assertThat(revoked.fromFile()).isTrue();
    }

    @Test
    void revokedIntermediate() {
        Exception failure = Handshakes.handshake(manager(), REVOKED_CA);

        assertThat(failure).isInstanceOf(RevokedCertificateException.class);
        assertThat(((RevokedCertificateException) failure).subject())
                .isEqualTo(REVOKED_INTERMEDIATE.certificate().getSubjectX500Principal().getName());
        assertThat(((RevokedCertificateException) failure).source()).contains("root.crl.pem");
    }

    @Test
    void certificatesTheCrlsDoNotListPass() {
        assertThat(Handshakes.handshake(manager(), GOOD)).isNull();
    }

    @Test
    void withoutTheCrlFilesTheRevokedLeafPasses() {
        Reloadable<TrustMaterial> trust = Handshakes.trust(BUNDLE);
        assertThat(Handshakes.handshake(new ReloadingTrustManager(trust), REVOKED)).isNull();
    }

    private static javax.net.ssl.X509ExtendedTrustManager manager() {
        return Handshakes.manager(Handshakes.trust(BUNDLE), Handshakes.policy(RevocationMode.OFF,
                Optional.of(CrlSet.reloadable(List.of(CRLS))), SpkiPins.none(), Handshakes.IGNORE));
    }
}
