package io.quarkiverse.restclient.verify.diagnosis;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

import io.quarkiverse.restclient.verify.trust.Printable;
import io.quarkiverse.restclient.verify.trust.Reloadable;
import io.quarkiverse.restclient.verify.trust.client.ClientCertificate;

/**
 * A client's key manager. It offers the client certificate, if the client has one, whenever the server's key types
 * allow it (as curl and Python requests do, rather than only when the server lists its issuer: a server that refuses
 * it then says so), and records the certificate authorities a server names when it asks for a certificate, so that a
 * failed handshake can say which CA the server wants. Without a certificate it offers none, like no key manager.
 */
public final class RecordingKeyManager extends X509ExtendedKeyManager {

    private static final String ALIAS = "client-";

    private final ClientCertificateRequests requests;
    private final Reloadable<ClientCertificate> certificate;

    /** Offers no certificate and records the servers' requests. */
    public RecordingKeyManager(ClientCertificateRequests requests) {
        this(requests, null);
    }

    /**
     * Offers the current value of this certificate (null: none) and records the servers' requests. The alias names
     * the loaded generation, so the chain and key of one handshake always come from the same files, even when they
     * are reloaded in between.
     */
    public RecordingKeyManager(ClientCertificateRequests requests, Reloadable<ClientCertificate> certificate) {
        this.requests = requests;
        this.certificate = certificate;
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
        if (engine != null) {
            requests.record(engine.getPeerHost(), engine.getPeerPort(), names(issuers));
        }
        return alias(keyType);
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        if (socket != null && socket.getRemoteSocketAddress() instanceof InetSocketAddress) {
            InetSocketAddress peer = (InetSocketAddress) socket.getRemoteSocketAddress();
            requests.record(peer.getHostString(), peer.getPort(), names(issuers));
        }
        return alias(keyType);
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        String alias = alias(new String[] { keyType });
        return alias == null ? null : new String[] { alias };
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
        ClientCertificate chosen = byAlias(alias);
        return chosen == null ? null : chosen.chain().toArray(new X509Certificate[0]);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        ClientCertificate chosen = byAlias(alias);
        return chosen == null ? null : chosen.key();
    }

    private ClientCertificate byAlias(String alias) {
        if (certificate == null || alias == null || !alias.startsWith(ALIAS)) {
            return null;
        }
        try {
            return certificate.generation(Long.parseLong(alias.substring(ALIAS.length())));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The current certificate's alias when one of the key types the server accepts fits its key. */
    private String alias(String[] keyTypes) {
        if (certificate == null) {
            return null;
        }
        Reloadable.Generation<ClientCertificate> current = certificate.generation();
        String alias = ALIAS + current.number();
        String algorithm = current.value().key().getAlgorithm();
        if (keyTypes == null) {
            return alias;
        }
        for (String keyType : keyTypes) {
            if (keyType.equalsIgnoreCase(algorithm) || keyType.startsWith(algorithm + "_")
                    || ("EdDSA".equals(keyType) && algorithm.startsWith("Ed"))) {
                return alias;
            }
        }
        return null;
    }

    private static List<String> names(Principal[] issuers) {
        List<String> names = new ArrayList<>();
        if (issuers != null) {
            for (Principal issuer : issuers) {
                // Names the server sent in its certificate request: escaped before any message shows them.
                names.add(Printable.text(issuer.getName(), Printable.MAX_NAME));
            }
        }
        return names;
    }
}
