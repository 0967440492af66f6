package io.quarkiverse.restclient.verify.diagnosis;

import java.security.cert.X509Certificate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.quarkiverse.restclient.verify.SslVerificationException.Reason;
import io.quarkiverse.restclient.verify.trust.Printable;
import io.quarkiverse.restclient.verify.trust.anchors.AnchorOutOfDate;

/**
 * The texts of a certificate outside its validity: one the server presented, or a CA of the client's own trust that
 * would anchor the chain ({@link AnchorOutOfDate}).
 */
final class Dates {

    /** The reasons this family explains. */
    static final Set<Reason> REASONS = EnumSet.of(Reason.EXPIRED, Reason.NOT_YET_VALID);

    private Dates() {
    }

    static Explanation anchorOutOfDate(Failure failure, AnchorOutOfDate anchor) {
        String what = ((Throwable) anchor).getMessage();
        String verify = failure.context.verifyKey();
        if (anchor.expired()) {
            return new Explanation(Reason.EXPIRED, what, List.of("Replace that CA certificate in this client's trust ("
                    + verify + "=" + failure.context.trustValue() + ") with its renewed version, from the CA's owners",
                    "If the client's clock is wrong, fix its time synchronisation (NTP)"));
        }
        return new Explanation(Reason.NOT_YET_VALID, what, List.of("Check the clocks: a client clock behind the real"
                + " time (clock skew) is the usual cause; enable time synchronisation (NTP)",
                "Until that CA is valid, keep its predecessor in this client's trust (" + verify + ")"));
    }

    static Explanation expired(Failure failure) {
        X509Certificate expired = failure.chain.stream()
                .filter(c -> failure.now.isAfter(c.getNotAfter().toInstant())).findFirst().orElse(null);
        String what = expired == null
                ? "a certificate of the chain has expired (" + failure.innermost() + "); the client's clock is "
                        + failure.now
                : "the certificate '" + Printable.name(expired.getSubjectX500Principal()) + "' expired on "
                        + expired.getNotAfter().toInstant() + "; the client's clock is " + failure.now;
        return new Explanation(Reason.EXPIRED, what, List.of("Renew the certificate on the server (or ask its owners"
                + " to); nothing on the client should change",
                "If the client's clock is wrong, fix its time synchronisation (NTP)"));
    }

    static Explanation notYetValid(Failure failure) {
        X509Certificate early = failure.chain.stream()
                .filter(c -> failure.now.isBefore(c.getNotBefore().toInstant())).findFirst().orElse(null);
        String what = early == null
                ? "a certificate of the chain is not valid yet (" + failure.innermost() + "); the client's clock is "
                        + failure.now
                : "the certificate '" + Printable.name(early.getSubjectX500Principal()) + "' is valid only from "
                        + early.getNotBefore().toInstant() + "; the client's clock is " + failure.now;
        return new Explanation(Reason.NOT_YET_VALID, what, List.of("Check the clocks: a client clock behind the real"
                + " time (clock skew) is the usual cause; enable time synchronisation (NTP)",
                "If the certificate was issued with a future start date, reissue it on the server"));
    }
}
