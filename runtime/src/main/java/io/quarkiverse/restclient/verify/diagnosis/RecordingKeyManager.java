package io.quarkiverse.restclient.verify.diagnosis;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * A client's key manager that records the certificate authorities a server names when it asks for a client
 * certificate, so that a rejected handshake can say which CA the server wants. Without a delegate it offers no
 * certificate, exactly as no key manager does; with one, the delegate chooses.
 */
public final class RecordingKeyManager extends X509ExtendedKeyManager {

    private final EvidenceLog log;
    private final X509ExtendedKeyManager delegate;

    /** Offers no certificate and records into the client's log. */
    public RecordingKeyManager(EvidenceLog log) {
        this(log, null);
    }

    /** Lets the delegate choose the client certificate and records into the client's log. */
    public RecordingKeyManager(EvidenceLog log, X509ExtendedKeyManager delegate) {
        this.log = log;
        this.delegate = delegate;
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
        if (engine != null) {
            log.recordClientCertificateRequest(engine.getPeerHost(), engine.getPeerPort(), names(issuers));
        }
        return delegate == null ? null : delegate.chooseEngineClientAlias(keyType, issuers, engine);
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return delegate == null ? null : delegate.chooseClientAlias(keyType, issuers, socket);
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return delegate == null ? null : delegate.getClientAliases(keyType, issuers);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return delegate == null ? null : delegate.getCertificateChain(alias);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return delegate == null ? null : delegate.getPrivateKey(alias);
    }

    private static List<String> names(Principal[] issuers) {
        List<String> names = new ArrayList<>();
        if (issuers != null) {
            for (Principal issuer : issuers) {
                names.add(issuer.getName());
            }
        }
        return names;
    }
}
