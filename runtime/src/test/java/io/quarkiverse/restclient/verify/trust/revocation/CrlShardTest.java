package io.quarkiverse.restclient.verify.trust.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.security.cert.CRLException;
import java.security.cert.X509CRL;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import javax.net.ssl.X509ExtendedTrustManager;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;
import io.quarkiverse.restclient.verify.testpki.Crls;
import io.quarkiverse.restclient.verify.testpki.IssuedCertificate;
import io.quarkiverse.restclient.verify.testpki.OcspResponder;
import io.quarkiverse.restclient.verify.testpki.Pem;
import io.quarkiverse.restclient.verify.testpki.TlsTestServer;
import io.quarkiverse.restclient.verify.trust.Handshakes;
import io.quarkiverse.restclient.verify.trust.Reloadable;

/**
 * A CRL answers only for what it covers. A CA that partitions its CRLs publishes genuine shards: another shard (its
 * issuing distribution point names another URL, and it does not list the revoked serial) served at the certificate's
 * distribution point is no answer under hard-fail; the right shard answers. CRL files follow the same rules, and a CRL
 * limited to CA certificates, to some reasons, an indirect or delta CRL, or one with an unknown critical extension
 * never says GOOD.
 */
class CrlShardTest {

    static final CertificateAuthority ROOT = CertificateAuthority.root("Shard Root");
    static final OcspResponder HOST = OcspResponder.start(ROOT);
    static final URI WRONG_SHARD_POINT = HOST.serve("/shard/wrong.crl", new byte[0]);
    static final URI RIGHT_SHARD_POINT = HOST.serve("/shard/right.crl", new byte[0]);
    static final URI UNSERVED_POINT = HOST.uri().resolve("/shard/unserved.crl");
    static final URI OTHER_POINT = HOST.uri().resolve("/shard/other.crl");
    static final IssuedCertificate BEHIND_WRONG_SHARD = ROOT.withCrlDistributionPoint(WRONG_SHARD_POINT)
            .server("wrong-shard.test", List.of("localhost"), List.of("127.0.0.1"));
    static final IssuedCertificate REVOKED = ROOT.withCrlDistributionPoint(RIGHT_SHARD_POINT)
            .server("revoked.shard.test", List.of("localhost"), List.of("127.0.0.1"));
    static final IssuedCertificate GOOD = ROOT.withCrlDistributionPoint(RIGHT_SHARD_POINT)
            .server("good.shard.test", List.of("localhost"), List.of("127.0.0.1"));
    static final IssuedCertificate FILE_CHECKED = ROOT.withCrlDistributionPoint(UNSERVED_POINT)
            .server("file.shard.test", List.of("localhost"), List.of("127.0.0.1"));
    static final TlsTestServer WRONG_SHARD_SERVER = TlsTestServer.start(BEHIND_WRONG_SHARD);
    static final TlsTestServer REVOKED_SERVER = TlsTestServer.start(REVOKED);
    static final TlsTestServer GOOD_SERVER = TlsTestServer.start(GOOD);
    static final TlsTestServer FILE_SERVER = TlsTestServer.start(FILE_CHECKED);
    static final Path DIR = Handshakes.tempDir("crl-shards");
    static final Path BUNDLE = Handshakes.write(DIR.resolve("ca.pem"), Pem.certificates(ROOT.certificate()));

    static {
        // Another genuine shard of the same CA: signed by it, naming another point, not listing the serial.
        HOST.serve("/shard/wrong.crl", encoded(Crls.scoped(ROOT).distributionPoint(OTHER_POINT).issue()));
        HOST.serve("/shard/right.crl", encoded(Crls.scoped(ROOT).distributionPoint(RIGHT_SHARD_POINT)
                .revoke(REVOKED.certificate()).issue()));
    }

    @AfterAll
    static void stop() {
        TlsTestServer.closeAll(List.of(WRONG_SHARD_SERVER, REVOKED_SERVER, GOOD_SERVER, FILE_SERVER));
        HOST.close();
    }

    @Test
    void anotherShardOfTheSameCaIsNoAnswer() {
        Exception failure = Handshakes.handshake(online(Optional.empty()), WRONG_SHARD_SERVER);

        assertThat(failure).isInstanceOf(RevocationUnknownException.class);
        assertThat(failure.getMessage()).contains("another distribution point");
    }

    @Test
    void theRightShardAnswers() {
        assertThat(Handshakes.handshake(online(Optional.empty()), GOOD_SERVER)).isNull();
        Exception failure = Handshakes.handshake(online(Optional.empty()), REVOKED_SERVER);
        assertThat(failure).isInstanceOf(RevokedCertificateException.class);
        assertThat(((RevokedCertificateException) failure).source())
                .isEqualTo("CRL distribution point " + RIGHT_SHARD_POINT);
    }

    static Stream<Arguments> partialCrls() {
        return Stream.of(
                Arguments.of("another shard", Crls.scoped(ROOT).distributionPoint(OTHER_POINT).issue()),
                Arguments.of("CA certificates only", Crls.scoped(ROOT).onlyCaCerts().issue()),
                Arguments.of("attribute certificates only", Crls.scoped(ROOT).onlyAttributeCerts().issue()),
                Arguments.of("some reasons only", Crls.scoped(ROOT).onlySomeReasons().issue()),
                Arguments.of("indirect", Crls.scoped(ROOT).indirect().issue()),
                Arguments.of("delta", Crls.scoped(ROOT).delta().issue()),
                Arguments.of("unknown critical extension", Crls.scoped(ROOT).criticalExtension("1.3.6.1.4.1.99999.1")
                        .issue()),
                Arguments.of("unknown critical entry extension", Crls.scoped(ROOT)
                        .criticalEntryExtension("1.3.6.1.4.1.99999.2").revoke(GOOD.certificate()).issue()));
    }

    /** The file is the only answer there is (the certificate's point is not served): a partial CRL is not one. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("partialCrls")
    void aPartialCrlFileIsNoAnswerUnderHardFail(String kind, X509CRL crl) {
        Path file = Handshakes.write(DIR.resolve(kind.replace(' ', '-') + ".crl.pem"), Crls.pem(crl));

        Exception failure = Handshakes.handshake(online(Optional.of(CrlSet.reloadable(List.of(file)))),
                FILE_SERVER);

        assertThat(failure).as(kind).isInstanceOf(RevocationUnknownException.class);
    }

    @Test
    void aCrlFileOfTheCertificatesOwnPointAnswers() {
        Path file = Handshakes.write(DIR.resolve("own-point.crl.pem"),
                Crls.pem(Crls.scoped(ROOT).distributionPoint(UNSERVED_POINT).onlyUserCerts().issue()));

        assertThat(Handshakes.handshake(online(Optional.of(CrlSet.reloadable(List.of(file)))), FILE_SERVER))
                .isNull();
    }

    private static X509ExtendedTrustManager online(Optional<Reloadable<CrlSet>> crls) {
        return Handshakes.manager(Handshakes.trust(BUNDLE), Handshakes.policy(RevocationMode.HARD_FAIL, crls,
                SpkiPins.none(), Handshakes.IGNORE));
    }

    private static byte[] encoded(X509CRL crl) {
        try {
            return crl.getEncoded();
        } catch (CRLException e) {
            throw new IllegalStateException(e);
        }
    }
}
