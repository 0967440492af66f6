package io.quarkiverse.restclient.verify.runtime.engine;

import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;

import org.jboss.logging.Logger;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.DelegatingSslContext;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.OpenSslContextOption;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.quarkiverse.restclient.verify.diagnosis.PlainTextAnswer;
import io.vertx.core.net.JdkSSLEngineOptions;
import io.vertx.core.spi.tls.SslContextFactory;

/**
 * Builds the Netty SSL contexts of one client's engine, for Vert.x ({@link SslContextFactory}) and for Dev UI's Inspect.
 * <p>
 * The JDK engine is built exactly as Vert.x builds it. BoringSSL is built with what Vert.x's own OpenSSL factory leaves
 * out: the trust check as a task ({@link OpenSslContextOption#USE_TASKS}), so that a client that looks up the network
 * runs it on a worker thread, never on the event loop; OCSP enabled, so that a stapled answer reaches the revocation
 * check (without it BoringSSL drops staples silently); the client's key-exchange groups; and its key log. Either way
 * the trust and key managers are the client's own, handed in by Vert.x from its TLS configuration.
 */
final class EngineContextFactory implements SslContextFactory {

    private static final Logger LOG = Logger.getLogger(EngineContextFactory.class);

    private final ClientEngine engine;
    private final SslContextFactory jdk;
    private boolean useAlpn;
    private boolean forClient;
    private KeyManagerFactory keyManagers;
    private TrustManagerFactory trustManagers;
    private Set<String> cipherSuites;
    private List<String> applicationProtocols;

    EngineContextFactory(ClientEngine engine) {
        this.engine = engine;
        this.jdk = engine.engine() == SslEngine.JDK ? new JdkSSLEngineOptions().sslContextFactory() : null;
    }

    @Override
    public SslContextFactory useAlpn(boolean useAlpn) {
        this.useAlpn = useAlpn;
        return this;
    }

    @Override
    public SslContextFactory clientAuth(ClientAuth clientAuth) {
        // A client context: there is no client to authenticate.
        return this;
    }

    @Override
    public SslContextFactory forClient(boolean forClient) {
        this.forClient = forClient;
        return this;
    }

    @Override
    public SslContextFactory keyMananagerFactory(KeyManagerFactory kmf) {
        this.keyManagers = kmf;
        return this;
    }

    @Override
    public SslContextFactory trustManagerFactory(TrustManagerFactory tmf) {
        this.trustManagers = tmf;
        return this;
    }

    @Override
    public SslContextFactory enabledCipherSuites(Set<String> enabledCipherSuites) {
        this.cipherSuites = enabledCipherSuites;
        return this;
    }

    @Override
    public SslContextFactory applicationProtocols(List<String> applicationProtocols) {
        this.applicationProtocols = applicationProtocols;
        return this;
    }

    @Override
    public SslContext create() throws SSLException {
        if (!forClient) {
            throw new IllegalStateException(
                    "the engine of REST client '" + engine.clientName() + "' makes client contexts only");
        }
        if (jdk != null) {
            SslContext context = jdk.useAlpn(useAlpn).forClient(true).keyMananagerFactory(keyManagers)
                    .trustManagerFactory(trustManagers).enabledCipherSuites(cipherSuites)
                    .applicationProtocols(applicationProtocols).create();
            return new HandshakeLog(context, engine);
        }
        SslContextBuilder builder = SslContextBuilder.forClient();
        KeyManager[] managers = keyManagers == null ? null : keyManagers.getKeyManagers();
        if (managers != null && managers.length == 1 && managers[0] instanceof X509ExtendedKeyManager) {
            builder.keyManager(new BoringSslKeyTypes((X509ExtendedKeyManager) managers[0]));
        } else if (keyManagers != null) {
            builder.keyManager(keyManagers);
        }
        if (trustManagers != null) {
            builder.trustManager(trustManagers);
        }
        return boringSsl(builder, useAlpn ? applicationProtocols : null, cipherSuites);
    }

    /**
     * A BoringSSL client context with these managers, as the client's calls get it: for Dev UI's Inspect.
     *
     * @param alpn the protocols to offer, or null for no ALPN
     */
    SslContext boringSsl(KeyManager keyManager, TrustManager trustManager, List<String> alpn) throws SSLException {
        KeyManager offered = keyManager instanceof X509ExtendedKeyManager
                ? new BoringSslKeyTypes((X509ExtendedKeyManager) keyManager)
                : keyManager;
        return boringSsl(SslContextBuilder.forClient().keyManager(offered).trustManager(trustManager), alpn, null);
    }

