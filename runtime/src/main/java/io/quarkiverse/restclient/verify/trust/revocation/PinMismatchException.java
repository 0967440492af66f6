package io.quarkiverse.restclient.verify.trust.revocation;

import java.security.cert.CertificateException;
import java.util.List;

/**
 * The server's chain is trusted, but no certificate of the validated path carries a pinned public key.
 */
public final class PinMismatchException extends CertificateException {

    private static final long serialVersionUID = 1L;

    private final List<PathPin> path;
    private final List<String> configured;
    private final String property;

    /**
     * One certificate of the validated path and its pin.
     *
     * @param subject the certificate's subject
     * @param pin its pin, {@code sha256/...}
     */
    public record PathPin(String subject, String pin) {
    }

    /**
     * @param path the validated path, leaf first, up to the trust anchor, with each certificate's pin
     * @param configured the pins configured for the client
     * @param property the property the pins come from
     */
    public PinMismatchException(List<PathPin> path, List<String> configured, String property) {
        super("no certificate of the validated path matches the pins of " + property + " (" + String.join(",",
                configured) + "); the path's pins: " + String.join(",", path.stream().map(PathPin::pin).toList()));
        this.path = List.copyOf(path);
        this.configured = List.copyOf(configured);
        this.property = property;
    }

    /** The validated path, leaf first, with each certificate's pin. */
    public List<PathPin> path() {
        return path;
    }

    /** The pins configured. */
    public List<String> configured() {
        return configured;
    }

    /** The property the pins come from. */
    public String property() {
        return property;
    }
}
