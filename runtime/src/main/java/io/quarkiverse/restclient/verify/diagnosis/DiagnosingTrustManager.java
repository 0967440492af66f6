package io.quarkiverse.restclient.verify.diagnosis;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

import io.quarkiverse.restclient.verify.trust.LayeredTrustManager;

/**
 * Passes every decision to the real trust manager and records what it saw. A rejection is rethrown as a
 * {@link ChainRejectedException} that carries the presented chain, so the failure explains itself with the chain of
 * its own handshake. Costs one map update per handshake; never changes a decision.
 */
public final class DiagnosingTrustManager extends LayeredTrustManager {

    private final EvidenceLog log;

    /** Wraps the trust manager, recording into the log. */
    public DiagnosingTrustManager(X509ExtendedTrustManager delegate, EvidenceLog log) {
        super(delegate);
        this.log = log;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        String host = engine == null ? null : engine.getPeerHost();
        int port = engine == null ? -1 : engine.getPeerPort();
        recorded(host, port, chain, () -> delegate.checkServerTrusted(chain, authType, engine));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        SocketAddress address = socket == null ? null : socket.getRemoteSocketAddress();
        InetSocketAddress peer = address instanceof InetSocketAddress ? (InetSocketAddress) address : null;
        recorded(peer == null ? null : peer.getHostString(), peer == null ? -1 : peer.getPort(), chain,
                () -> delegate.checkServerTrusted(chain, authType, socket));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        recorded(null, -1, chain, () -> delegate.checkServerTrusted(chain, authType));
    }

    /** Runs the delegate's check and records the chain with its verdict; the verdict itself is unchanged. */
    private void recorded(String host, int port, X509Certificate[] chain, Check check) throws CertificateException {
        try {
            check.run();
            log.record(new HandshakeEvidence(host, port, List.of(chain), null, Instant.now()));
        } catch (CertificateException e) {
            HandshakeEvidence evidence = new HandshakeEvidence(host, port, List.of(chain), e, Instant.now());
            log.record(evidence);
            throw new ChainRejectedException(evidence);
        }
    }

    /** One of the delegate's checks. */
    @FunctionalInterface
    private interface Check {
        void run() throws CertificateException;
    }
}
