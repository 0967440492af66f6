package io.quarkiverse.restclient.verify.runtime.engine;

import java.util.List;
import java.util.Optional;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManager;

import io.netty.handler.ssl.SslContext;
import io.quarkiverse.restclient.verify.diagnosis.DiagnosisContext;
import io.vertx.core.net.SSLEngineOptions;

/**
 * The TLS engine of one REST client, with its key-exchange groups and key log, and the properties that chose them.
 *
 * @param clientName the client, as messages name it
 * @param engine the engine
 * @param engineKey the property that chose the engine as written, e.g. {@code quarkus.rest-client.ssl-engine}
 * @param groups the key-exchange groups BoringSSL offers, in its spelling and order; empty for its defaults
 * @param groupsKey the property that set the groups, or null
 * @param keyLog where the client's TLS secrets are written, in dev and test mode only
 * @param keyLogKey the property that set the key log, or null
 */
public record ClientEngine(String clientName, SslEngine engine, String engineKey, List<String> groups, String groupsKey,
        Optional<KeyLog> keyLog, String keyLogKey) {

    public ClientEngine {
        groups = List.copyOf(groups);
    }

    /** The JDK engine, for a client that did not choose one. */
    public static ClientEngine jdk(String clientName, String engineKey) {
        return new ClientEngine(clientName, SslEngine.JDK, engineKey, List.of(), null, Optional.empty(), null);
    }

    /**
     * The Vert.x options that run the client on this engine.
     *
     * @param onWorkers whether the trust check runs on Vert.x's worker pool (a client whose check may wait on the
     *        network) rather than on the event loop
     */
    public SSLEngineOptions options(boolean onWorkers) {
        return EngineOptions.of(this, onWorkers);
    }

    /** Whether these Vert.x options are this client's own, rather than options an application set. */
    public boolean owns(SSLEngineOptions options) {
        return EngineOptions.isOf(this, options);
    }

    /**
     * A BoringSSL context with these managers, as the client's calls get it, for an inspection of a server.
     *
     * @param alpn the protocols to offer, or null
     * @throws IllegalStateException for the JDK engine, whose inspection uses the JDK's socket
     */
    public SslContext boringSslContext(KeyManager keyManager, TrustManager trustManager, List<String> alpn)
            throws SSLException {
        if (engine != SslEngine.OPENSSL) {
            // A caller's mistake, not a setting: only Inspect asks, and only for a client on BoringSSL.
            throw new IllegalStateException("a BoringSSL context asked for REST client '" + clientName
                    + "', which runs on the JDK engine");
        }
        return new EngineContextFactory(this).boringSsl(keyManager, trustManager, alpn);
    }

    /** What a finished handshake on this engine negotiated. */
    public Negotiated negotiated(SSLEngine sslEngine) {
        SSLSession session = sslEngine.getSession();
        Optional<String> group = engine == SslEngine.OPENSSL ? BoringSslNative.group(sslEngine) : Optional.empty();
        return new Negotiated(session.getProtocol(), session.getCipherSuite(), group, engine);
    }

    /** This engine as an explanation names it: BoringSSL or the JDK's, with the groups offered and their property. */
    public DiagnosisContext.Engine forDiagnosis() {
        return new DiagnosisContext.Engine(engine == SslEngine.OPENSSL, groups, groupsKey);
    }

    /** E.g. {@code BoringSSL (quarkus.rest-client.pq.ssl-engine), key-exchange groups X25519MLKEM768}. */
    public String description() {
        String name = engine == SslEngine.OPENSSL ? "BoringSSL" : "the JDK's TLS engine";
        String groupList = groups.isEmpty() ? "" : ", key-exchange groups " + String.join(", ", groups);
        String log = keyLog.map(l -> ", TLS secrets written to " + l.path() + " (" + keyLogKey + ")").orElse("");
        return name + " (" + engineKey + ")" + groupList + log;
    }

    /**
     * What a handshake negotiated.
     *
     * @param group the key-exchange group, empty where the engine does not tell it (the JDK's does not)
     */
    public record Negotiated(String protocol, String cipherSuite, Optional<String> group, SslEngine engine) {

        /** E.g. {@code TLSv1.3, TLS_AES_128_GCM_SHA256, key exchange X25519MLKEM768}. */
        public String describe() {
            return protocol + ", " + cipherSuite + ", key exchange " + group.orElse(
                    engine == SslEngine.JDK ? "group not reported by the JDK" : "group unknown");
        }
    }
}
