package io.quarkiverse.restclient.verify.diagnosis;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.quarkiverse.restclient.verify.SslVerificationException.Reason;
import io.quarkiverse.restclient.verify.config.ClientKeys;
import io.quarkiverse.restclient.verify.trust.revocation.RevocationUnknownException;
import io.quarkiverse.restclient.verify.trust.revocation.RevokedCertificateException;

/** The texts of a chain the revocation checks refused: a revoked certificate, or (under hard-fail) an unknown status. */
final class Revocation {

    /** The reasons this family explains. */
    static final Set<Reason> REASONS = EnumSet.of(Reason.REVOKED, Reason.REVOCATION_UNKNOWN);

    private Revocation() {
    }

    static Explanation revoked(Failure failure, RevokedCertificateException e) {
        String hostPort = failure.hostPort();
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
        return new Explanation(Reason.REVOKED, what, hints);
    }

    static Explanation unknown(Failure failure, RevocationUnknownException e) {
        ClientKeys keys = failure.keys();
        String what = "the revocation status of '" + e.subject() + "' could not be learnt ("
                + (e.responder() == null || e.problem().startsWith(e.responder()) ? "" : e.responder() + ": ")
                + e.problem() + "), and " + e.property()
                + "=hard-fail refuses a certificate whose status is unknown";
        List<String> hints = new ArrayList<>();
        hints.add(e.responder() == null ? "Give the client the CA's CRL: " + keys.key("verify-crl") + "=/path/to/ca.crl"
                : "Make " + e.responder() + " reachable from this application (plain http; through "
                        + keys.key("proxy-address") + " if it needs a proxy), or give the client the CA's CRL: "
                        + keys.key("verify-crl") + "=/path/to/ca.crl");
        hints.add("Or accept calls when the responder is down: " + e.property() + "=soft-fail (a revoked certificate"
                + " then passes whenever the responder cannot be reached)");
        return new Explanation(Reason.REVOCATION_UNKNOWN, what, hints);
    }
}
