package io.quarkiverse.restclient.verify.trust.anchors;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;

/** The anchors of a running trust manager follow the clock: no reload is needed for a CA to stop anchoring. */
class ValidAnchorsTrustManagerTest {

    private static final Instant NOW = Instant.now();
    private static final CertificateAuthority ROOT = CertificateAuthority.root("Clock Root",
            NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofHours(1)));
    private static final X509Certificate[] CHAIN = ROOT.server("clock.test", List.of("clock.test"), List.of())
            .chain().toArray(new X509Certificate[0]);

    @Test
    void aCaStopsAnchoringAtItsNotAfterAndAnchorsAgainWhenTheClockGoesBack() {
        AtomicLong clock = new AtomicLong(NOW.toEpochMilli());
        ValidAnchorsTrustManager trust = new ValidAnchorsTrustManager(List.of(ROOT.certificate()), clock::get);
        assertThatCode(() -> trust.checkServerTrusted(CHAIN, "ECDHE_ECDSA")).doesNotThrowAnyException();

        clock.set(ROOT.certificate().getNotAfter().getTime());
        assertThatCode(() -> trust.checkServerTrusted(CHAIN, "ECDHE_ECDSA")).as("valid in its last millisecond")
                .doesNotThrowAnyException();

        clock.set(ROOT.certificate().getNotAfter().getTime() + 1);
        assertThatThrownBy(() -> trust.checkServerTrusted(CHAIN, "ECDHE_ECDSA"))
                .isInstanceOf(CertificateExpiredException.class)
                .hasMessageContaining("'CN=Clock Root,O=Verify Tests' in this client's trust");

        clock.set(NOW.toEpochMilli());
        assertThatCode(() -> trust.checkServerTrusted(CHAIN, "ECDHE_ECDSA")).doesNotThrowAnyException();
    }

    @Test
    void aCaAnchorsFromItsNotBefore() {
        AtomicLong clock = new AtomicLong(ROOT.certificate().getNotBefore().getTime() - 1);
        ValidAnchorsTrustManager trust = new ValidAnchorsTrustManager(List.of(ROOT.certificate()), clock::get);
        assertThatThrownBy(() -> trust.checkServerTrusted(CHAIN, "ECDHE_ECDSA"))
                .isInstanceOf(CertificateNotYetValidException.class);

        clock.incrementAndGet();
        assertThatCode(() -> trust.checkServerTrusted(CHAIN, "ECDHE_ECDSA")).doesNotThrowAnyException();
    }

    @Test
    void noValidAnchorAtAllRejectsEveryChain() {
        ValidAnchorsTrustManager trust = new ValidAnchorsTrustManager(List.of(), System::currentTimeMillis);
        assertThatThrownBy(() -> trust.checkServerTrusted(CHAIN, "ECDHE_ECDSA"))
                .hasMessageContaining("holds no certificate that is valid now");
    }
}
