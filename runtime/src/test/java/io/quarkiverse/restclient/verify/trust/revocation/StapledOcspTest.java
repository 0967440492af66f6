package io.quarkiverse.restclient.verify.trust.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
 * verify-revocation=stapled: the OCSP response the server staples decides (a revoked leaf, a revoked intermediate
 * with TLS 1.2's status_request_v2), and the client itself never asks the responder.
 */
class StapledOcspTest {

    static final CertificateAuthority ROOT_CA = CertificateAuthority.root("Stapling Root");
    static final OcspResponder RESPONDER = OcspResponder.start(ROOT_CA);
    static final CertificateAuthority ROOT = ROOT_CA.withOcspResponder(RESPONDER.uri());
    static final CertificateAuthority INTERMEDIATE_CA = ROOT.intermediate("Stapling Intermediate");
    static final CertificateAuthority REVOKED_CA = ROOT.intermediate("Stapling Revoked Intermediate");
    static final OcspResponder INTERMEDIATE_RESPONDER = OcspResponder.start(INTERMEDIATE_CA, REVOKED_CA);
    static final CertificateAuthority INTERMEDIATE = INTERMEDIATE_CA.withOcspResponder(INTERMEDIATE_RESPONDER.uri());
    static final IssuedCertificate GOOD = INTERMEDIATE.server("good.stapled.test", List.of("localhost"),
            List.of("127.0.0.1"));
    static final IssuedCertificate REVOKED = INTERMEDIATE.server("revoked.stapled.test", List.of("localhost"),
            List.of("127.0.0.1"));
    static final IssuedCertificate UNDER_REVOKED_CA = REVOKED_CA.withOcspResponder(INTERMEDIATE_RESPONDER.uri())
            .server("under-revoked.stapled.test", List.of("localhost"), List.of("127.0.0.1"));
    static final Path BUNDLE = Handshakes.write(Handshakes.tempDir("stapled").resolve("ca.pem"),
            Pem.certificates(ROOT.certificate()));
    static final List<TlsTestServer> SERVERS = new ArrayList<>();

    static {
        INTERMEDIATE_RESPONDER.revoke(REVOKED.certificate());
        RESPONDER.revoke(REVOKED_CA.certificate());
    }

    @AfterAll
    static void stop() {
        TlsTestServer.closeAll(SERVERS);
        RESPONDER.close();
        INTERMEDIATE_RESPONDER.close();
    }

    @Test
    void aStapledGoodAnswerPasses() {
        assertThat(Handshakes.handshake(stapled(), stapling(GOOD, GOOD.chain()))).isNull();
    }

    @Test
    void aStapledRevokedAnswerRefusesTheLeaf() {
        Exception failure = Handshakes.handshake(stapled(), stapling(REVOKED, REVOKED.chain()));

        assertThat(failure).isInstanceOf(RevokedCertificateException.class);
        RevokedCertificateException revoked = (RevokedCertificateException) failure;
        assertThat(revoked.subject()).isEqualTo(REVOKED.certificate().getSubjectX500Principal().getName());
        assertThat(revoked.source()).isEqualTo("OCSP response stapled by the server");
        assertThat(revoked.revocationReason()).isEqualTo("key compromise");
    }

    @Test
    void aStapledRevokedAnswerRefusesTheIntermediate() {
        // TLS 1.2 staples for every certificate whose issuer the chain holds, so the server sends its root too.
        List<X509Certificate> chain = new ArrayList<>(UNDER_REVOKED_CA.chain());
        chain.add(ROOT.certificate());
        TlsTestServer server = track(TlsTestServer.builder(UNDER_REVOKED_CA.privateKey(), chain).stapleOcsp()
                .protocols("TLSv1.2").start());

        Exception failure = Handshakes.handshake(stapled(), server);

        assertThat(failure).isInstanceOf(RevokedCertificateException.class);
        assertThat(((RevokedCertificateException) failure).subject())
                .isEqualTo(REVOKED_CA.certificate().getSubjectX500Principal().getName());
    }

    @Test
    void withoutAStapledAnswerTheClientDoesNotAskTheResponder() {
        TlsTestServer plain = track(TlsTestServer.start(REVOKED));
        int before = INTERMEDIATE_RESPONDER.requests();

        assertThat(Handshakes.handshake(stapled(), plain)).isNull();
        assertThat(INTERMEDIATE_RESPONDER.requests()).isEqualTo(before);
    }

    private static X509ExtendedTrustManager stapled() {
        return Handshakes.manager(Handshakes.trust(BUNDLE), Handshakes.policy(RevocationMode.STAPLED,
                Optional.empty(), SpkiPins.none(), Handshakes.IGNORE));
    }

    private static TlsTestServer stapling(IssuedCertificate certificate,
            List<X509Certificate> chain) {
        return track(TlsTestServer.builder(certificate.privateKey(), chain).stapleOcsp().start());
    }

    private static synchronized TlsTestServer track(TlsTestServer server) {
        SERVERS.add(server);
        return server;
    }
}
