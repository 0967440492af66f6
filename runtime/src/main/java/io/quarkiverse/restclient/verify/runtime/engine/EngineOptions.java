package io.quarkiverse.restclient.verify.runtime.engine;

import io.vertx.core.net.JdkSSLEngineOptions;
import io.vertx.core.net.OpenSSLEngineOptions;
import io.vertx.core.net.SSLEngineOptions;
import io.vertx.core.spi.tls.SslContextFactory;

/**
 * The Vert.x engine options of a managed client: subclasses of Vert.x's own, so that Vert.x checks availability and
 * ALPN as for its own engines, with the client's {@link EngineContextFactory}. {@link #isOf(SSLEngineOptions)} tells
 * them apart from options an application sets.
 */
final class EngineOptions {

    private EngineOptions() {
    }

    /** The options that run a client on its engine; on Vert.x's worker pool when the trust check may wait. */
    static SSLEngineOptions of(ClientEngine engine, boolean onWorkers) {
        return engine.engine() == SslEngine.OPENSSL ? new BoringSsl(engine).setUseWorkerThread(onWorkers)
                : new Jdk(engine).setUseWorkerThread(onWorkers);
    }

    /** Whether these options are this client's own, made here. */
    static boolean isOf(ClientEngine engine, SSLEngineOptions options) {
        return options instanceof BoringSsl && ((BoringSsl) options).engine == engine
                || options instanceof Jdk && ((Jdk) options).engine == engine;
    }

    /** The JDK engine, built as Vert.x builds it, with the handshake's DEBUG line. */
    static final class Jdk extends JdkSSLEngineOptions {

        private final ClientEngine engine;

        Jdk(ClientEngine engine) {
            this.engine = engine;
        }

        Jdk(Jdk other) {
            super(other);
            this.engine = other.engine;
        }

        @Override
        public Jdk copy() {
            return new Jdk(this);
        }

        @Override
        public SslContextFactory sslContextFactory() {
            return new EngineContextFactory(engine);
        }
    }

    /** BoringSSL through netty-tcnative, with OCSP, tasks, the client's groups and key log. */
    static final class BoringSsl extends OpenSSLEngineOptions {

        private final ClientEngine engine;

        BoringSsl(ClientEngine engine) {
            this.engine = engine;
        }

        BoringSsl(BoringSsl other) {
            super(other);
            this.engine = other.engine;
        }

        @Override
        public BoringSsl copy() {
            return new BoringSsl(this);
        }

        @Override
        public BoringSsl setUseWorkerThread(boolean useWorkerThread) {
            super.setUseWorkerThread(useWorkerThread);
            return this;
        }

        @Override
        public SslContextFactory sslContextFactory() {
            return new EngineContextFactory(engine);
        }
    }
}
