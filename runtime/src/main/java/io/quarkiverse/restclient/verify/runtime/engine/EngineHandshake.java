package io.quarkiverse.restclient.verify.runtime.engine;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;

import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ReferenceCountUtil;

/**
 * One blocking TLS connection over a socket made with a client's BoringSSL engine, as its calls make them (the same
 * context, trust and key managers, OCSP, groups and key log): for Dev UI's Inspect, which runs on a worker thread.
 * The trust check runs here, on the calling thread, as BoringSSL hands it out as a task.
 */
public final class EngineHandshake implements AutoCloseable {

    private static final int BUFFER = 32 * 1024;

    private final Socket socket;
    private final SSLEngine engine;
    private final ClientEngine clientEngine;
    private final ByteBuffer netIn = ByteBuffer.allocate(BUFFER);
    private final ByteBuffer netOut = ByteBuffer.allocate(BUFFER);
    private final ByteBuffer appIn = ByteBuffer.allocate(BUFFER);

    private EngineHandshake(Socket socket, SSLEngine engine, ClientEngine clientEngine) {
        this.socket = socket;
        this.engine = engine;
        this.clientEngine = clientEngine;
    }

    /**
     * Makes the handshake over a connected socket.
     *
     * @param verifyHost whether the host name is checked (HTTPS endpoint identification)
     * @param protocols the protocols the client offers
     * @throws SSLException when the handshake fails (the trust manager's exception is its cause); an
     *         {@link EOFException} when the server closes the connection during the handshake
     */
    public static EngineHandshake connect(ClientEngine clientEngine, Socket socket, String host, int port,
            KeyManager keyManager, TrustManager trustManager, boolean verifyHost, List<String> protocols)
            throws IOException {
        SSLEngine engine = clientEngine.boringSslContext(keyManager, trustManager, null)
                .newEngine(ByteBufAllocator.DEFAULT, host, port);
        EngineHandshake handshake = new EngineHandshake(socket, engine, clientEngine);
        try {
            engine.setUseClientMode(true);
            engine.setEnabledProtocols(protocols.toArray(new String[0]));
            SSLParameters parameters = engine.getSSLParameters();
            if (verifyHost) {
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
            }
            if (!Character.isDigit(host.charAt(host.length() - 1)) && !host.contains(":")) {
                parameters.setServerNames(List.of(new SNIHostName(host)));
            }
            engine.setSSLParameters(parameters);
            handshake.handshake();
            return handshake;
        } catch (IOException | RuntimeException e) {
            handshake.release();
            throw e;
        }
    }

    private void handshake() throws IOException {
        engine.beginHandshake();
        SSLEngineResult.HandshakeStatus status = engine.getHandshakeStatus();
        while (status != SSLEngineResult.HandshakeStatus.FINISHED
                && status != SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING) {
            switch (status) {
                case NEED_WRAP:
                    status = wrap(ByteBuffer.allocate(0)).getHandshakeStatus();
                    break;
                case NEED_UNWRAP:
                    status = unwrap().getHandshakeStatus();
                    break;
                case NEED_TASK:
                    Runnable task;
                    while ((task = engine.getDelegatedTask()) != null) {
                        task.run();
                    }
                    status = engine.getHandshakeStatus();
                    break;
                default:
                    throw new SSLException("unexpected handshake status " + status);
            }
        }
    }

    private SSLEngineResult wrap(ByteBuffer data) throws IOException {
        netOut.clear();
        SSLEngineResult result;
        try {
            result = engine.wrap(data, netOut);
        } finally {
            // An alert that ends a failed handshake is sent too, as the client's calls send it.
            flush();
        }
        return result;
    }

    private void flush() throws IOException {
        netOut.flip();
        if (netOut.hasRemaining()) {
            OutputStream out = socket.getOutputStream();
            out.write(netOut.array(), netOut.position(), netOut.remaining());
            out.flush();
        }
        netOut.clear();
    }

    private SSLEngineResult unwrap() throws IOException {
        while (true) {
            netIn.flip();
            SSLEngineResult result;
            try {
                result = engine.unwrap(netIn, appIn);
            } finally {
                netIn.compact();
            }
            if (result.getStatus() != SSLEngineResult.Status.BUFFER_UNDERFLOW
                    && (result.bytesConsumed() > 0 || result.bytesProduced() > 0
                            || result.getHandshakeStatus() != SSLEngineResult.HandshakeStatus.NEED_UNWRAP)) {
                return result;
            }
            read();
        }
    }

    private void read() throws IOException {
        InputStream in = socket.getInputStream();
        int n = in.read(netIn.array(), netIn.position(), netIn.remaining());
        if (n < 0) {
            throw new EOFException("the server closed the connection");
        }
        netIn.position(netIn.position() + n);
    }

    /** The chain the server presented, leaf first. */
    public List<X509Certificate> peerChain() throws IOException {
        List<X509Certificate> chain = new ArrayList<>();
        for (Certificate certificate : engine.getSession().getPeerCertificates()) {
            if (certificate instanceof X509Certificate) {
                chain.add((X509Certificate) certificate);
            }
        }
        return chain;
    }

    /** What the handshake negotiated. */
    public ClientEngine.Negotiated negotiated() {
        return clientEngine.negotiated(engine);
    }

    /**
     * Sends these bytes and waits for the first byte of the answer (or the alert that comes instead, thrown as an
     * {@link SSLException}); a socket timeout ends the wait.
     */
    public void exchange(byte[] request) throws IOException {
        ByteBuffer data = ByteBuffer.wrap(request);
        while (data.hasRemaining()) {
            wrap(data);
        }
        appIn.clear();
        while (appIn.position() == 0) {
            SSLEngineResult result = unwrap();
            if (result.getStatus() == SSLEngineResult.Status.CLOSED) {
                return;
            }
            if (result.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_TASK) {
                Runnable task;
                while ((task = engine.getDelegatedTask()) != null) {
                    task.run();
                }
            }
        }
    }

    private void release() {
        ReferenceCountUtil.safeRelease(engine);
    }

    @Override
    public void close() {
        try {
            engine.closeOutbound();
        } finally {
            release();
        }
    }
}
