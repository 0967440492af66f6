package io.quarkiverse.restclient.verify.trust;

/**
 * Trust material that cannot be used: a missing or unreadable path, a file without certificates, malformed PEM, a
 * private key where only certificates belong. Messages are for people and never contain key material.
 */
public class TrustMaterialException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** A problem described for people. */
    public TrustMaterialException(String message) {
        super(message);
    }

    /** A problem described for people, with its technical cause. */
    public TrustMaterialException(String message, Throwable cause) {
        super(message, cause);
    }
}
