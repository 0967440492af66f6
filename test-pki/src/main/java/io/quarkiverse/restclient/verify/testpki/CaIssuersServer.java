package io.quarkiverse.restclient.verify.testpki;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A plain HTTP server on 127.0.0.1 where certificates' caIssuers URLs point: it serves a CA certificate as DER or as
 * a PKCS#7 bundle, or something a client must refuse (an oversized body, a redirect), and counts the requests for
 * each path. {@code GET /_count/<path>} answers the count, so a test in another class loader can read it.
 */
public final class CaIssuersServer implements AutoCloseable {

    private static final String COUNT = "/_count";

    private final HttpServer server;
    private final ExecutorService executor;
    private final Map<String, Response> responses = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final Map<String, Response> firstAnswers = new ConcurrentHashMap<>();

    private CaIssuersServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** A server on a free port of 127.0.0.1 that answers 404 until it is told what to serve. */
    public static CaIssuersServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
            ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
                Thread thread = new Thread(runnable, "ca-issuers-server");
                thread.setDaemon(true);
                return thread;
            });
            CaIssuersServer issuers = new CaIssuersServer(server, executor);
            server.createContext("/", issuers::handle);
            server.setExecutor(executor);
            server.start();
            return issuers;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The port it listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** The URL of a path on this server, e.g. {@code http://127.0.0.1:40123/ca.cer}. */
    public String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    /** Serves the certificate DER-encoded, as {@code application/pkix-cert}. */
    public CaIssuersServer certificate(String path, X509Certificate certificate) {
        try {
            return serve(path, 200, "application/pkix-cert", certificate.getEncoded(), null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Serves {@code first} DER-encoded to the first request of the path, and {@code then} to every later one: a decoy
     * answered once, as an attacker on the plain-http path can.
     */
    public CaIssuersServer certificateOnceThen(String path, X509Certificate first, X509Certificate then) {
        try {
            firstAnswers.put(path, new Response(200, "application/pkix-cert", first.getEncoded(), null));
            return serve(path, 200, "application/pkix-cert", then.getEncoded(), null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Serves the certificates as a certs-only PKCS#7 bundle, as {@code application/pkcs7-mime}. */
    public CaIssuersServer pkcs7(String path, List<X509Certificate> certificates) {
        try {
            byte[] bundle = CertificateFactory.getInstance("X.509").generateCertPath(certificates).getEncoded("PKCS7");
            return serve(path, 200, "application/pkcs7-mime", bundle, null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Serves a body of this many bytes that starts like DER, larger than any certificate. */
    public CaIssuersServer oversized(String path, int bytes) {
        byte[] body = new byte[bytes];
        Arrays.fill(body, (byte) 0x30);
        return serve(path, 200, "application/pkix-cert", body, null);
    }

    /** Answers {@code 302 Found} with this location, e.g. {@code file:///etc/passwd}. */
    public CaIssuersServer redirect(String path, String location) {
        return serve(path, 302, "text/plain", new byte[0], location);
    }

    private CaIssuersServer serve(String path, int status, String type, byte[] body, String location) {
        responses.put(path, new Response(status, type, body, location));
        return this;
    }

    /** How many requests this path has had. */
    public int fetches(String path) {
        AtomicInteger count = counts.get(path);
        return count == null ? 0 : count.get();
    }

    /** How many requests a path of the server on this port has had, asked over HTTP (any class loader). */
    public static int fetches(int port, String path) {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI
                    .create("http://127.0.0.1:" + port + COUNT + path).toURL().openConnection();
            try (InputStream in = connection.getInputStream()) {
                return Integer.parseInt(new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim());
            } finally {
                connection.disconnect();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (path.startsWith(COUNT + "/")) {
                send(exchange, new Response(200, "text/plain",
                        String.valueOf(fetches(path.substring(COUNT.length()))).getBytes(StandardCharsets.US_ASCII),
                        null));
                return;
            }
            int count = counts.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            Response response = count == 1 && firstAnswers.containsKey(path) ? firstAnswers.get(path)
                    : responses.get(path);
            send(exchange, response != null ? response : new Response(404, "text/plain", new byte[0], null));
        }
    }

    private static void send(HttpExchange exchange, Response response) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", response.type());
        if (response.location() != null) {
            exchange.getResponseHeaders().set("Location", response.location());
        }
        exchange.sendResponseHeaders(response.status(), response.body().length == 0 ? -1 : response.body().length);
        if (response.body().length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.body());
            } catch (IOException e) {
                // The client may stop reading an oversized body; that is what it should do.
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private record Response(int status, String type, byte[] body, String location) {
    }
}
