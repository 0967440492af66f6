package io.quarkiverse.restclient.verify.diagnosis;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.quarkiverse.restclient.verify.SslVerificationException.Reason;
import io.quarkiverse.restclient.verify.config.ClientKeys;
import io.quarkiverse.restclient.verify.trust.revocation.PinMismatchException;
import io.quarkiverse.restclient.verify.trust.revocation.RevocationUnknownException;
import io.quarkiverse.restclient.verify.trust.revocation.RevokedCertificateException;

/**
 * The explanation of a handshake that the revocation and pinning checks refused: a revoked certificate, a chain
 * without a pinned key, or (under hard-fail) a status nobody could tell.
 *
 * @param reason the reason
 * @param what what failed, in plain words, with the evidence
 * @param hints fixes, safest first
 */
record RevocationExplanation(Reason reason, String what, List<String> hints) {

    /** The explanation when one of the causes comes from the revocation and pinning checks. */
    static Optional<RevocationExplanation> of(List<Throwable> causes, ClientKeys keys, String hostPort) {
        for (Throwable cause : causes) {
            if (cause instanceof RevokedCertificateException) {
                return Optional.of(revoked((RevokedCertificateException) cause, hostPort));
            }
            if (cause instanceof PinMismatchException) {
                return Optional.of(pinMismatch((PinMismatchException) cause, hostPort));
            }
            if (cause instanceof RevocationUnknownException) {
                return Optional.of(unknown((RevocationUnknownException) cause, keys));
            }
        }
        return Optional.empty();
    }

    private static RevocationExplanation revoked(RevokedCertificateException e, String hostPort) {
        String what = "the certificate '" + e.subject() + "' (serial " + e.serialNumber().toString(16)
                + ") was revoked by its issuer" + (e.revokedAt() == null ? "" : " on " + e.revokedAt())
                + (e.revocationReason() == null ? "" : ", reason: " + e.revocationReason()) + "; source: "
                + e.source() + ". Its key may be in the wrong hands, so the call was refused";
        List<String> hints = new ArrayList<>();
        hints.add("The server must get a new certificate (and, after a key compromise, a new key); tell the owners"
                + " of " + hostPort);
        if (e.fromFile()) {
            hints.add("If the certificate was reinstated or the CRL file is outdated, replace the file with the CA's"
                    + " current CRL; it is read again on the next reload");
        }
        hints.add("Check what the server sends: openssl s_client -connect " + hostPort + " -status -showcerts");
        return new RevocationExplanation(Reason.REVOKED, what, hints);
    }

    private static RevocationExplanation pinMismatch(PinMismatchException e, String hostPort) {
        StringBuilder what = new StringBuilder("the server's chain is trusted, but no certificate of the validated"
                + " path has a public key pinned by " + e.property() + " (" + String.join(",", e.configured())
                + "). The validated path and its pins:");
        for (PinMismatchException.PathPin pin : e.path()) {
            what.append("\n    ").append(pin.pin()).append("  ").append(pin.subject());
        }
        List<String> hints = new ArrayList<>();
        hints.add("If the server changed its key on purpose (confirm with its owners out of band), pin the new key: "
                + e.property() + "=" + e.path().get(0).pin() + "," + String.join(",", e.configured()));
        hints.add("To survive the server's key changes, pin its CA instead: " + e.property() + "="
                + e.path().get(e.path().size() - 1).pin());
        hints.add("If nobody changed anything, someone may be intercepting the connection to " + hostPort
                + " with a certificate from a CA you trust (a TLS-inspecting proxy, or worse): do not remove the pins");
        return new RevocationExplanation(Reason.PIN_MISMATCH, what.toString(), hints);
    }

    private static RevocationExplanation unknown(RevocationUnknownException e, ClientKeys keys) {
        String what = "the revocation status of '" + e.subject() + "' could not be learnt ("
                + (e.responder() == null || e.problem().startsWith(e.responder()) ? "" : e.responder() + ": ")
                + e.problem() + "), and " + e.property()
                + "=hard-fail refuses a certificate whose status is unknown";
        List<String> hints = new ArrayList<>();
        hints.add(e.responder() == null ? "Give the client the CA's CRL: " + keys.key("verify-crl") + "=/path/to/ca.crl"
                : "Make " + e.responder() + " reachable from this application (plain http; through "
                        + keys.key("proxy-address") + " if it needs a proxy), or give the client the CA's CRL: "
                        + keys.key("verify-crl")
                        + "=/path/to/ca.crl");
        hints.add("Or accept calls when the responder is down: " + e.property() + "=soft-fail (a revoked certificate"
                + " then passes whenever the responder cannot be reached)");
        return new RevocationExplanation(Reason.REVOCATION_UNKNOWN, what, hints);
    }
}
