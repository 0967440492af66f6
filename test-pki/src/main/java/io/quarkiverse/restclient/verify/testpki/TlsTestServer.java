package io.quarkiverse.restclient.verify.testpki;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * A real HTTPS/1.1 server on 127.0.0.1 that presents exactly the chain it is given. Every request gets
 * {@code 200 hello from <CN>} and the connection is closed, so each request is a new TCP connection.
 */
public final class TlsTestServer implements AutoCloseable {

    private final ServerSocket socket;
    private final ExecutorService executor;
    private final String body;
    private final AtomicInteger handshakes = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile boolean running = true;

    private TlsTestServer(ServerSocket socket, String body) {
        this.socket = socket;
        this.body = body;
        this.executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "tls-test-server-" + socket.getLocalPort());
            thread.setDaemon(true);
            return thread;
        });
        executor.execute(this::acceptLoop);
    }

    /** A TLS server presenting the chain with the default protocols and no client authentication. */
    public static TlsTestServer start(PrivateKey key, List<X509Certificate> presentedChain) {
        return builder(key, presentedChain).start();
    }

    /** A TLS server presenting the issued certificate's chain (leaf and intermediates). */
    public static TlsTestServer start(IssuedCertificate certificate) {
        return start(certificate.privateKey(), certificate.chain());
    }

    /** Options for a TLS server presenting the chain. */
    public static Builder builder(PrivateKey key, List<X509Certificate> presentedChain) {
        return new Builder(key, presentedChain);
    }

    /** A server that speaks plain HTTP, for clients that expect TLS on the port. */
    public static TlsTestServer plainHttp() {
        try {
            ServerSocket plain = new ServerSocket();
            plain.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return new TlsTestServer(plain, "hello over plain HTTP");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Options of a TLS test server. */
    public static final class Builder {
        private final PrivateKey key;
        private final List<X509Certificate> chain;
        private String[] protocols;
        private List<X509Certificate> clientCas;

        private Builder(PrivateKey key, List<X509Certificate> chain) {
            this.key = key;
            this.chain = List.copyOf(chain);
        }

        /** Only these protocols, e.g. {@code TLSv1.2}. */
        public Builder protocols(String... protocols) {
            this.protocols = protocols.clone();
            return this;
        }

        /** Require a client certificate issued by one of these CAs. */
        public Builder requireClientCertificate(List<X509Certificate> trustedClientCas) {
            this.clientCas = List.copyOf(trustedClientCas);
            return this;
        }

        /** Starts the server on 127.0.0.1 and an ephemeral port. */
        public TlsTestServer start() {
            try {
                KeyStore keys = KeyStore.getInstance("PKCS12");
                keys.load(null, null);
                keys.setKeyEntry("server", key, new char[0], chain.toArray(new X509Certificate[0]));
                KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keyManagers.init(keys, new char[0]);
                TrustManagerFactory trustManagers = null;
                if (clientCas != null) {
                    KeyStore trust = KeyStore.getInstance("PKCS12");
                    trust.load(null, null);
                    int i = 0;
                    for (X509Certificate ca : clientCas) {
                        trust.setCertificateEntry("ca-" + i++, ca);
                    }
                    trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                    trustManagers.init(trust);
                }
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(keyManagers.getKeyManagers(),
                        trustManagers == null ? null : trustManagers.getTrustManagers(), null);
                SSLServerSocket server = (SSLServerSocket) context.getServerSocketFactory().createServerSocket();
                server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                if (protocols != null) {
                    server.setEnabledProtocols(protocols);
                }
                server.setNeedClientAuth(clientCas != null);
                String cn = chain.get(0).getSubjectX500Principal().getName();
                return new TlsTestServer(server, "hello from " + cn);
            } catch (GeneralSecurityException | IOException e) {
                throw new IllegalStateException("cannot start a TLS test server", e);
            }
        }
    }

    private void acceptLoop() {
        while (running) {
            try {
                Socket connection = socket.accept();
                executor.execute(() -> serve(connection));
            } catch (IOException e) {
                if (!running) {
                    return;
                }
            }
        }
    }

    private void serve(Socket connection) {
        try (Socket c = connection) {
            c.setSoTimeout(10_000);
            if (c instanceof SSLSocket) {
                ((SSLSocket) c).startHandshake();
                handshakes.incrementAndGet();
            }
            if (!(c instanceof SSLSocket)) {
                // Plain HTTP meets a TLS ClientHello: answer as a real HTTP server does to garbage.
                if (c.getInputStream().read() >= 0) {
                    c.getOutputStream().write(("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n"
                            + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    c.getOutputStream().flush();
                }
                return;
            }
            BufferedReader reader = new BufferedReader(
                    new InputStreamReader(c.getInputStream(), StandardCharsets.ISO_8859_1));
            String line = reader.readLine();
            if (line == null) {
                return;
            }
            while (line != null && !line.isEmpty()) {
                line = reader.readLine();
            }
            requests.incrementAndGet();
            byte[] content = body.getBytes(StandardCharsets.UTF_8);
            OutputStream out = c.getOutputStream();
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/plain;charset=UTF-8\r\nContent-Length: " + content.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(content);
            out.flush();
        } catch (SocketException e) {
            // the client gave up, typically after rejecting our certificate
        } catch (IOException e) {
            // a failed handshake: the client's side reports it
        }
    }

    /** The port the server listens on. */
    public int port() {
        return socket.getLocalPort();
    }

    /** Always 127.0.0.1. */
    public String host() {
        return "127.0.0.1";
    }

    /** {@code https://127.0.0.1:<port>} ({@code http://} for a plain server). */
    public URI uri() {
        return uri(host());
    }

    /** The server's URI with another host name for the loopback address, e.g. {@code localhost}. */
    public URI uri(String hostName) {
        String scheme = socket instanceof SSLServerSocket ? "https" : "http";
        return URI.create(scheme + "://" + hostName + ":" + port());
    }

    /** TLS handshakes that completed on the server's side. */
    public int handshakes() {
        return handshakes.get();
    }

    /** Requests answered. */
    public int requests() {
        return requests.get();
    }

    /** The body every request gets. */
    public String body() {
        return body;
    }

    @Override
    public void close() {
        running = false;
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Closes every server given, ignoring nulls. */
    public static void closeAll(List<TlsTestServer> servers) {
        List<RuntimeException> failures = new ArrayList<>();
        for (TlsTestServer server : servers) {
            if (server != null) {
                try {
                    server.close();
                } catch (RuntimeException e) {
                    failures.add(e);
                }
            }
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
    }
}
