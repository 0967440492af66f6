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

/**
 * Passes every decision to the real trust manager and records what it saw, so a failure can be explained with the
 * chain the server presented. Costs one map update per handshake; never changes a decision.
 */
public final class DiagnosingTrustManager extends X509ExtendedTrustManager {

    private final X509ExtendedTrustManager delegate;
    private final EvidenceLog log;

    /** Wraps the trust manager, recording into the log. */
    public DiagnosingTrustManager(X509ExtendedTrustManager delegate, EvidenceLog log) {
        this.delegate = delegate;
        this.log = log;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        String host = engine == null ? null : engine.getPeerHost();
        int port = engine == null ? -1 : engine.getPeerPort();
        try {
            delegate.checkServerTrusted(chain, authType, engine);
            record(host, port, chain, null);
        } catch (CertificateException e) {
            record(host, port, chain, e);
            throw e;
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        String host = null;
        int port = -1;
        SocketAddress address = socket == null ? null : socket.getRemoteSocketAddress();
        if (address instanceof InetSocketAddress) {
            host = ((InetSocketAddress) address).getHostString();
            port = ((InetSocketAddress) address).getPort();
        }
        try {
            delegate.checkServerTrusted(chain, authType, socket);
            record(host, port, chain, null);
        } catch (CertificateException e) {
            record(host, port, chain, e);
            throw e;
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        try {
            delegate.checkServerTrusted(chain, authType);
            record(null, -1, chain, null);
        } catch (CertificateException e) {
            record(null, -1, chain, e);
            throw e;
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        delegate.checkClientTrusted(chain, authType, engine);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        delegate.checkClientTrusted(chain, authType, socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        delegate.checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return delegate.getAcceptedIssuers();
    }

    private void record(String host, int port, X509Certificate[] chain, CertificateException failure) {
        log.record(new HandshakeEvidence(host, port, List.of(chain), failure, Instant.now()));
    }
}
