package io.quarkiverse.restclient.verify.diagnosis;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.quarkiverse.restclient.verify.PresentedCertificate;
import io.quarkiverse.restclient.verify.SslVerificationException.Reason;
import io.quarkiverse.restclient.verify.trust.Printable;

/** The texts of a certificate that does not name the host called, or names it only in its common name. */
final class HostName {

    /** The reasons this family explains. */
    static final Set<Reason> REASONS = EnumSet.of(Reason.HOSTNAME_MISMATCH);

    private HostName() {
    }

    static Explanation mismatch(Failure failure) {
        PresentedCertificate leaf = failure.chain.isEmpty() ? null : PresentedCertificate.of(failure.chain.get(0));
        // A client with TLS settings of its own has no recorded chain: say so rather than "names unknown".
        String what = "the certificate does not name the host this client called: requested '" + failure.host + "', "
                + (leaf == null ? "the names the certificate holds were not recorded, because this client keeps"
                        + " TLS settings of its own"
                        : "certificate names " + leaf.names() + " (subject " + leaf.subject() + ")");
        List<String> hints = new ArrayList<>();
        boolean callByName = false;
        if (leaf == null) {
            hints.add("See the names the certificate holds: openssl s_client -connect " + failure.hostPort()
                    + " </dev/null | openssl x509 -noout -ext subjectAltName; then call the server by one of them"
                    + " in " + failure.keys().key("url"));
        } else if (!(leaf.dnsNames().isEmpty() && leaf.ipAddresses().isEmpty())) {
            String name = !leaf.dnsNames().isEmpty() ? leaf.dnsNames().get(0) : leaf.ipAddresses().get(0);
            hints.add("Call the server by a name its certificate holds, e.g. " + failure.keys().key("url")
                    + "=https://" + name + (failure.port > 0 ? ":" + failure.port : "") + "/...");
            callByName = true;
        }
        hints.add((callByName ? "Or have" : "Have") + " the server's certificate reissued with '" + failure.host
                + "' as a subject alternative name");
        hints.add(verifyHostOff(failure));
        return new Explanation(Reason.HOSTNAME_MISMATCH, what, hints);
    }

    static Explanation onlyInCommonName(Failure failure) {
        String host = Printable.text(failure.host);
        return new Explanation(Reason.HOSTNAME_MISMATCH, "the certificate names the host '" + host + "' only in its"
                + " subject's CN (common name) and lists no DNS name as a subject alternative name; TLS clients no"
                + " longer read the CN (browsers, OpenSSL as Python requests uses it, RFC 9525), so neither does this"
                + " client",
                List.of("Have the server's certificate reissued with '" + host + "' as a subject alternative name"
                        + " (DNS), e.g. openssl req ... -addext \"subjectAltName=DNS:" + host + "\"; every public CA"
                        + " issues them so", verifyHostOff(failure)));
    }

    private static String verifyHostOff(Failure failure) {
        return "Last resort, for a known server only: " + failure.keys().key("verify-host") + "=false turns off the"
                + " hostname check (the chain is still verified), so any certificate from a trusted CA passes for any"
                + " host";
    }
}
