package io.quarkiverse.restclient.verify.diagnosis;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.quarkiverse.restclient.verify.SslVerificationException.Reason;
import io.quarkiverse.restclient.verify.config.ClientKeys;

/** The texts of a server that refuses this client: no client certificate sent, or the one sent rejected. */
final class MutualTls {

    /** The reasons this family explains. */
    static final Set<Reason> REASONS = EnumSet.of(Reason.CLIENT_CERTIFICATE_REQUIRED,
            Reason.CLIENT_CERTIFICATE_REJECTED);

    private MutualTls() {
    }

    static Explanation required(Failure failure) {
        List<String> accepted = failure.context.acceptedIssuers();
        // A server that lists no CAs may still accept only one: say what is known, not "any CA".
        String wanted = accepted == null ? ""
                : accepted.isEmpty() ? "; the server named no CAs, so this client cannot tell which CA it wants"
                        : "; it accepts certificates issued by " + quoted(accepted);
        ClientKeys keys = failure.keys();
        return new Explanation(Reason.CLIENT_CERTIFICATE_REQUIRED, "the server at " + failure.hostPort()
                + " requires a client certificate (mutual TLS) and this client sent none" + wanted,
                List.of("Configure the client certificate and key for this client: " + keys.cert()
                        + "=/path/to/client.pem and " + keys.certKey() + "=/path/to/client.key (or a .p12 file as"
                        + " cert, with " + keys.key("cert-key-password") + ")",
                        "Ask the server's owners which CA must have issued the client certificate, or see the CAs the"
                                + " server names under \"Acceptable client certificate CA names\" in: openssl s_client"
                                + " -connect " + failure.hostPort() + " </dev/null"));
    }

    static Explanation rejected(Failure failure) {
        List<String> accepted = failure.context.acceptedIssuers();
        return new Explanation(Reason.CLIENT_CERTIFICATE_REJECTED, "the server at " + failure.hostPort()
                + " rejected the client certificate of this client ("
                + failure.alert().map(alert -> "its alert: " + alert).orElseGet(failure::innermost) + ")"
                + (accepted == null || accepted.isEmpty() ? "" : "; it accepts certificates issued by " + quoted(accepted)),
                List.of("Check that the client certificate was issued by a CA the server accepts, has not expired, and"
                        + " carries the clientAuth extended key usage: openssl x509 -noout -issuer -dates -ext"
                        + " extendedKeyUsage -in client.pem",
                        "Ask the server's owners which CA must have issued it, and whether this certificate is"
                                + " enrolled"));
    }

    private static String quoted(List<String> names) {
        return String.join(" or ", names.stream().map(name -> "'" + name + "'").toList());
    }
}
