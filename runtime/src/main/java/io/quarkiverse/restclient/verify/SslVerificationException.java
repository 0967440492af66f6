package io.quarkiverse.restclient.verify;

import java.util.List;

import jakarta.ws.rs.ProcessingException;

/**
 * A REST client call failed because TLS could not be established or the server could not be verified. Carries the
 * reason, the evidence (the chain the server presented, what this client trusts) and fixes that name this client's
 * own properties, safest first. Extends {@link ProcessingException}, so existing {@code catch} blocks still work;
 * the original exception is the cause.
 */
public class SslVerificationException extends ProcessingException {

    private static final long serialVersionUID = 1L;

    /** Why the handshake failed. */
    public enum Reason {
        /** The chain leads to a CA this client does not trust. */
        UNKNOWN_ISSUER,
        /** The server presented a single self-signed certificate. */
        SELF_SIGNED,
        /** The server did not send the intermediate CA that links its certificate to a trusted CA. */
        INCOMPLETE_CHAIN,
        /** A certificate of the chain has expired. */
        EXPIRED,
        /** A certificate of the chain is not valid yet. */
        NOT_YET_VALID,
        /** The certificate does not name the host the client called. */
        HOSTNAME_MISMATCH,
        /** The server requires a client certificate and none is configured. */
        CLIENT_CERTIFICATE_REQUIRED,
        /** The server rejected the client certificate that was sent. */
        CLIENT_CERTIFICATE_REJECTED,
        /** Client and server share no protocol version or cipher suite. */
        PROTOCOL_MISMATCH,
        /** The port does not speak TLS. */
        NOT_TLS,
        /** The chain uses an algorithm the JDK disables. */
        WEAK_ALGORITHM,
        /** A certificate of the validated path was revoked (CRL file, stapled OCSP response or responder). */
        REVOKED,
        /** The chain is trusted, but no certificate of the validated path has a pinned public key. */
        PIN_MISMATCH,
        /** Under {@code verify-revocation=hard-fail}, the revocation status of a certificate could not be learnt. */
        REVOCATION_UNKNOWN,
        /**
         * The chain leads to a root that Mozilla no longer trusts for certificates issued after a date, and the server's
         * certificate is newer ({@code verify=mozilla}).
         */
        DISTRUSTED_ROOT,
        /** Any other TLS failure. */
        OTHER
    }

    private final Reason reason;
    private final String clientName;
    private final String host;
    private final int port;
    private final List<PresentedCertificate> presentedChain;
    private final String trustDescription;
    private final List<String> hints;

    /** A diagnosed failure; {@code message} is the full text a person reads. */
    public SslVerificationException(String message, Throwable cause, Reason reason, String clientName, String host,
            int port, List<PresentedCertificate> presentedChain, String trustDescription, List<String> hints) {
        super(message, cause);
        this.reason = reason;
        this.clientName = clientName;
        this.host = host;
        this.port = port;
        this.presentedChain = List.copyOf(presentedChain);
        this.trustDescription = trustDescription;
        this.hints = List.copyOf(hints);
    }

    /** Why the handshake failed. */
    public Reason reason() {
        return reason;
    }

    /** The REST client's name: its config key, else its interface name. */
    public String clientName() {
        return clientName;
    }

    /** The host the client called. */
    public String host() {
        return host;
    }

    /** The port the client called, or -1 when unknown. */
    public int port() {
        return port;
    }

    /** The certificates the server presented, leaf first; empty when it presented none. */
    public List<PresentedCertificate> presentedChain() {
        return presentedChain;
    }

    /** What the client trusted, e.g. {@code file /certs/corp.pem (3 CA certificates)}. */
    public String trustDescription() {
        return trustDescription;
    }

    /** Fixes, safest first, each naming the property to set for this client. */
    public List<String> hints() {
        return hints;
    }
}
