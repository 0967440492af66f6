package io.quarkiverse.restclient.verify.trust.anchors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

import org.junit.jupiter.api.Test;

import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;
import io.quarkiverse.restclient.verify.testpki.IssuedCertificate;
import io.quarkiverse.restclient.verify.trust.RecordingTrust;
import io.quarkiverse.restclient.verify.trust.ValidatedPath;

/**
 * A distrust-after date counts from the exact second after it, on the validated path only; a chain that cannot end at
 * a dated root is left to the trust below, through the same entry point, without any path being asked for.
 */
class DistrustAfterOnlyWhereItCanApplyTest {

    static final Instant DATE = Instant.now().minus(Duration.ofDays(10)).truncatedTo(ChronoUnit.SECONDS);
    static final CertificateAuthority DATED = CertificateAuthority.root("Dated Boundary Root");
    static final CertificateAuthority INTERMEDIATE = DATED.intermediate("Dated Boundary Intermediate");
    static final CertificateAuthority OTHER = CertificateAuthority.root("Undated Other Root");
    static final X509Certificate[] OTHER_CHAIN = OTHER.server("other.test", List.of("other.test"), List.of())
            .chain().toArray(new X509Certificate[0]);

    @Test
    void aServerCertificateIssuedAtTheDateIsTrustedAndOneSecondLaterIsNot() throws CertificateException {
        DistrustAfterTrustManager trust = new DistrustAfterTrustManager(
                new ValidAnchorsTrustManager(List.of(DATED.certificate())), Map.of(DATED.certificate(), DATE));
        IssuedCertificate atTheDate = INTERMEDIATE.server("at.test", List.of("at.test"), List.of(), DATE,
                DATE.plus(Duration.ofDays(90)));
        IssuedCertificate secondAfter = INTERMEDIATE.server("after.test", List.of("after.test"), List.of(),
                DATE.plusSeconds(1), DATE.plus(Duration.ofDays(90)));
        X509Certificate[] at = atTheDate.chain().toArray(new X509Certificate[0]);

        ValidatedPath path = trust.checkServerPath(at, "UNKNOWN", null, null);
        assertThat(path.anchor()).isEqualTo(DATED.certificate());
        assertThat(path.certificates()).containsExactly(atTheDate.certificate(), INTERMEDIATE.certificate());
        assertThatCode(() -> trust.checkServerTrusted(at, "UNKNOWN", (Socket) null)).doesNotThrowAnyException();
        assertThatThrownBy(() -> trust.checkServerTrusted(secondAfter.chain().toArray(new X509Certificate[0]),
                "UNKNOWN", (Socket) null)).isInstanceOf(DistrustedRootException.class);
    }

    @Test
    void aChainUnderAnotherRootIsLeftToTheTrustBelowThroughTheSameEntryPoint() throws Exception {
        // The trust below cannot tell a path: asking it for one would refuse the chain.
        RecordingTrust below = RecordingTrust.accepting();
        DistrustAfterTrustManager trust = new DistrustAfterTrustManager(below,
                Map.of(DATED.certificate(), DATE));
        SSLEngine engine = SSLContext.getDefault().createSSLEngine("other.test", 443);

        trust.checkServerTrusted(OTHER_CHAIN, "UNKNOWN", engine);
        trust.checkServerTrusted(OTHER_CHAIN, "UNKNOWN", new Socket());
        trust.checkServerTrusted(OTHER_CHAIN, "UNKNOWN");
        trust.checkServerTrusted(null, "UNKNOWN");

        assertThat(below.calls).containsExactly("server with engine", "server with socket", "server", "server");
    }

    @Test
    void aRefusalBelowIsKeptForAChainUnderAnotherRoot() {
        DistrustAfterTrustManager trust = new DistrustAfterTrustManager(RecordingTrust.refusing(),
                Map.of(DATED.certificate(), DATE));

        assertThatThrownBy(() -> trust.checkServerTrusted(OTHER_CHAIN, "UNKNOWN", new Socket()))
                .hasMessage(RecordingTrust.REFUSAL);
    }
}
