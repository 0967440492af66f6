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
 * The key manager of a client without a client certificate: it offers none, exactly as no key manager does, but
 * records the certificate authorities a server names when it asks for one, so that a rejected handshake can say which
 * CA the server wants.
 */
public final class RecordingKeyManager extends X509ExtendedKeyManager {

    private final EvidenceLog log;

    /** Records into the client's log. */
    public RecordingKeyManager(EvidenceLog log) {
        this.log = log;
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
        if (engine != null) {
            log.recordClientCertificateRequest(engine.getPeerHost(), engine.getPeerPort(), names(issuers));
        }
        return null;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return null;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return null;
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
        return null;
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return null;
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
