package io.quarkiverse.restclient.verify.trust.anchors;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.HashSet;
import java.util.Set;

import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.security.auth.x500.X500Principal;

import io.quarkiverse.restclient.verify.trust.TrustMaterialException;

/** The JDK's default trust manager (cacerts, or {@code javax.net.ssl.trustStore}), loaded once. */
public final class JdkDefaultTrust {

    private static volatile X509ExtendedTrustManager instance;
    private static volatile Set<X500Principal> subjects;

    private JdkDefaultTrust() {
    }

    /** Whether a CA with this subject is in the JDK default trust: a public CA, for diagnosis. */
    public static boolean hasSubject(X500Principal subject) {
        Set<X500Principal> result = subjects;
        if (result == null) {
            Set<X500Principal> all = new HashSet<>();
            for (X509Certificate certificate : trustManager().getAcceptedIssuers()) {
                all.add(certificate.getSubjectX500Principal());
            }
            result = Set.copyOf(all);
            subjects = result;
        }
        return result.contains(subject);
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
