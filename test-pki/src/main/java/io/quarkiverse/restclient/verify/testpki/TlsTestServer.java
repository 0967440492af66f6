package io.quarkiverse.restclient.verify.testpki;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * A real HTTPS/1.1 server on 127.0.0.1 that presents exactly the chain it is given. Every request gets
 * {@code 200 hello from <subject DN of the leaf>}, e.g. {@code hello from CN=good.test,O=Verify Tests}, and the
 * connection is closed, so each request is a new TCP connection and a new handshake; unless the server is built with
 * {@link Builder#keepAlive()}, then a connection serves requests until the client closes it, as most servers do.
 */
public final class TlsTestServer implements AutoCloseable {

    private static final String LOOPBACK = "127.0.0.1";

    private final ServerSocket socket;
    private final ExecutorService executor;
    private final String body;
    private final boolean keepAlive;
    private final long responseDelayMillis;
    private final AtomicInteger handshakes = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger resumed = new AtomicInteger();
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private volatile boolean running = true;

    private TlsTestServer(ServerSocket socket, String body, boolean keepAlive, long responseDelayMillis) {
        this.socket = socket;
        this.body = body;
        this.keepAlive = keepAlive;
        this.responseDelayMillis = responseDelayMillis;
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

    /** Options for a TLS server presenting the issued certificate's chain. */
    public static Builder builder(IssuedCertificate certificate) {
        return builder(certificate.privateKey(), certificate.chain());
    }

    /**
     * A server that speaks plain HTTP, for clients that expect TLS on the port: a TLS ClientHello gets
     * {@code 400 Bad Request}, a plain HTTP request gets {@code 200 hello over plain HTTP}.
     */
    public static TlsTestServer plainHttp() {
        try {
            ServerSocket plain = new ServerSocket();
            plain.bind(new InetSocketAddress(loopback(), 0));
            return new TlsTestServer(plain, "hello over plain HTTP", false, 0);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start a plain HTTP test server", e);
        }
    }

    /** Options of a TLS test server. */
    public static final class Builder {
        private final PrivateKey key;
        private final List<X509Certificate> chain;
        private String[] protocols;
        private String[] cipherSuites;
        private List<X509Certificate> clientCas;
        private String body;
        private boolean keepAlive;
        private long responseDelayMillis;
        private boolean staple;

        private Builder(PrivateKey key, List<X509Certificate> chain) {
            if (chain.isEmpty()) {
                throw new IllegalArgumentException("a TLS server needs at least its own certificate");
            }
            this.key = key;
            this.chain = List.copyOf(chain);
        }

        /** Only these protocols, e.g. {@code TLSv1.2}. */
        public Builder protocols(String... protocols) {
            this.protocols = protocols.clone();
            return this;
        }

        /** Only these cipher suites, e.g. one the key cannot serve, to provoke a negotiation failure. */
        public Builder cipherSuites(String... cipherSuites) {
            this.cipherSuites = cipherSuites.clone();
            return this;
        }

        /** Require a client certificate issued by one of these CAs. */
        public Builder requireClientCertificate(List<X509Certificate> trustedClientCas) {
            this.clientCas = List.copyOf(trustedClientCas);
            return this;
        }

        /** The body of every response, instead of {@code hello from <subject>}. */
        public Builder body(String body) {
            this.body = body;
            return this;
        }

        /**
         * Keep each connection open for further requests ({@code Connection: keep-alive}), so that a client reuses
         * its pooled connections and {@link TlsTestServer#handshakes()} counts connections, not requests.
         */
        public Builder keepAlive() {
            this.keepAlive = true;
            return this;
        }

        /** Answer each request only after this many milliseconds, to keep a request in flight. */
        public Builder responseDelay(long millis) {
            this.responseDelayMillis = millis;
            return this;
        }

        /**
         * Staple OCSP responses: the JDK server fetches them from the responder its certificates name (authority
         * information access) and sends them to clients that ask (status_request). With TLS 1.2 it staples for every
         * certificate of the chain whose issuer the chain holds (status_request_v2); with TLS 1.3 for the leaf.
         */
        public Builder stapleOcsp() {
            this.staple = true;
            return this;
        }

        /** Starts the server on 127.0.0.1 and an ephemeral port. */
        public TlsTestServer start() {
            try {
                KeyStore keys = KeyStore.getInstance("PKCS12");
                keys.load(null, null);
                try {
                    keys.setKeyEntry("server", key, new char[0], chain.toArray(new X509Certificate[0]));
                } catch (KeyStoreException e) {
                    // PKCS#12 refuses a chain whose certificates do not link up, as an attacker's chain may not; JKS
                    // stores it as given.
                    keys = KeyStore.getInstance("JKS");
                    keys.load(null, null);
                    keys.setKeyEntry("server", key, new char[0], chain.toArray(new X509Certificate[0]));
                }
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
                SSLContext context = staple ? staplingContext() : SSLContext.getInstance("TLS");
                context.init(keyManagers.getKeyManagers(),
                        trustManagers == null ? null : trustManagers.getTrustManagers(), null);
                SSLServerSocket server = (SSLServerSocket) context.getServerSocketFactory().createServerSocket();
                if (protocols != null) {
                    server.setEnabledProtocols(protocols);
                }
                if (cipherSuites != null) {
                    server.setEnabledCipherSuites(cipherSuites);
                }
                server.setNeedClientAuth(clientCas != null);
                server.bind(new InetSocketAddress(loopback(), 0));
                String text = body != null ? body : "hello from " + chain.get(0).getSubjectX500Principal().getName();
                return new TlsTestServer(server, text, keepAlive, responseDelayMillis);
            } catch (GeneralSecurityException | IOException e) {
                throw new IllegalStateException("cannot start a TLS test server", e);
            }
        }
    }

    /**
     * A server context that staples OCSP responses. The JDK reads this switch when a context is created, so it is on
     * only while this one is.
     */
    public static synchronized SSLContext staplingContext() throws GeneralSecurityException {
        String property = "jdk.tls.server.enableStatusRequestExtension";
        String before = System.getProperty(property);
        System.setProperty(property, "true");
        try {
            return SSLContext.getInstance("TLS");
        } finally {
            if (before == null) {
                System.clearProperty(property);
            } else {
                System.setProperty(property, before);
            }
        }
    }

    /** 127.0.0.1 literally: getLoopbackAddress() may be ::1, and the tests promise IPv4 loopback only. */
    private static InetAddress loopback() throws UnknownHostException {
        return InetAddress.getByAddress(LOOPBACK, new byte[] { 127, 0, 0, 1 });
    }

    private void acceptLoop() {
        while (running) {
            try {
                Socket connection = socket.accept();
                connections.add(connection);
                if (!running) {
                    // close() may already have swept the open connections; this one came in just after.
                    connections.remove(connection);
                    closeQuietly(connection);
                    return;
                }
                executor.execute(() -> serve(connection));
            } catch (IOException | RejectedExecutionException e) {
                if (!running) {
                    return;
                }
            }
        }
    }

    private void serve(Socket connection) {
        try (Socket c = connection) {
            c.setSoTimeout(keepAlive ? 60_000 : 10_000);
            // Without it, Nagle's algorithm holds the server's second handshake write until the client's delayed ACK:
            // about 50 ms per handshake.
            c.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(c.getInputStream());
            if (c instanceof SSLSocket) {
                long started = System.currentTimeMillis();
                ((SSLSocket) c).startHandshake();
                handshakes.incrementAndGet();
                // A resumed session keeps the creation time of the handshake that first established it.
                if (((SSLSocket) c).getSession().getCreationTime() < started) {
                    resumed.incrementAndGet();
                }
            } else if (startsWithTlsRecord(in)) {
                // A TLS ClientHello on a plain port: answer as a real HTTP server answers bytes it cannot parse.
                respond(c.getOutputStream(), "400 Bad Request", "", false);
                return;
            }
            while (readRequest(in)) {
                if (responseDelayMillis > 0) {
                    sleep(responseDelayMillis);
                }
                requests.incrementAndGet();
                respond(c.getOutputStream(), "200 OK", body, keepAlive);
                if (!keepAlive) {
                    break;
                }
            }
        } catch (IOException e) {
            // A failed handshake or a client that gave up: the client's side reports it, the server has nothing to add.
        } finally {
            connections.remove(connection);
        }
    }

    private static void sleep(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while delaying the response", e);
        }
    }

    private static boolean startsWithTlsRecord(InputStream in) throws IOException {
        in.mark(1);
        int first = in.read();
        in.reset();
        // 0x16 is the TLS handshake record type; no HTTP method starts with it.
        return first == 0x16;
    }

    /** Reads the request line and headers, and skips a body; false when the client sent nothing. */
    private static boolean readRequest(InputStream in) throws IOException {
        String line = readLine(in);
        if (line == null || line.isEmpty()) {
            return false;
        }
        long contentLength = 0;
        while ((line = readLine(in)) != null && !line.isEmpty()) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("Content-Length")) {
                try {
                    contentLength = Long.parseLong(line.substring(colon + 1).trim());
                } catch (NumberFormatException e) {
                    throw new IOException("bad Content-Length: " + line, e);
                }
            }
        }
        // Drain a request body so that closing the socket does not reset the connection under the client.
        in.skipNBytes(contentLength);
        return true;
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                int last = line.length() - 1;
                return last >= 0 && line.charAt(last) == '\r' ? line.substring(0, last) : line.toString();
            }
            line.append((char) b);
        }
        return line.length() == 0 ? null : line.toString();
    }

    private static void respond(OutputStream out, String status, String text, boolean keepAlive) throws IOException {
        byte[] content = text.getBytes(StandardCharsets.UTF_8);
        out.write(("HTTP/1.1 " + status + "\r\nContent-Type: text/plain;charset=UTF-8\r\nContent-Length: "
                + content.length + "\r\nConnection: " + (keepAlive ? "keep-alive" : "close") + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        out.write(content);
        out.flush();
    }

    /** The port the server listens on. */
    public int port() {
        return socket.getLocalPort();
    }

    /** Always 127.0.0.1. */
    public String host() {
        return LOOPBACK;
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

    /**
     * Handshakes that resumed an earlier session: the client checked no certificate for them. Counted when the earlier
     * handshake was at least a millisecond before.
     */
    public int resumedHandshakes() {
        return resumed.get();
    }

    /** Requests answered. */
    public int requests() {
        return requests.get();
    }

    /** The body every request gets. */
    public String body() {
        return body;
    }

    /** Stops accepting, drops open connections and waits up to two seconds for the server's threads. */
    @Override
    public void close() {
        running = false;
        closeQuietly(socket);
        // Blocking socket reads ignore interrupts, so open connections are closed to free their threads.
        for (Socket connection : connections) {
            closeQuietly(connection);
        }
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // Already closed or broken: either way it is closed now.
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
