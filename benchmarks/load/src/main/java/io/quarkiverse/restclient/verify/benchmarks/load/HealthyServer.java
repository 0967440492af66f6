package io.quarkiverse.restclient.verify.benchmarks.load;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;

/**
 * A keep-alive HTTPS server on 127.0.0.1 that answers {@code hello}, on its own Vert.x instance apart from the
 * application's; counts the connections it accepted.
 */
final class HealthyServer implements AutoCloseable {

    private final Vertx vertx;
    private final HttpServer server;
    private final AtomicInteger connections = new AtomicInteger();

    HealthyServer(Path certificateChain, Path key) throws Exception {
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        HttpServerOptions options = new HttpServerOptions().setHost("127.0.0.1").setPort(0).setSsl(true)
                .setKeyCertOptions(new PemKeyCertOptions().setCertPath(certificateChain.toString())
                        .setKeyPath(key.toString()));
        server = vertx.createHttpServer(options)
                .connectionHandler(connection -> connections.incrementAndGet())
                .requestHandler(request -> request.response().putHeader("Content-Type", "text/plain").end("hello"))
                .listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** {@code https://127.0.0.1:<port>}. */
    String url() {
        return "https://127.0.0.1:" + server.actualPort();
    }

    int connections() {
        return connections.get();
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