    private SslContext boringSsl(SslContextBuilder builder, List<String> alpn, Set<String> ciphers)
            throws SSLException {
        builder.sslProvider(SslProvider.OPENSSL)
                // Explicit: the system property io.netty.handler.ssl.openssl.useTasks=false would move the trust
                // check, and its look-ups, onto the event loop.
                .option(OpenSslContextOption.USE_TASKS, true)
                .enableOcsp(true);
        if (!engine.groups().isEmpty()) {
            builder.option(OpenSslContextOption.GROUPS, engine.groups().toArray(new String[0]));
        }
        if (ciphers != null && !ciphers.isEmpty()) {
            builder.ciphers(ciphers);
        }
        if (alpn != null && !alpn.isEmpty()) {
            // BoringSSL cannot fail a handshake for ALPN from the client side: as Vert.x configures it.
            builder.applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                    ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                    ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, alpn));
        }
        SslContext context = builder.build();
        engine.keyLog().ifPresent(log -> BoringSslNative.logKeys(context, log));
        return new HandshakeLog(context, engine);
    }

    /**
     * Tells at DEBUG, for each finished handshake, what was negotiated: protocol, cipher suite, key-exchange group. On
     * BoringSSL its handlers also keep the server's first bytes until the handshake ends ({@link AnswerKeeping}).
     */
    static final class HandshakeLog extends DelegatingSslContext {

        private final ClientEngine engine;

        HandshakeLog(SslContext context, ClientEngine engine) {
            super(context);
            this.engine = engine;
        }

        @Override
        protected void initEngine(SSLEngine sslEngine) {
            // Vert.x configures protocols, SNI and the host-name check on the engine itself.
        }

        @Override
        protected void initHandler(SslHandler handler) {
            logWhenDone(handler);
        }

        @Override
        protected SslHandler newHandler(ByteBufAllocator alloc, boolean startTls, Executor executor) {
            return answerKeeping(super.newHandler(alloc, startTls, executor), startTls, executor);
        }

        @Override
        protected SslHandler newHandler(ByteBufAllocator alloc, String peerHost, int peerPort, boolean startTls,
                Executor executor) {
            return answerKeeping(super.newHandler(alloc, peerHost, peerPort, startTls, executor), startTls, executor);
        }

        /**
         * On BoringSSL, the handler Netty made, as one that keeps the server's first bytes: the same engine, executor
         * and start-TLS flag. Netty's own handler is dropped before it is ever added to a channel; what it has more, a
         * resumption controller, acts only for a {@code ResumableX509ExtendedTrustManager}, which no client's trust
         * stack is.
         */
        private SslHandler answerKeeping(SslHandler made, boolean startTls, Executor executor) {
            if (engine.engine() != SslEngine.OPENSSL) {
                return made;
            }
            SslHandler keeping = new AnswerKeeping(made.engine(), startTls, executor);
            logWhenDone(keeping);
            return keeping;
        }

        private void logWhenDone(SslHandler handler) {
            if (!LOG.isDebugEnabled()) {
                return;
            }
            handler.handshakeFuture().addListener(done -> {
                if (done.isSuccess()) {
                    SSLEngine sslEngine = handler.engine();
                    LOG.debugf("REST client '%s': TLS with %s:%d on %s: %s", engine.clientName(),
                            sslEngine.getPeerHost(), sslEngine.getPeerPort(), engine.engine().word(),
                            engine.negotiated(sslEngine).describe());
                }
            });
        }
    }

    /**
     * Netty's handler, keeping the bytes BoringSSL is about to read until the handshake ends: BoringSSL's engine
     * reports a plain-text answer as "not an SSL/TLS record" without its bytes (the JDK's path quotes them), so the
     * failure gets them as a {@link PlainTextAnswer}, before anyone else hears of it. After the handshake it only
     * passes the bytes on.
     */
    static final class AnswerKeeping extends SslHandler {

        /** The unread bytes at the last read of the handshake; null once the handshake is over. */
        private byte[] unread = new byte[0];

        AnswerKeeping(SSLEngine engine, boolean startTls, Executor executor) {
            super(engine, startTls, executor);
            // The first listener: it runs before Vert.x's, so the evidence is on the failure before it is reported.
            handshakeFuture().addListener(done -> {
                byte[] answer = unread;
                unread = null;
                if (done.cause() instanceof NotSslRecordException && answer != null && answer.length > 0) {
                    done.cause().addSuppressed(new PlainTextAnswer(answer));
                }
            });
        }

        @Override
        protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws SSLException {
            // Both run on the channel's event loop: the reads and the handshake's end. Bytes that begin a TLS record
            // (content type 20 to 23) are not kept, so a healthy handshake copies nothing.
            if (unread != null && in.isReadable() && !beginsTlsRecord(in)) {
                unread = ByteBufUtil.getBytes(in, in.readerIndex(),
                        Math.min(in.readableBytes(), PlainTextAnswer.MAX_BYTES));
            }
            super.decode(ctx, in, out);
        }

        private static boolean beginsTlsRecord(ByteBuf in) {
            short type = in.getUnsignedByte(in.readerIndex());
            return type >= 20 && type <= 23;
        }
    }
}
