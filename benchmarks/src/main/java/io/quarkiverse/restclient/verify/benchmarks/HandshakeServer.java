package io.quarkiverse.restclient.verify.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import io.quarkiverse.restclient.verify.testpki.IssuedCertificate;
import io.quarkiverse.restclient.verify.testpki.TlsTestServer;

/**
 * A TLS server on 127.0.0.1 that answers one HTTP request per connection and closes it, like test-pki's
 * {@code TlsTestServer}, but with {@code TCP_NODELAY} on every connection. Without it, Nagle's algorithm holds the
 * server's second handshake write until the client's delayed ACK (about 40 ms on Linux), which would make every
 * handshake cost the same 40 ms whatever the trust manager does.
 */
final class HandshakeServer implements AutoCloseable {

    private static final byte[] RESPONSE = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello"
            .getBytes(StandardCharsets.US_ASCII);

    private final SSLServerSocket socket;
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "handshake-server");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicInteger handshakes = new AtomicInteger();
    private final AtomicInteger resumed = new AtomicInteger();

    HandshakeServer(IssuedCertificate certificate) throws GeneralSecurityException, IOException {
        this(certificate, false);
    }

    /**
     * A server that, with {@code staple}, staples OCSP responses: the JDK fetches them from the responder its
     * certificate names and keeps them until their nextUpdate, so each handshake carries a cached answer.
     */
    HandshakeServer(IssuedCertificate certificate, boolean staple) throws GeneralSecurityException, IOException {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("server", certificate.privateKey(), new char[0],
                certificate.chain().toArray(new X509Certificate[0]));
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, new char[0]);
        SSLContext context = staple ? TlsTestServer.staplingContext() : SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), null, null);
        socket = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 50,
                InetAddress.getByAddress(new byte[] { 127, 0, 0, 1 }));
        executor.execute(this::acceptLoop);
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                connection.setTcpNoDelay(true);
                executor.execute(() -> serve((SSLSocket) connection));
            } catch (IOException e) {
                // Closed: the loop ends.
            }
        }
    }

    private void serve(SSLSocket connection) {
        try (connection) {
            long started = System.currentTimeMillis();
            connection.startHandshake();
            handshakes.incrementAndGet();
            // A resumed session keeps the creation time of the handshake that first established it.
            if (connection.getSession().getCreationTime() < started) {
                resumed.incrementAndGet();
            }
            BufferedReader in = new BufferedReader(
                    new InputStreamReader(connection.getInputStream(), StandardCharsets.ISO_8859_1));
            String line;
            while ((line = in.readLine()) != null && !line.isEmpty()) {
                // Headers: nothing to do with them.
            }
            OutputStream out = connection.getOutputStream();
            out.write(RESPONSE);
            out.flush();
        } catch (IOException e) {
            // The client's side reports failures.
        }
    }

    String host() {
        return "127.0.0.1";
    }

    int port() {
        return socket.getLocalPort();
    }

    int handshakes() {
        return handshakes.get();
    }

    int resumedHandshakes() {
        return resumed.get();
    }

    @Override
    public void close() throws IOException {
        socket.close();
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
