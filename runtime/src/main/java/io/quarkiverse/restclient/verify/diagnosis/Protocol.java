package io.quarkiverse.restclient.verify.diagnosis;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.quarkiverse.restclient.verify.SslVerificationException.Reason;
import io.quarkiverse.restclient.verify.trust.Printable;

/** The texts of failures below the certificates: a port without TLS, no common protocol, a disabled algorithm. */
final class Protocol {

    /** The reasons this family explains. */
    static final Set<Reason> REASONS = EnumSet.of(Reason.NOT_TLS, Reason.PROTOCOL_MISMATCH, Reason.WEAK_ALGORITHM);

    /** The most characters of a plain-text answer shown: one line of a message. */
    static final int ANSWER_SHOWN = 80;
    private static final Pattern NOT_A_RECORD = Pattern.compile("not an SSL/TLS record: ([0-9a-fA-F]+)");

    private Protocol() {
    }

    static Explanation notTls(Failure failure) {
        String hostPort = failure.hostPort();
        // Netty's answer text is shown on a line of its own by the frame; here only whether it looks like HTTP.
        boolean http = plainTextAnswer(failure).map(text -> text.startsWith("HTTP/") || text.startsWith("<"))
                .orElse(true);
        return new Explanation(Reason.NOT_TLS, "the server at " + hostPort + " does not speak TLS on this port (it"
                + " answered in plain text" + (http ? ", probably plain HTTP)" : ")"),
                List.of("If the service is plain HTTP, use an http:// URL for this client; otherwise use its TLS port",
                        "Check with: curl -v http://" + hostPort + "/"));
    }

    /**
     * The first line of what the server sent instead of a TLS record, as text: Netty reports the whole record as hex
     * ({@code not an SSL/TLS record: 48545450...}). Printable ASCII only, at most {@value #ANSWER_SHOWN} characters.
     */
    static Optional<String> plainTextAnswer(Failure failure) {
        for (Throwable cause : failure.causes) {
            if (!cause.getClass().getName().equals("io.netty.handler.ssl.NotSslRecordException")) {
                continue;
            }
            Matcher hex = NOT_A_RECORD.matcher(String.valueOf(cause.getMessage()));
            byte[] answer = null;
            if (hex.find()) {
                String digits = hex.group(1);
                answer = HexFormat.of().parseHex(digits, 0, digits.length() & ~1);
            } else {
                // BoringSSL's engine names no bytes; the client's engine kept them with the failure.
                for (Throwable evidence : cause.getSuppressed()) {
                    if (evidence instanceof PlainTextAnswer) {
                        answer = ((PlainTextAnswer) evidence).bytes();
                    }
                }
            }
            String shown = answer == null ? "" : Printable.firstLine(answer, ANSWER_SHOWN);
            if (!shown.isEmpty()) {
                return Optional.of(shown);
            }
        }
        return Optional.empty();
    }

    static Explanation protocolMismatch(Failure failure) {
        String hostPort = failure.hostPort();
        DiagnosisContext.Engine engine = failure.context.engine();
        // A failed negotiation does not say which of the three the server missed: name what this client offers of each.
        String groups = engine.groups().isEmpty() ? "key-exchange groups"
                : "the key-exchange groups " + String.join(", ", engine.groups()) + " (" + engine.groupsKey() + ")";
        List<String> hints = new ArrayList<>(List.of(
                "Find what the server accepts: openssl s_client -connect " + hostPort + " -tls1_2 (then -tls1_3)",
                "Find the cipher suites it accepts: nmap --script ssl-enum-ciphers -p "
                        + (failure.port > 0 ? failure.port : 443) + " " + (failure.host == null ? "<host>" : failure.host),
                "Servers that only speak TLS 1.0/1.1 or offer only obsolete cipher suites are refused by "
                        + engine.name() + "; upgrade the server's TLS configuration"));
        String groupsKey = engine.groupsKey() != null ? engine.groupsKey() : failure.keys().key("key-exchange-groups");
        if (engine.boringSsl()) {
            hints.add("A server may accept only some key-exchange groups, such as only the post-quantum X25519MLKEM768:"
                    + " offer one it accepts, e.g. " + groupsKey + "=X25519MLKEM768,X25519 (see if it takes a group"
                    + " with: openssl s_client -connect " + hostPort + " -groups X25519MLKEM768, OpenSSL 3.5 or later)");
        } else {
            hints.add("A server may accept only some key-exchange groups, such as only the post-quantum X25519MLKEM768,"
                    + " which the JDK offers from JDK 27 only: run this client on BoringSSL to offer it, with "
                    + failure.keys().key("ssl-engine") + "=openssl and " + groupsKey + "=X25519MLKEM768,X25519 (see if"
                    + " it takes a group with: openssl s_client -connect " + hostPort + " -groups X25519MLKEM768,"
                    + " OpenSSL 3.5 or later)");
        }
        return new Explanation(Reason.PROTOCOL_MISMATCH, "client and server share no TLS protocol version, cipher suite"
                + " or key-exchange group. This client offers TLSv1.3 and TLSv1.2 with " + engine.possessive()
                + " default cipher suites and " + (engine.groups().isEmpty() ? engine.possessive() + " default " : "")
                + groups + "; " + failure.alert().map(alert -> "the server's alert: " + alert)
                        .orElseGet(() -> "the failure: " + failure.innermost()),
                hints);
    }

    static Explanation weakAlgorithm(Failure failure) {
        List<String> weak = new ArrayList<>();
        for (X509Certificate certificate : failure.chain) {
            String algorithm = certificate.getSigAlgName().toUpperCase(Locale.ROOT);
            if (algorithm.contains("SHA1") || algorithm.contains("MD5") || algorithm.contains("MD2")) {
                weak.add("'" + Printable.name(certificate.getSubjectX500Principal()) + "' is signed with "
                        + certificate.getSigAlgName());
            }
        }
        return new Explanation(Reason.WEAK_ALGORITHM, "the chain uses an algorithm the JDK disables (security property"
                + " jdk.certpath.disabledAlgorithms): " + (weak.isEmpty() ? failure.innermost() : String.join("; ", weak)),
                List.of("Have the certificate reissued with SHA-256 or stronger; SHA-1 and MD5 signatures can be"
                        + " forged",
                        "The JDK's list is jdk.certpath.disabledAlgorithms in $JAVA_HOME/conf/security/java.security;"
                                + " weakening it affects every TLS connection of the JVM"));
    }
}
