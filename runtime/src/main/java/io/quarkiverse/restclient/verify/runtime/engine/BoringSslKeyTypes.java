package io.quarkiverse.restclient.verify.runtime.engine;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The client's key manager as BoringSSL asks it: Netty 4.1 offers only the key types of TLS 1.2's certificate types
 * (RSA and EC), so an Ed25519 client certificate, which the JDK offers to a server that accepts Ed25519 signatures,
 * would never be chosen. EdDSA is added to what Netty offers; BoringSSL then signs with it only where the server's
 * signature algorithms allow it.
 */
final class BoringSslKeyTypes extends X509ExtendedKeyManager {

    private final X509ExtendedKeyManager keys;

    BoringSslKeyTypes(X509ExtendedKeyManager keys) {
        this.keys = keys;
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
        return keys.chooseEngineClientAlias(withEdDsa(keyType), issuers, engine);
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return keys.chooseClientAlias(withEdDsa(keyType), issuers, socket);
    }

    private static String[] withEdDsa(String[] keyTypes) {
        if (keyTypes == null || Arrays.asList(keyTypes).contains("EdDSA")) {
            return keyTypes;
        }
        String[] more = Arrays.copyOf(keyTypes, keyTypes.length + 1);
        more[keyTypes.length] = "EdDSA";
        return more;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return keys.getClientAliases(keyType, issuers);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return keys.getServerAliases(keyType, issuers);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return keys.chooseServerAlias(keyType, issuers, socket);
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return keys.chooseEngineServerAlias(keyType, issuers, engine);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return keys.getCertificateChain(alias);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return keys.getPrivateKey(alias);
    }
}
