package io.quarkiverse.restclient.verify.trust.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
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
 * verify-revocation=soft-fail asks the responders the certificates name: a revoked leaf and a revoked intermediate
 * (OCSP), a revoked leaf whose certificate names only a CRL distribution point; a good answer passes and is cached.
 */
class RevokedViaResponderTest {

    static final CertificateAuthority ROOT_CA = CertificateAuthority.root("Responder Root");
    static final OcspResponder ROOT_RESPONDER = OcspResponder.start(ROOT_CA);
    static final CertificateAuthority ROOT = ROOT_CA.withOcspResponder(ROOT_RESPONDER.uri());
    static final CertificateAuthority INTERMEDIATE_CA = ROOT.intermediate("Responder Intermediate");
    static final CertificateAuthority REVOKED_CA = ROOT.intermediate("Responder Revoked Intermediate");
    static final OcspResponder RESPONDER = OcspResponder.start(INTERMEDIATE_CA, REVOKED_CA);
    static final CertificateAuthority INTERMEDIATE = INTERMEDIATE_CA.withOcspResponder(RESPONDER.uri());
    static final IssuedCertificate GOOD = INTERMEDIATE.server("good.responder.test", List.of("localhost"),
            List.of("127.0.0.1"));
    static final IssuedCertificate REVOKED = INTERMEDIATE.server("revoked.responder.test", List.of("localhost"),
            List.of("127.0.0.1"));
    static final IssuedCertificate UNDER_REVOKED_CA = REVOKED_CA.withOcspResponder(RESPONDER.uri())
            .server("under-revoked.responder.test", List.of("localhost"), List.of("127.0.0.1"));
    static final IssuedCertificate CRL_ONLY = INTERMEDIATE_CA.withCrlDistributionPoint(RESPONDER.crlUri(0))
            .server("crl-only.responder.test", List.of("localhost"), List.of("127.0.0.1"));
    static final Path BUNDLE = Handshakes.write(Handshakes.tempDir("responder").resolve("ca.pem"),
            Pem.certificates(ROOT.certificate()));
    static final List<TlsTestServer> SERVERS = new ArrayList<>();

    static {
        RESPONDER.revoke(REVOKED.certificate());
        RESPONDER.revoke(CRL_ONLY.certificate());
        ROOT_RESPONDER.revoke(REVOKED_CA.certificate());
    }

    @AfterAll
    static void stop() {
        TlsTestServer.closeAll(SERVERS);
        ROOT_RESPONDER.close();
        RESPONDER.close();
    }

    @Test
    void aRevokedLeaf() {
        Exception failure = Handshakes.handshake(softFail(), server(REVOKED));

        assertThat(failure).isInstanceOf(RevokedCertificateException.class);
        assertThat(((RevokedCertificateException) failure).source()).isEqualTo("OCSP responder " + RESPONDER.uri());
        assertThat(((RevokedCertificateException) failure).revocationReason()).isEqualTo("key compromise");
    }

    @Test
    void aRevokedIntermediate() {
        Exception failure = Handshakes.handshake(softFail(), server(UNDER_REVOKED_CA));

        assertThat(failure).isInstanceOf(RevokedCertificateException.class);
        assertThat(((RevokedCertificateException) failure).subject())
                .isEqualTo(REVOKED_CA.certificate().getSubjectX500Principal().getName());
        assertThat(((RevokedCertificateException) failure).source())
                .isEqualTo("OCSP responder " + ROOT_RESPONDER.uri());
    }

    @Test
    void aRevokedLeafThatNamesOnlyACrlDistributionPoint() {
        Exception failure = Handshakes.handshake(softFail(), server(CRL_ONLY));

        assertThat(failure).isInstanceOf(RevokedCertificateException.class);
        assertThat(((RevokedCertificateException) failure).source())
                .isEqualTo("CRL distribution point " + RESPONDER.crlUri(0));
    }

    @Test
    void aGoodAnswerPassesAndIsCachedUntilItsNextUpdate() {
        X509ExtendedTrustManager manager = softFail();
        TlsTestServer server = server(GOOD);
        assertThat(Handshakes.handshake(manager, server)).isNull();
        int asked = RESPONDER.requests() + ROOT_RESPONDER.requests();

        assertThat(Handshakes.handshake(manager, server)).isNull();
        assertThat(RESPONDER.requests() + ROOT_RESPONDER.requests()).isEqualTo(asked);
    }

    private static X509ExtendedTrustManager softFail() {
        return Handshakes.manager(Handshakes.trust(BUNDLE), Handshakes.policy(RevocationMode.SOFT_FAIL,
                Optional.empty(), SpkiPins.none(), Handshakes.IGNORE));
    }

    private static synchronized TlsTestServer server(IssuedCertificate certificate) {
        TlsTestServer server = TlsTestServer.start(certificate);
        SERVERS.add(server);
        return server;
    }
}
