package io.quarkiverse.restclient.verify.trust.anchors;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStoreException;
import java.security.KeyStoreSpi;
import java.security.Provider;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Collections;
import java.util.Date;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A security provider that plays the JDK's operating-system key stores ({@code KeychainStore},
 * {@code KeychainStore-ROOT}, {@code Windows-ROOT}, {@code Windows-ROOT-LOCALMACHINE}) on any machine, so that
 * {@code verify=system} can be tested here as macOS and Windows JDKs run it. A type is offered only when the system
 * property {@code verify.test.store.<type>} names a PEM file to fill it from; the value {@link #UNREADABLE} offers a
 * store whose load fails, as a locked keychain or a denied store does.
 */
public final class OperatingSystemStoresProvider extends Provider {

    /** The key store types a JDK on macOS or Windows may offer. */
    static final List<String> TYPES = List.of("KeychainStore", "KeychainStore-ROOT", "Windows-ROOT",
            "Windows-ROOT-LOCALMACHINE");
    /** The prefix of the property that offers a type, followed by the type. */
    static final String PROPERTY = "verify.test.store.";
    /** The value that offers a store whose load throws. */
    static final String UNREADABLE = "unreadable";

    OperatingSystemStoresProvider() {
        super("VerifyTestOperatingSystemStores", "1.0", "key stores that stand in for macOS's and Windows'");
        for (String type : TYPES) {
            String source = System.getProperty(PROPERTY + type);
            if (source != null) {
                putService(new Service(this, "KeyStore", type, PemKeyStore.class.getName(), null, null) {
                    @Override
                    public Object newInstance(Object parameter) {
                        return new PemKeyStore(source);
                    }
                });
            }
        }
    }

    /** A read-only key store of trusted certificate entries read from a PEM file when loaded. */
    private static final class PemKeyStore extends KeyStoreSpi {

        private final String source;
        private final Map<String, Certificate> entries = new LinkedHashMap<>();

        PemKeyStore(String source) {
            this.source = source;
        }

        @Override
        public void engineLoad(InputStream stream, char[] password) throws IOException, CertificateException {
            if (source.equals(UNREADABLE)) {
                throw new IOException("access denied (test store)");
            }
            try (InputStream in = Files.newInputStream(Path.of(source))) {
                int i = 0;
                for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                    entries.put("entry-" + i++, certificate);
                }
            }
        }

        @Override
        public Key engineGetKey(String alias, char[] password) {
            return null;
        }

        @Override
        public Certificate[] engineGetCertificateChain(String alias) {
            return null;
        }

        @Override
        public Certificate engineGetCertificate(String alias) {
            return entries.get(alias);
        }

        @Override
        public Date engineGetCreationDate(String alias) {
            return entries.containsKey(alias) ? new Date(0) : null;
        }

        @Override
        public void engineSetKeyEntry(String alias, Key key, char[] password, Certificate[] chain)
                throws KeyStoreException {
            throw new KeyStoreException("read-only");
        }

        @Override
        public void engineSetKeyEntry(String alias, byte[] key, Certificate[] chain) throws KeyStoreException {
            throw new KeyStoreException("read-only");
        }

        @Override
        public void engineSetCertificateEntry(String alias, Certificate cert) throws KeyStoreException {
            throw new KeyStoreException("read-only");
        }

        @Override
        public void engineDeleteEntry(String alias) throws KeyStoreException {
            throw new KeyStoreException("read-only");
        }

        @Override
        public Enumeration<String> engineAliases() {
            return Collections.enumeration(entries.keySet());
        }

        @Override
        public boolean engineContainsAlias(String alias) {
            return entries.containsKey(alias);
        }

        @Override
        public int engineSize() {
            return entries.size();
        }

        @Override
        public boolean engineIsKeyEntry(String alias) {
            return false;
        }

        @Override
        public boolean engineIsCertificateEntry(String alias) {
            return entries.containsKey(alias);
        }

        @Override
        public String engineGetCertificateAlias(Certificate cert) {
            return entries.entrySet().stream().filter(e -> e.getValue().equals(cert)).map(Map.Entry::getKey)
                    .findFirst().orElse(null);
        }

        @Override
        public void engineStore(OutputStream stream, char[] password) {
            throw new UnsupportedOperationException("read-only");
        }
    }
}
