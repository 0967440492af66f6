package io.quarkiverse.restclient.verify.diagnosis;

import java.util.Map;

/**
 * BoringSSL's words for the alerts and errors a handshake ends with, in the JDK's words, so that a failure on either
 * engine is explained the same way: the JDK writes {@code Received fatal alert: certificate_unknown} where BoringSSL,
 * through Netty, writes {@code error:10000416:SSL routines:OPENSSL_internal:SSLV3_ALERT_CERTIFICATE_UNKNOWN}.
 */
final class BoringSslAlerts {

    /** BoringSSL's reason codes (as Netty's messages end with them) and the JDK's text for the same failure. */
    private static final Map<String, String> JDK_WORDS = Map.ofEntries(
            Map.entry("SSLV3_ALERT_CERTIFICATE_UNKNOWN", "Received fatal alert: certificate_unknown"),
            Map.entry("SSLV3_ALERT_BAD_CERTIFICATE", "Received fatal alert: bad_certificate"),
            Map.entry("SSLV3_ALERT_HANDSHAKE_FAILURE", "Received fatal alert: handshake_failure"),
            Map.entry("TLSV1_ALERT_PROTOCOL_VERSION", "Received fatal alert: protocol_version"),
            Map.entry("TLSV1_ALERT_INSUFFICIENT_SECURITY", "Received fatal alert: insufficient_security"),
            Map.entry("TLSV1_ALERT_UNKNOWN_CA", "Received fatal alert: unknown_ca"),
            Map.entry("TLSV1_ALERT_ACCESS_DENIED", "Received fatal alert: access_denied"),
            Map.entry("TLSV1_ALERT_CERTIFICATE_REQUIRED", "Received fatal alert: certificate_required"),
            Map.entry("UNSUPPORTED_PROTOCOL", "No appropriate protocol"),
            Map.entry("NO_SHARED_CIPHER", "No cipher suites in common"),
            // A plain-text answer where a TLS record was expected.
            Map.entry("WRONG_VERSION_NUMBER", "Not an SSL/TLS record"));

    private BoringSslAlerts() {
    }

    /** The JDK's words for the BoringSSL error this message ends with, or an empty string. */
    static String inJdkWords(String message) {
        if (message == null || !message.contains("OPENSSL_internal:")) {
            return "";
        }
        String code = message.substring(message.lastIndexOf(':') + 1).trim();
        return JDK_WORDS.getOrDefault(code, "");
    }
}
