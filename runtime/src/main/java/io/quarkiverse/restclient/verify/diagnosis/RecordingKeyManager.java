package io.quarkiverse.restclient.verify.diagnosis;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

import io.quarkiverse.restclient.verify.trust.ClientCertificate;

/**
 * A client's key manager. It offers the client certificate, if the client has one, whenever the server's key types
 * allow it (as curl and Python requests do, rather than only when the server lists its issuer: a server that refuses
 * it then says so), and records the certificate authorities a server names when it asks for a certificate, so that a
 * failed handshake can say which CA the server wants. Without a certificate it offers none, like no key manager.
 */
public final class RecordingKeyManager extends X509ExtendedKeyManager {

    private static final String ALIAS = "client";

    private final EvidenceLog log;
    private final ClientCertificate certificate;

    /** Offers no certificate and records into the client's log. */
    public RecordingKeyManager(EvidenceLog log) {
        this(log, null);
    }

    /** Offers this certificate (null: none) and records into the client's log. */
    public RecordingKeyManager(EvidenceLog log, ClientCertificate certificate) {
        this.log = log;
        this.certificate = certificate;
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
        if (engine != null) {
            log.recordClientCertificateRequest(engine.getPeerHost(), engine.getPeerPort(), names(issuers));
        }
        return alias(keyType);
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return alias(keyType);
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return alias(new String[] { keyType }) == null ? null : new String[] { ALIAS };
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
        return certificate != null && ALIAS.equals(alias) ? certificate.chain().toArray(new X509Certificate[0])
                : null;
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return certificate != null && ALIAS.equals(alias) ? certificate.key() : null;
    }

    /** The certificate's alias when one of the key types the server accepts fits its key. */
    private String alias(String[] keyTypes) {
        if (certificate == null) {
            return null;
        }
        String algorithm = certificate.key().getAlgorithm();
        if (keyTypes == null) {
            return ALIAS;
        }
        for (String keyType : keyTypes) {
            if (keyType.equalsIgnoreCase(algorithm) || keyType.startsWith(algorithm + "_")
                    || ("EdDSA".equals(keyType) && algorithm.startsWith("Ed"))) {
                return ALIAS;
            }
        }
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
