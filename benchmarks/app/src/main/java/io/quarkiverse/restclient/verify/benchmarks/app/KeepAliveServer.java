package io.quarkiverse.restclient.verify.benchmarks.app;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;

/**
 * An HTTPS server on 127.0.0.1 that keeps connections open, so a REST client's requests reuse its connection as in
 * production. Runs on its own Vert.x instance, apart from the application's.
 */
final class KeepAliveServer implements AutoCloseable {

    private final Vertx vertx;
    private final HttpServer server;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();

    KeepAliveServer(Path certificateChain, Path key) throws Exception {
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        HttpServerOptions options = new HttpServerOptions().setHost("127.0.0.1").setPort(0).setSsl(true)
                .setKeyCertOptions(new PemKeyCertOptions().setCertPath(certificateChain.toString())
                        .setKeyPath(key.toString()));
        server = vertx.createHttpServer(options)
                .connectionHandler(connection -> connections.incrementAndGet())
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

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
