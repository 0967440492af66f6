package io.quarkiverse.restclient.verify.runtime;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;
import io.quarkiverse.restclient.verify.testpki.IssuedCertificate;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * A wrong password for a PKCS#12 client certificate names the property that holds the password
 * ({@code cert-key-password}), not {@code cert}: the file is right, the password is not.
 */
class ClientCertificatePasswordNamedTest {

    @TempDir
    Path dir;

    @Test
    void aWrongPasswordNamesCertKeyPassword() throws Exception {
        Path p12 = pkcs12("right");
        assertThatThrownBy(() -> resolve(Map.of("quarkus.rest-client.inventory.cert", p12.toString(),
                "quarkus.rest-client.inventory.cert-key-password", "wrong")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("REST client 'inventory': quarkus.rest-client.inventory.cert-key-password ")
                .hasMessageContaining("wrong password").hasMessageContaining(p12.toString())
                .hasMessageContaining("Fix:").hasMessageNotContaining("right");
    }

    @Test
    void noPasswordForAProtectedFileNamesCertKeyPassword() throws Exception {
        Path p12 = pkcs12("right");
        assertThatThrownBy(() -> resolve(Map.of("quarkus.rest-client.inventory.cert", p12.toString())))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("REST client 'inventory': quarkus.rest-client.inventory.cert-key-password ")
                .hasMessageContaining("Fix:");
    }

    private Path pkcs12(String password) throws Exception {
        IssuedCertificate issued = CertificateAuthority.root("Password Test CA").client("client.test");
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("client", issued.privateKey(), password.toCharArray(),
                new X509Certificate[] { issued.certificate() });
        Path file = dir.resolve("client.p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password.toCharArray());
        }
        return file;
    }

    private static ClientTrust resolve(Map<String, String> properties) {
        ClientTrustResolver resolver = ConfiguredResolver.of(ConfiguredResolver.config(new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "test", 500))), name -> null,
                ClientCertificatePasswordNamedTest.class.getClassLoader());
        return resolver.resolve("org.acme.InventoryClient", Optional.of("inventory"));
    }
}
