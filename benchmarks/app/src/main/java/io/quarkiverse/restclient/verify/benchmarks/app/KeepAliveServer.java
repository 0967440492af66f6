package io.quarkiverse.restclient.verify.benchmarks.app;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLSession;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;

/**
 * An HTTPS server on 127.0.0.1 that keeps connections open, so a REST client's requests reuse its connection as in
 * production (unless the client asks to close them). Runs on its own Vert.x instance, apart from the application's.
 * It counts connections, resumed TLS sessions and the protocol each connection negotiated, so a run can prove whether
 * its handshakes were full.
 */
final class KeepAliveServer implements AutoCloseable {

    private final Vertx vertx;
    private final HttpServer server;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger resumed = new AtomicInteger();
    /** Creation times of the sessions seen: a resumed session keeps the time of the handshake that made it. */
    private final Set<Long> sessionsCreated = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> protocols = new ConcurrentHashMap<>();

    KeepAliveServer(Path certificateChain, Path key) throws Exception {
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        HttpServerOptions options = new HttpServerOptions().setHost("127.0.0.1").setPort(0).setSsl(true)
                .setKeyCertOptions(new PemKeyCertOptions().setCertPath(certificateChain.toString())
                        .setKeyPath(key.toString()));
        server = vertx.createHttpServer(options)
                .connectionHandler(connection -> {
                    connections.incrementAndGet();
                    SSLSession session = connection.sslSession();
                    if (session != null) {
                        // Sequential full handshakes are milliseconds apart, so a creation time seen twice is a resumption.
                        if (!sessionsCreated.add(session.getCreationTime())) {
                            resumed.incrementAndGet();
                        }
                        protocols.computeIfAbsent(session.getProtocol() + " " + session.getCipherSuite(),
                                p -> new AtomicInteger()).incrementAndGet();
                    }
                })
                .requestHandler(request -> {
                    requests.incrementAndGet();
                    request.response().putHeader("Content-Type", "text/plain").end("hello");
                })
                .listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
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

    /** Connections by negotiated protocol and cipher suite. */
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
