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
 * Passes every decision to the real trust manager. A rejection is rethrown as a {@link ChainRejectedException} that
 * carries the presented chain, so the failure explains itself with the chain of its own handshake; an accepted chain
 * costs nothing more than the check itself. Never changes a decision.
 */
public final class DiagnosingTrustManager extends LayeredTrustManager {

    /** Wraps the trust manager. */
    public DiagnosingTrustManager(X509ExtendedTrustManager delegate) {
        super(delegate);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        try {
            delegate.checkServerTrusted(chain, authType, engine);
        } catch (CertificateException e) {
            throw rejected(engine == null ? null : engine.getPeerHost(), engine == null ? -1 : engine.getPeerPort(),
                    chain, e);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        try {
            delegate.checkServerTrusted(chain, authType, socket);
        } catch (CertificateException e) {
            SocketAddress address = socket == null ? null : socket.getRemoteSocketAddress();
            InetSocketAddress peer = address instanceof InetSocketAddress ? (InetSocketAddress) address : null;
            throw rejected(peer == null ? null : peer.getHostString(), peer == null ? -1 : peer.getPort(), chain, e);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        try {
            delegate.checkServerTrusted(chain, authType);
        } catch (CertificateException e) {
            throw rejected(null, -1, chain, e);
        }
    }

    /** The rejection with the evidence of this handshake: the server, the chain it presented and why it failed. */
    private static ChainRejectedException rejected(String host, int port, X509Certificate[] chain,
            CertificateException failure) {
        return new ChainRejectedException(
                new HandshakeEvidence(host, port, chain == null ? List.of() : List.of(chain), failure, Instant.now()));
    }
}
