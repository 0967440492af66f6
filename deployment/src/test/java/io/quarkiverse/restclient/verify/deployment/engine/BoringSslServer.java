package io.quarkiverse.restclient.verify.deployment.engine;

import java.net.URI;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.DelegatingSslContext;
import io.netty.handler.ssl.OpenSslContextOption;
import io.netty.handler.ssl.ReferenceCountedOpenSslEngine;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.internal.tcnative.SSL;
import io.quarkiverse.restclient.verify.testpki.IssuedCertificate;
import io.quarkiverse.restclient.verify.testpki.Pem;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.OpenSSLEngineOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.spi.tls.SslContextFactory;

/**
 * An HTTPS server on BoringSSL (Vert.x with Netty's OpenSSL engine) that accepts only the key-exchange groups it is
 * given, speaks HTTP/1.1 and HTTP/2 (ALPN), and records what each handshake showed it: the ClientHello's random (to
 * match key-log lines against) and the group negotiated. Answers {@code hello over <HTTP version>}.
 */
final class BoringSslServer implements AutoCloseable {

    private final Vertx vertx;
    private final HttpServer server;
    private final List<String> clientRandoms;
    private final List<String> groups;

    private BoringSslServer(Vertx vertx, HttpServer server, List<String> clientRandoms, List<String> groups) {
        this.vertx = vertx;
        this.server = server;
        this.clientRandoms = clientRandoms;
        this.groups = groups;
    }

    /** @param groups the only key-exchange groups the server accepts, e.g. {@code X25519MLKEM768} */
    static BoringSslServer start(IssuedCertificate certificate, String... groups) {
        List<String> randoms = new CopyOnWriteArrayList<>();
        List<String> negotiated = new CopyOnWriteArrayList<>();
        Vertx vertx = Vertx.vertx();
        HttpServerOptions options = new HttpServerOptions().setSsl(true).setHost("127.0.0.1").setPort(0)
                .setUseAlpn(true).setEnabledSecureTransportProtocols(Set.of("TLSv1.3"))
                .setKeyCertOptions(new PemKeyCertOptions()
                        .setCertValue(Buffer.buffer(Pem.certificates(certificate.chain())))
                        .setKeyValue(Buffer.buffer(Pem.privateKey(certificate.privateKey()))))
                .setSslEngineOptions(new Engine(groups, randoms, negotiated));
        HttpServer server = vertx.createHttpServer(options)
                .requestHandler(request -> request.response().end("hello over " + request.version()));
        try {
            server.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            vertx.close();
            throw new IllegalStateException("cannot start the BoringSSL server", e);
        }
        return new BoringSslServer(vertx, server, randoms, negotiated);
    }

    URI uri() {
        return URI.create("https://localhost:" + server.actualPort());
    }

    /** The ClientHello randoms of the handshakes so far, as lower-case hex, as key-log lines write them. */
    List<String> clientRandoms() {
        return new ArrayList<>(clientRandoms);
    }

    /** The groups the handshakes so far negotiated. */
    List<String> groups() {
        return new ArrayList<>(groups);
    }

    @Override
    public void close() {
        vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
    }

    /** Vert.x's OpenSSL engine, with the server's groups and a look at each finished handshake. */
    private static final class Engine extends OpenSSLEngineOptions {

        private final String[] groups;
        private final List<String> randoms;
        private final List<String> negotiated;

        Engine(String[] groups, List<String> randoms, List<String> negotiated) {
            this.groups = groups;
            this.randoms = randoms;
            this.negotiated = negotiated;
        }

        @Override
        public Engine copy() {
            return new Engine(groups, randoms, negotiated);
        }

        @Override
        public SslContextFactory sslContextFactory() {
            return new SslContextFactory() {
                private KeyManagerFactory keys;
                private List<String> protocols = List.of();
                private boolean alpn;

                @Override
                public SslContextFactory keyMananagerFactory(KeyManagerFactory kmf) {
                    keys = kmf;
                    return this;
                }

                @Override
                public SslContextFactory trustManagerFactory(TrustManagerFactory tmf) {
                    return this;
                }

                @Override
                public SslContextFactory clientAuth(ClientAuth clientAuth) {
                    return this;
                }

                @Override
                public SslContextFactory useAlpn(boolean useAlpn) {
                    alpn = useAlpn;
                    return this;
                }

                @Override
                public SslContextFactory applicationProtocols(List<String> applicationProtocols) {
                    protocols = applicationProtocols;
                    return this;
                }

                @Override
                public SslContext create() throws SSLException {
                    SslContextBuilder builder = SslContextBuilder.forServer(keys).sslProvider(SslProvider.OPENSSL)
                            .option(OpenSslContextOption.GROUPS, groups);
                    if (alpn && protocols != null && !protocols.isEmpty()) {
                        builder.applicationProtocolConfig(new ApplicationProtocolConfig(
                                ApplicationProtocolConfig.Protocol.ALPN,
                                ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                                ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, protocols));
                    }
                    return new Watching(builder.build());
                }
            };
        }

        /** Records the ClientHello random and the group of each finished handshake. */
        private final class Watching extends DelegatingSslContext {

            Watching(SslContext context) {
                super(context);
            }

            @Override
            protected void initEngine(SSLEngine engine) {
            }

            @Override
            protected void initHandler(SslHandler handler) {
                handler.handshakeFuture().addListener(done -> {
                    if (done.isSuccess() && handler.engine() instanceof ReferenceCountedOpenSslEngine) {
                        ReferenceCountedOpenSslEngine engine = (ReferenceCountedOpenSslEngine) handler.engine();
                        synchronized (engine) {
                            randoms.add(HexFormat.of().formatHex(SSL.getClientRandom(engine.sslPointer())));
                            negotiated.add(SSL.getGroupName(engine.sslPointer()));
                        }
                    }
                });
            }
        }
    }
}
