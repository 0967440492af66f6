package io.quarkiverse.restclient.verify.benchmarks.app;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLSession;

import io.netty.handler.ssl.ReferenceCountedOpenSslEngine;
import io.netty.handler.ssl.SslHandler;
import io.netty.internal.tcnative.SSL;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.OpenSSLEngineOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * An HTTPS server on 127.0.0.1 that keeps connections open, so a REST client's requests reuse its connection as in
 * production (unless the client asks to close them). Runs on its own Vert.x instance, apart from the application's.
 * It counts connections, resumed TLS sessions and the protocol each connection negotiated, so a run can prove whether
 * its handshakes were full. {@code GET /download?bytes=N} streams N bytes, written as the connection drains.
 * <p>
 * On BoringSSL ({@code boringSsl}) it keeps no session cache and issues no session tickets, so that every new
 * connection is a full handshake for any client; it also counts the key-exchange group of each connection.
 */
final class KeepAliveServer implements AutoCloseable {

    /** What the download writes, again and again: 64 KiB, one buffer shared by every write. */
    private static final Buffer CHUNK = Buffer.buffer(new byte[64 * 1024]);

    private final Vertx vertx;
    private final HttpServer server;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger resumed = new AtomicInteger();
    /** Creation times of the sessions seen: a resumed session keeps the time of the handshake that made it. */
    private final Set<Long> sessionsCreated = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> protocols = new ConcurrentHashMap<>();

    /** A server on the JDK's TLS engine. */
    KeepAliveServer(Path certificateChain, Path key) throws Exception {
        this(certificateChain, key, false);
    }

    KeepAliveServer(Path certificateChain, Path key, boolean boringSsl) throws Exception {
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        HttpServerOptions options = new HttpServerOptions().setHost("127.0.0.1").setPort(0).setSsl(true)
                .setKeyCertOptions(new PemKeyCertOptions().setCertPath(certificateChain.toString())
                        .setKeyPath(key.toString()));
        if (boringSsl) {
            // Netty's OpenSSL server sends TLS 1.3 session tickets unless this JDK property says no (read once, when
            // Netty's OpenSSL context class loads); without it both engines' clients resumed 299 of 300 connections.
            System.setProperty("jdk.tls.server.enableSessionTicketExtension", "false");
            options.setSslEngineOptions(new OpenSSLEngineOptions().setSessionCacheEnabled(false));
        }
        server = vertx.createHttpServer(options)
                .connectionHandler(connection -> {
                    connections.incrementAndGet();
                    SSLSession session = connection.sslSession();
                    if (session != null) {
                        Handshake handshake = boringSsl ? handshake(connection) : null;
                        // BoringSSL tells; the JDK does not, but sequential full handshakes are milliseconds apart,
                        // so a creation time seen twice is a resumption (BoringSSL's times are in whole seconds).
                        if (handshake != null ? handshake.resumed()
                                : !sessionsCreated.add(session.getCreationTime())) {
                            resumed.incrementAndGet();
                        }
                        String group = handshake == null || handshake.group() == null ? "" : " " + handshake.group();
                        protocols.computeIfAbsent(session.getProtocol() + " " + session.getCipherSuite() + group,
                                p -> new AtomicInteger()).incrementAndGet();
                    }
                })
                .requestHandler(request -> {
                    requests.incrementAndGet();
                    if (request.path().equals("/download")) {
                        long bytes = Long.parseLong(request.getParam("bytes"));
                        HttpServerResponse response = request.response()
                                .putHeader("Content-Type", "application/octet-stream")
                                .putHeader("Content-Length", Long.toString(bytes));
                        write(response, bytes);
                    } else {
                        request.response().putHeader("Content-Type", "text/plain").end("hello");
                    }
                })
                .listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** Writes until the connection's queue is full, then again when it has drained. */
    private static void write(HttpServerResponse response, long remaining) {
        long left = remaining;
        while (left > 0 && !response.writeQueueFull()) {
            int size = (int) Math.min(CHUNK.length(), left);
            response.write(size == CHUNK.length() ? CHUNK : CHUNK.slice(0, size));
            left -= size;
        }
        if (left == 0) {
            response.end();
        } else {
            long rest = left;
            response.drainHandler(drained -> write(response, rest));
        }
    }

    /** Whether BoringSSL resumed this connection's session, and the key-exchange group; null where it cannot tell. */
    private static Handshake handshake(HttpConnection connection) {
        if (!(connection instanceof ConnectionBase)) {
            return null;
        }
        SslHandler handler = ((ConnectionBase) connection).channel().pipeline().get(SslHandler.class);
        if (handler == null || !(handler.engine() instanceof ReferenceCountedOpenSslEngine)) {
            return null;
        }
        ReferenceCountedOpenSslEngine engine = (ReferenceCountedOpenSslEngine) handler.engine();
        // The engine's lock keeps its native SSL from being freed while it is read.
        synchronized (engine) {
            long ssl = engine.sslPointer();
            if (ssl == 0) {
                return null;
            }
            try {
                return new Handshake(SSL.isSessionReused(ssl), SSL.getGroupName(ssl));
            } catch (Exception e) {
                return new Handshake(SSL.isSessionReused(ssl), null);
            }
        }
    }

    /** What BoringSSL says about a finished handshake. */
    private record Handshake(boolean resumed, String group) {
    }

    /** {@code https://127.0.0.1:<port>}. */
    String url() {
        return "https://127.0.0.1:" + server.actualPort();
    }

    /** TCP connections accepted so far: with keep-alive, one per client. */
    int connections() {
        return connections.get();
    }

    /** Requests answered so far. */
    int requests() {
        return requests.get();
    }

    /** Connections whose TLS session was resumed rather than established by a full handshake. */
    int resumedHandshakes() {
        return resumed.get();
    }

    /** The port it listens on. */
    int port() {
        return server.actualPort();
    }

    /** Connections by negotiated protocol and cipher suite (and key-exchange group, on BoringSSL). */
    Map<String, Integer> protocols() {
        Map<String, Integer> counts = new TreeMap<>();
        protocols.forEach((name, count) -> counts.put(name, count.get()));
        return counts;
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
