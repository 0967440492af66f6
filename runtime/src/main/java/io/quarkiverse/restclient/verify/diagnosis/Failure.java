package io.quarkiverse.restclient.verify.diagnosis;

import java.security.cert.CertPathValidatorException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.quarkiverse.restclient.verify.config.ClientKeys;
import io.quarkiverse.restclient.verify.trust.Printable;

/**
 * The facts of one failed handshake that every explanation reads: the client, the server called, the chain it
 * presented, the failure with its causes (outermost first), and the clock. Explanations read types first; the
 * lower-cased text of the causes serves only for what the JDK and Netty report as text.
 */
final class Failure {

    final DiagnosisContext context;
    final String host;
    final int port;
    final List<X509Certificate> chain;
    final List<Throwable> causes;
    final Instant now;
    private final String messages;
    private static final Pattern HEX_DUMP = Pattern.compile("[0-9a-fA-F]{64,}");

    Failure(DiagnosisContext context, String host, int port, List<X509Certificate> chain, List<Throwable> causes,
            Instant now) {
        this.context = context;
        this.host = host;
        this.port = port;
        this.chain = List.copyOf(chain);
        this.causes = List.copyOf(causes);
        this.now = now;
        StringBuilder text = new StringBuilder();
        for (Throwable cause : causes) {
            text.append(cause.getClass().getName()).append(": ").append(cause.getMessage()).append('\n');
            // BoringSSL names an alert its own way; read in the JDK's words too, so both engines explain alike.
            text.append(BoringSslAlerts.inJdkWords(cause.getMessage())).append('\n');
        }
        this.messages = text.toString().toLowerCase(Locale.ROOT);
    }

    /** This client's property names. */
    ClientKeys keys() {
        return context.keys();
    }

    /** The server as {@code host:port}, for hints and commands. */
    String hostPort() {
        return (host == null ? "<host>" : host) + ":" + (port > 0 ? port : 443);
    }

    /** Whether the text of a cause, lower-cased, holds this: only for text the JDK or Netty wrote. */
    boolean has(String text) {
        return messages.contains(text);
    }

    boolean instance(Class<?> type) {
        return causes.stream().anyMatch(type::isInstance);
    }

    /** The outermost cause of this type. */
    <T> Optional<T> cause(Class<T> type) {
        return causes.stream().filter(type::isInstance).map(type::cast).findFirst();
    }

    boolean hasReason(CertPathValidatorException.Reason wanted) {
        return causes.stream().anyMatch(t -> t instanceof CertPathValidatorException
                && ((CertPathValidatorException) t).getReason() == wanted);
    }

    /**
     * The innermost cause with its type, escaped: JDK messages quote the server's names. A hex dump (Netty writes a
     * whole plain-text answer so) is left out with its size: the explanation shows its start as text.
     */
    String innermost() {
        Throwable last = causes.get(causes.size() - 1);
        Matcher dump = HEX_DUMP.matcher(String.valueOf(last.getMessage()));
        StringBuilder message = new StringBuilder();
        while (dump.find()) {
            dump.appendReplacement(message, "(" + dump.group().length() / 2 + " bytes in hex, left out)");
        }
        dump.appendTail(message);
        return last.getClass().getSimpleName() + ": " + Printable.text(message.toString(), 2000);
    }

    /** The client's current trust extended by a path, or the path with default trust. */
    String extended(String path) {
        String current = context.trustValue();
        if (current == null || current.isBlank() || current.equals("default") || current.equals("true")) {
            return "default," + path;
        }
        return current + "," + path;
    }
}
