package io.quarkiverse.restclient.verify.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Enumeration;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The client side of the handshake fixtures ({@link HandshakeFixture}, {@link RepairedChainFixture},
 * {@link RevocationHandshakeFixture}): one connection to a {@link HandshakeServer}, a handshake that checks the host
 * name as a REST client does, one GET, and then, for a measured handshake, the client's sessions forgotten so that the
 * next handshake is full too. Also the trust check of such a handshake alone, for the check-only benchmarks.
 */
final class FullHandshakes {

    private static final byte[] REQUEST = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII);

    private FullHandshakes() {
    }

    /** A client with this trust manager and no key. */
    static SSLContext clientContext(X509ExtendedTrustManager trust) throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] { trust }, null);
        return context;
    }

    /** A full handshake and one GET; then the sessions are forgotten so that the next handshake is full too. */
    static byte[] handshakeAndGet(SSLContext context, HandshakeServer server) throws IOException {
        byte[] response = connectAndGet(context, server);
        SSLSessionContext sessions = context.getClientSessionContext();
        for (Enumeration<byte[]> ids = sessions.getIds(); ids.hasMoreElements();) {
            SSLSession session = sessions.getSession(ids.nextElement());
            if (session != null) {
                session.invalidate();
            }
        }
        return response;
    }

    /** A handshake and one GET that leaves the client's sessions as they are, so a next one may resume. */
    static byte[] connectAndGet(SSLContext context, HandshakeServer server) throws IOException {
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(server.host(), server.port())) {
            socket.setTcpNoDelay(true);
            SSLParameters parameters = socket.getSSLParameters();
            // What a REST client does: check the host name as well as the chain.
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            OutputStream out = socket.getOutputStream();
            out.write(REQUEST);
            out.flush();
            // Reading the response also reads the TLS 1.3 session tickets the server sends after the handshake.
            InputStream in = socket.getInputStream();
            return in.readAllBytes();
        }
    }

    /**
     * The client's check of a server chain as in a handshake with a {@link HandshakeServer}, without the network: the
     * fixtures' certificates are EC P-256, hence the ECDHE_ECDSA authentication type. Returns the trust manager, for a
     * benchmark to return.
     */
    static X509ExtendedTrustManager checkServerTrusted(X509ExtendedTrustManager trust, X509Certificate[] chain)
            throws CertificateException {
        trust.checkServerTrusted(chain, "ECDHE_ECDSA");
        return trust;
    }

    /** Fails the set-up unless the server answered 200. */
    static void requireOk(byte[] response) {
        String text = new String(response, StandardCharsets.ISO_8859_1);
        if (!text.startsWith("HTTP/1.1 200")) {
            throw new IllegalStateException("unexpected response: " + text);
        }
    }
}
