package io.quarkiverse.restclient.verify.diagnosis;

import java.io.IOException;

import javax.net.ssl.SSLHandshakeException;

/**
 * The server closed the connection during the handshake right after asking for a client certificate: what a blocking
 * socket sees where the REST client's TLS engine reads the server's alert. Explained as the server refusing the client.
 */
public final class ClosedAfterCertificateRequestException extends SSLHandshakeException {

    private static final long serialVersionUID = 1L;

    /** The closed connection, as the socket reported it. */
    public ClosedAfterCertificateRequestException(IOException closed) {
        super("the server closed the connection after asking for a client certificate (" + closed.getMessage() + ")");
        initCause(closed);
    }
}
