package io.quarkiverse.restclient.verify.runtime.engine;

import java.lang.reflect.Field;
import java.util.Optional;

import javax.net.ssl.SSLEngine;

import io.netty.handler.ssl.ReferenceCountedOpenSslContext;
import io.netty.handler.ssl.ReferenceCountedOpenSslEngine;
import io.netty.handler.ssl.SslContext;
import io.netty.internal.tcnative.SSL;
import io.netty.internal.tcnative.SSLContext;

/**
 * The calls into netty-tcnative that Netty 4.1 does not make itself: BoringSSL's key-log callback and the name of the
 * negotiated key-exchange group. The only class that names tcnative types, so that nothing else fails to load when the
 * optional dependency is absent.
 */
final class BoringSslNative {

    private BoringSslNative() {
    }

    /**
     * Has BoringSSL hand every secret of this context's handshakes to the key log ({@code SSL_CTX_set_keylog_callback}),
     * as NSS key-log lines. Set before the context makes its first engine.
     * <p>
     * tcnative takes its own context structure here, which Netty keeps in the protected field {@code ctx}
     * ({@code sslCtxPointer()} is BoringSSL's {@code SSL_CTX}, on which this call crashes the JVM): read by reflection,
     * checked by {@code BoringSslKeyLogTest}.
     */
    static void logKeys(SslContext context, KeyLog log) {
        if (!(context instanceof ReferenceCountedOpenSslContext)) {
            throw new IllegalStateException("not a BoringSSL context: " + context.getClass().getName());
        }
        long pointer;
        try {
            Field field = ReferenceCountedOpenSslContext.class.getDeclaredField("ctx");
            field.setAccessible(true);
            pointer = field.getLong(context);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot reach the BoringSSL context of Netty "
                    + ReferenceCountedOpenSslContext.class.getPackage().getImplementationVersion()
                    + " to set its key log", e);
        }
        if (pointer == 0 || !SSLContext.setKeyLogCallback(pointer, (ssl, line) -> log.append(line))) {
            throw new IllegalStateException("BoringSSL did not accept the key-log callback");
        }
    }

    /** The key-exchange group a finished BoringSSL handshake negotiated, e.g. {@code X25519MLKEM768}. */
    static Optional<String> group(SSLEngine engine) {
        if (!(engine instanceof ReferenceCountedOpenSslEngine)) {
            return Optional.empty();
        }
        ReferenceCountedOpenSslEngine openSsl = (ReferenceCountedOpenSslEngine) engine;
        // The engine's lock keeps its native SSL from being freed while it is read.
        synchronized (openSsl) {
            long ssl = openSsl.sslPointer();
            if (ssl == 0) {
                return Optional.empty();
            }
            try {
                return Optional.ofNullable(SSL.getGroupName(ssl));
            } catch (Exception e) {
                return Optional.empty();
            }
        }
    }
}
