package io.quarkiverse.restclient.verify.diagnosis;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.quarkiverse.restclient.verify.SslVerificationException.Reason;
import io.quarkiverse.restclient.verify.trust.revocation.PinMismatchException;

/** The text of a trusted chain without a pinned public key on its validated path. */
final class Pins {

    /** The reasons this family explains. */
    static final Set<Reason> REASONS = EnumSet.of(Reason.PIN_MISMATCH);

    private Pins() {
    }

    static Explanation mismatch(Failure failure, PinMismatchException e) {
        StringBuilder what = new StringBuilder("the server's chain is trusted, but no certificate of the validated"
                + " path has a public key pinned by " + e.property() + " (" + String.join(",", e.configured())
                + "). The validated path and its pins:");
        for (PinMismatchException.PathPin pin : e.path()) {
            what.append("\n    ").append(pin.pin()).append("  ").append(pin.subject());
        }
        return new Explanation(Reason.PIN_MISMATCH, what.toString(), List.of(
                "If the server changed its key on purpose (confirm with its owners out of band), pin the new key: "
                        + e.property() + "=" + e.path().get(0).pin() + "," + String.join(",", e.configured()),
                "To survive the server's key changes, pin its CA instead: " + e.property() + "="
                        + e.path().get(e.path().size() - 1).pin(),
                "If nobody changed anything, someone may be intercepting the connection to " + failure.hostPort()
                        + " with a certificate from a CA you trust (a TLS-inspecting proxy, or worse): do not remove"
                        + " the pins"));
    }
}
