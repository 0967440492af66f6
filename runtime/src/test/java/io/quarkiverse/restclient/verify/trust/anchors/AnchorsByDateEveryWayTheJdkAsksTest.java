package io.quarkiverse.restclient.verify.trust.anchors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import javax.net.ssl.SSLEngine;

import org.junit.jupiter.api.Test;

import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;
import io.quarkiverse.restclient.verify.testpki.IssuedCertificate;

/**
 * The anchors-by-date trust decides the same way through each of the JDK's entry points, and names an anchor left
 * out for its dates only when that very anchor (not another key under its name) would have anchored the chain.
 */
class AnchorsByDateEveryWayTheJdkAsksTest {

    static final CertificateAuthority ROOT = CertificateAuthority.root("Every Way Root");
    static final CertificateAuthority INTERMEDIATE = ROOT.intermediate("Every Way Intermediate");
    static final IssuedCertificate LEAF = INTERMEDIATE.server("every-way.test", List.of("every-way.test"), List.of());
    static final X509Certificate[] CHAIN = LEAF.chain().toArray(new X509Certificate[0]);
    static final CertificateAuthority STRANGER = CertificateAuthority.root("Every Way Stranger");
    static final X509Certificate[] STRANGER_CHAIN = STRANGER.server("stranger.test", List.of("stranger.test"),
            List.of()).chain().toArray(new X509Certificate[0]);
    static final X509Certificate[] CLIENT = ROOT.client("client.test").chain().toArray(new X509Certificate[0]);
    static final X509Certificate[] STRANGER_CLIENT = STRANGER.client("stranger-client.test").chain()
            .toArray(new X509Certificate[0]);

    @Test
    void aChainOfAnotherCaIsRefusedThroughEveryServerAndClientCheck() {
        ValidAnchorsTrustManager trust = new ValidAnchorsTrustManager(List.of(ROOT.certificate()));

        assertThatThrownBy(() -> trust.checkServerTrusted(STRANGER_CHAIN, "UNKNOWN", (SSLEngine) null))
                .isInstanceOf(CertificateException.class);
        assertThatThrownBy(() -> trust.checkClientTrusted(STRANGER_CLIENT, "UNKNOWN", (SSLEngine) null))
                .isInstanceOf(CertificateException.class);
        assertThatThrownBy(() -> trust.checkClientTrusted(STRANGER_CLIENT, "UNKNOWN", (Socket) null))
                .isInstanceOf(CertificateException.class);
        assertThatThrownBy(() -> trust.checkClientTrusted(STRANGER_CLIENT, "UNKNOWN"))
                .isInstanceOf(CertificateException.class);

        assertThatCode(() -> trust.checkServerTrusted(CHAIN, "UNKNOWN", (SSLEngine) null)).doesNotThrowAnyException();
        assertThatCode(() -> trust.checkClientTrusted(CLIENT, "UNKNOWN", (SSLEngine) null)).doesNotThrowAnyException();
        assertThatCode(() -> trust.checkClientTrusted(CLIENT, "UNKNOWN", (Socket) null)).doesNotThrowAnyException();
        assertThatCode(() -> trust.checkClientTrusted(CLIENT, "UNKNOWN")).doesNotThrowAnyException();
    }

    @Test
    void anExpiredTrustedServerCertificateIsNamedAsExpired() {
        // The server's own certificate trusted (as pinned), one millisecond after its notAfter.
        long expired = LEAF.certificate().getNotAfter().getTime() + 1;
        ValidAnchorsTrustManager trust = new ValidAnchorsTrustManager(List.of(LEAF.certificate()), () -> expired);

        assertThatThrownBy(() -> trust.checkServerTrusted(CHAIN, "UNKNOWN"))
                .isInstanceOf(CertificateExpiredException.class)
                .hasMessageContaining("'" + LEAF.certificate().getSubjectX500Principal().getName() + "'");
    }

    @Test
    void anExpiredCaWithTheIssuersNameButAnotherKeyIsNotBlamed() {
        Instant now = Instant.now();
        // Same subject as the real root, another key, expired: it would anchor nothing even if it were valid.
        CertificateAuthority impostor = CertificateAuthority.rootNamed(ROOT.certificate().getSubjectX500Principal(),
                now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1)));
        ValidAnchorsTrustManager trust = new ValidAnchorsTrustManager(List.of(impostor.certificate()));
        X509Certificate[] chain = { LEAF.certificate(), INTERMEDIATE.certificate(), ROOT.certificate() };

        assertThatThrownBy(() -> trust.checkServerTrusted(chain, "UNKNOWN"))
                .isNotInstanceOf(CertificateExpiredException.class)
                .hasMessageContaining("holds no certificate that is valid now");
    }

    @Test
    void aMissingChainUnderNoValidAnchorIsRefusedWithTheReason() {
        long after = ROOT.certificate().getNotAfter().getTime() + 1;
        ValidAnchorsTrustManager trust = new ValidAnchorsTrustManager(List.of(ROOT.certificate()), () -> after);

        assertThatThrownBy(() -> trust.checkServerTrusted(null, "UNKNOWN")).isInstanceOf(CertificateException.class)
                .hasMessageContaining("holds no certificate that is valid now");
        assertThat(trust.getAcceptedIssuers()).isEmpty();
    }
}
