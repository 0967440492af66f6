package io.quarkiverse.restclient.verify.trust;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.util.Optional;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

import io.quarkiverse.restclient.verify.testpki.TlsTestServer;
import io.quarkiverse.restclient.verify.trust.fetch.ChainRepairException;

/** Real TLS handshakes with a trust manager under test, hostname verification on, as an HTTPS client makes them. */
public final class FetchHandshakes {

    private FetchHandshakes() {
    }

    /** The failure of a handshake with the server at 127.0.0.1, or empty when it was accepted. */
    public static Optional<Throwable> handshake(X509ExtendedTrustManager trust, TlsTestServer server) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] { trust }, null);
            try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
                socket.setSoTimeout(10000);
                SSLParameters parameters = socket.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                socket.setSSLParameters(parameters);
                socket.startHandshake();
                return Optional.empty();
            }
        } catch (IOException e) {
            return Optional.of(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The innermost cause's message. */
    public static String innermost(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    /** The repair failure among the causes, if any. */
    public static Optional<ChainRepairException> repairFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ChainRepairException) {
                return Optional.of((ChainRepairException) t);
            }
        }
        return Optional.empty();
    }
}
