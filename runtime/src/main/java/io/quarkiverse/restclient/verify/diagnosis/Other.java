package io.quarkiverse.restclient.verify.diagnosis;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.quarkiverse.restclient.verify.SslVerificationException.Reason;
import io.quarkiverse.restclient.verify.trust.rules.PathRuleViolationException;

/** The texts of what no other family names: a broken rule of the path, or a failure this extension cannot name. */
final class Other {

    /** The reasons this family explains. */
    static final Set<Reason> REASONS = EnumSet.of(Reason.OTHER);

    private Other() {
    }

    /** A rule of the path the JDK does not check: one OpenSSL makes too, or one of strict mode. */
    static Explanation pathRuleViolation(Failure failure, PathRuleViolationException violation) {
        String broken = violation.certificate() + " breaks the rule " + violation.rule().id() + " ("
                + violation.rule().summary() + "): " + violation.detail();
        if (violation.strict()) {
            return new Explanation(Reason.OTHER, "strict mode refuses the server's chain: " + broken + ". The usual"
                    + " checks, as strict as Python requests, accept it",
                    List.of("Fix the server: have the certificate reissued so that it follows the rule "
                            + violation.rule().id() + "; public CAs issue certificates that do",
                            "If this server's chain comes from a private CA that you trust as it issues, turn strict"
                                    + " mode off for this client only: " + failure.keys().verifyStrict() + "=false"));
        }
        return new Explanation(Reason.OTHER, "the server's chain passes the JDK's checks but not OpenSSL's, as Python"
                + " requests makes them: " + broken,
                List.of("Fix the server: have the certificate or its CA reissued so that it follows the rule "
                        + violation.rule().id() + "; every TLS client built on OpenSSL refuses it as it is"));
    }

    static Explanation unnamed(Failure failure) {
        return new Explanation(Reason.OTHER, "the TLS handshake failed: " + failure.innermost(),
                List.of("See the cause below; run openssl s_client -connect " + failure.hostPort() + " -showcerts to"
                        + " see what the server sends"));
    }
}
