package io.quarkiverse.restclient.verify.trust.revocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;

import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.junit.jupiter.api.Test;

import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;
import io.quarkiverse.restclient.verify.testpki.IssuedCertificate;
import io.quarkiverse.restclient.verify.trust.OcspResponses;

/**
 * An OCSP answer counts only while it is current: up to its nextUpdate plus five minutes of clock skew, or, without
 * nextUpdate, up to an hour and five minutes after its thisUpdate; an answer dated more than five minutes ahead is
 * refused. Each limit is checked at the exact instant, and one nanosecond past it.
 */
class StaleOcspAnswerTest {

    static final CertificateAuthority ROOT = CertificateAuthority.root("Stale OCSP Root");
    static final IssuedCertificate LEAF = ROOT.server("stale-ocsp.test", List.of("localhost"), List.of("127.0.0.1"));
    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    static final Duration ONE_NANO = Duration.ofNanos(1);

    @Test
    void anAnswerCountsUntilItsNextUpdatePlusTheSkewAndNotANanosecondLonger() throws Exception {
        Instant nextUpdate = NOW.plus(Duration.ofHours(1));
        byte[] response = OcspResponses.about(LEAF.certificate(), ROOT, NOW).thisUpdate(NOW)
                .nextUpdate(nextUpdate).build();
        Instant lastUsable = nextUpdate.plus(OcspAnswer.SKEW);

        OcspAnswer answer = read(response, lastUsable);
        assertThat(answer.status()).isEqualTo(OcspAnswer.Status.GOOD);
        assertThat(answer.thisUpdate()).isEqualTo(NOW);
        assertThat(answer.nextUpdate()).isEqualTo(nextUpdate);
        assertThat(answer.usableUntil()).isEqualTo(lastUsable);
        assertThat(answer.staleness(lastUsable)).isNull();

        assertThatThrownBy(() -> read(response, lastUsable.plus(ONE_NANO)))
                .isInstanceOf(OcspAnswer.Unusable.class)
                .hasMessage("the response expired on " + nextUpdate);
    }

    @Test
    void anAnswerWithoutNextUpdateCountsForAnHourAndTheSkewAfterItsThisUpdate() throws Exception {
        byte[] response = OcspResponses.about(LEAF.certificate(), ROOT, NOW).thisUpdate(NOW).nextUpdate(null)
                .build();
        Instant lastUsable = NOW.plus(Duration.ofHours(1)).plus(Duration.ofMinutes(5));

        OcspAnswer answer = read(response, lastUsable);
        assertThat(answer.nextUpdate()).isNull();
        assertThat(answer.usableUntil()).isEqualTo(lastUsable);

        assertThatThrownBy(() -> read(response, lastUsable.plus(ONE_NANO)))
                .isInstanceOf(OcspAnswer.Unusable.class)
                .hasMessage("the response has no nextUpdate and was produced at " + NOW + ", more than 60 minutes"
                        + " ago; an answer that does not say how long it holds counts only while it is recent");
    }

    @Test
    void aRevokedOrUnknownAnswerAlsoExpires() {
        byte[] revoked = OcspResponses.about(LEAF.certificate(), ROOT, NOW)
                .status(new RevokedStatus(Date.from(NOW), 1))
                .thisUpdate(NOW).nextUpdate(NOW.plusSeconds(60)).build();
        byte[] unknown = OcspResponses.about(LEAF.certificate(), ROOT, NOW)
                .status(new UnknownStatus()).thisUpdate(NOW).nextUpdate(NOW.plusSeconds(60))
                .build();
        Instant later = NOW.plus(Duration.ofHours(1));

        assertThatThrownBy(() -> read(revoked, later)).isInstanceOf(OcspAnswer.Unusable.class)
                .hasMessageContaining("expired");
        assertThatThrownBy(() -> read(unknown, later)).isInstanceOf(OcspAnswer.Unusable.class)
                .hasMessageContaining("expired");
    }

    @Test
    void anAnswerDatedUpToTheSkewAheadIsUsedAndOneDatedFurtherIsRefused() throws Exception {
        Instant ahead = NOW.plus(OcspAnswer.SKEW);
        byte[] withinSkew = OcspResponses.about(LEAF.certificate(), ROOT, NOW).thisUpdate(ahead)
                .nextUpdate(ahead.plus(Duration.ofHours(1))).build();
        byte[] beyondSkew = OcspResponses.about(LEAF.certificate(), ROOT, NOW).thisUpdate(ahead.plusSeconds(1))
                .nextUpdate(ahead.plus(Duration.ofHours(1))).build();

        assertThat(read(withinSkew, NOW).status()).isEqualTo(OcspAnswer.Status.GOOD);
        assertThatThrownBy(() -> read(beyondSkew, NOW)).isInstanceOf(OcspAnswer.Unusable.class)
                .hasMessage("the response is dated in the future (" + ahead.plusSeconds(1) + ")");
    }

    @Test
    void theLimitsAreFiveMinutesOfSkewAndOneHourWithoutNextUpdate() {
        assertThat(OcspAnswer.SKEW).isEqualTo(Duration.ofMinutes(5));
        assertThat(OcspAnswer.MAX_AGE_WITHOUT_NEXT_UPDATE).isEqualTo(Duration.ofHours(1));
    }

    private static OcspAnswer read(byte[] response, Instant now) throws OcspAnswer.Unusable {
        return OcspAnswer.read(response, LEAF.certificate(), ROOT.certificate(), now);
    }
}
