package io.quarkiverse.restclient.verify.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.Socket;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

import org.junit.jupiter.api.Test;

import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;
import io.quarkiverse.restclient.verify.testpki.Crls;
import io.quarkiverse.restclient.verify.testpki.IssuedCertificate;
import io.quarkiverse.restclient.verify.testpki.Pem;
import io.quarkiverse.restclient.verify.trust.anchors.DistrustAfterTrustManager;
import io.quarkiverse.restclient.verify.trust.anchors.TrustMaterial;
import io.quarkiverse.restclient.verify.trust.revocation.CrlSet;
import io.quarkiverse.restclient.verify.trust.revocation.RevocationMode;
import io.quarkiverse.restclient.verify.trust.revocation.RevocationPolicy;
import io.quarkiverse.restclient.verify.trust.revocation.RevocationTrustManager;
import io.quarkiverse.restclient.verify.trust.revocation.SpkiPins;

/**
 * When the path a chain was accepted along cannot be established, the checks after the chain cannot be made: the
 * chain is refused, never treated as if its last certificate were a trust anchor.
 */
class UnestablishedPathTest {

    static final CertificateAuthority ROOT = CertificateAuthority.root("Unestablished Root");
    static final CertificateAuthority INTERMEDIATE = ROOT.intermediate("Unestablished Intermediate");
    static final IssuedCertificate LEAF = INTERMEDIATE.server("unestablished.test", List.of("localhost"),
            List.of("127.0.0.1"));
    static final X509Certificate[] CHAIN = LEAF.chain().toArray(new X509Certificate[0]);

    @Test
    void revocationRefusesAChainItsDelegateCannotTellThePathOf() {
        Path dir = Handshakes.tempDir("unestablished");
        Handshakes.write(dir.resolve("intermediate.crl.pem"),
                Crls.pem(Crls.issue(INTERMEDIATE)));
        Reloadable<TrustMaterial> trust = Handshakes.trust(Handshakes.write(dir.resolve("ca.pem"),
                Pem.certificates(CertificateAuthority.root("Some Other Root").certificate())));
        RevocationPolicy policy = Handshakes.policy(RevocationMode.OFF,
                Optional.of(CrlSet.reloadable(List.of(dir.resolve("intermediate.crl.pem")))), SpkiPins.none(),
                Handshakes.IGNORE);
        X509ExtendedTrustManager manager = RevocationTrustManager.wrap(new AcceptingEverything(), trust, policy);

        Throwable failure = catchThrowable(() -> manager.checkServerTrusted(CHAIN, "ECDHE_ECDSA"));

        assertThat(failure).isInstanceOf(CertificateException.class);
    }

    @Test
    void distrustAfterRefusesAChainItsDelegateCannotTellThePathOf() {
        DistrustAfterTrustManager manager = new DistrustAfterTrustManager(new AcceptingEverything(),
                Map.of(ROOT.certificate(), Instant.now().minus(Duration.ofDays(1000))));

        Throwable failure = catchThrowable(() -> manager.checkServerTrusted(CHAIN, "ECDHE_ECDSA"));

        assertThat(failure).isInstanceOf(CertificateException.class);
    }

    @Test
    void aChainThatLeadsToNoAnchorHasNoPath() {
        ValidatedPaths paths = new ValidatedPaths(List.of(CertificateAuthority.root("Unrelated Anchor").certificate()));

        Throwable failure = catchThrowable(() -> paths.of(CHAIN));

        assertThat(failure).isInstanceOf(CertificateException.class)
                .hasMessageContaining("'CN=unestablished.test,O=Verify Tests'");
    }

    @Test
    void thePathEndsAtTheAnchorAndLeavesOutWhatWasAppended() throws CertificateException {
        X509Certificate appended = CertificateAuthority.root("Appended Stranger").certificate();
        ValidatedPaths paths = new ValidatedPaths(List.of(ROOT.certificate()));

        ValidatedPath path = paths.of(new X509Certificate[] { LEAF.certificate(), appended,
                INTERMEDIATE.certificate(), ROOT.certificate() });

        assertThat(path.certificates()).containsExactly(LEAF.certificate(), INTERMEDIATE.certificate());
        assertThat(path.anchor()).isEqualTo(ROOT.certificate());
        assertThat(path.withAnchor()).containsExactly(LEAF.certificate(), INTERMEDIATE.certificate(),
                ROOT.certificate());
    }

    @Test
    void aTrustedServerCertificateIsItsOwnAnchor() throws CertificateException {
        ValidatedPaths paths = new ValidatedPaths(List.of(LEAF.certificate()));

        ValidatedPath path = paths.of(CHAIN);

        assertThat(path.certificates()).isEmpty();
        assertThat(path.anchor()).isEqualTo(LEAF.certificate());
    }

    /** A trust manager that accepts every chain and cannot tell along which path. */
    static final class AcceptingEverything extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
