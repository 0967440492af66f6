package io.quarkiverse.restclient.verify.trust;

import java.security.GeneralSecurityException;
import java.security.KeyStore;

import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/** The JDK's default trust manager (cacerts, or {@code javax.net.ssl.trustStore}), loaded once. */
final class JdkDefaultTrust {

    private static volatile X509ExtendedTrustManager instance;

    private JdkDefaultTrust() {
    }

    static X509ExtendedTrustManager trustManager() {
        X509ExtendedTrustManager result = instance;
        if (result == null) {
            try {
                TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                factory.init((KeyStore) null);
                result = TrustMaterial.firstX509(factory.getTrustManagers());
            } catch (GeneralSecurityException e) {
                throw new TrustMaterialException("the JDK default trust store cannot be loaded: " + e.getMessage(), e);
            }
            instance = result;
        }
        return result;
    }
}
