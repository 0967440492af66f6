package io.quarkiverse.restclient.verify.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkiverse.restclient.verify.config.ClientKeys;
import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;
import io.quarkiverse.restclient.verify.testpki.Pem;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * {@code quarkus.rest-client.inventory.verfy} is a near miss of {@code verify}: found under the name the user wrote,
 * and when the client's trust then came from {@code REQUESTS_CA_BUNDLE}, its failures say why.
 */
class MisspelledPropertyTest {

    @Test
    void nearMissesAreFoundAndTheRestClientsOwnPropertiesAreNot() {
        assertThat(MisspelledProperties.meant("verfy")).contains("verify");
        assertThat(MisspelledProperties.meant("Verify-Pin")).contains("verify-pins");
        assertThat(MisspelledProperties.meant("cert-kye")).contains("cert-key");
        assertThat(MisspelledProperties.meant("verify-fetch-intermediate")).contains("verify-fetch-intermediates");
        // The REST client's own per-client properties, and this extension's, are no typo of anything.
        for (String property : List.of("url", "uri", "verify-host", "trust-store", "trust-store-password",
                "trust-store-type", "key-store", "key-store-password", "key-store-type", "tls-configuration-name",
                "hostname-verifier", "proxy-address", "proxy-user", "proxy-password", "connect-timeout",
                "read-timeout", "follow-redirects", "providers", "scope", "alpn", "http2", "shared", "name",
                "user-agent", "headers.x", "verify", "verify-pins[0]", "cert-key-password")) {
            assertThat(MisspelledProperties.meant(property)).as(property).isEmpty();
        }
    }

    @Test
    void theKeyIsNamedAsWrittenOnceThoughTheRestClientRelocatesIt() {
        List<String> names = List.of("quarkus.rest-client.\"org.acme.InventoryClient\".verfy",
                "quarkus.rest-client.inventory.verfy", "quarkus.rest-client.InventoryClient.verfy");
        assertThat(MisspelledProperties.of(names, MisspelledProperties.writtenFirst("org.acme.InventoryClient",
                Optional.of("inventory"))))
                .containsExactly(new MisspelledProperties.NearMiss("quarkus.rest-client.inventory.verfy", "verify",
                        ClientKeys.named("inventory")));
    }

    @Test
    void failuresOfTrustFromTheEnvironmentNameTheNearMiss(@TempDir Path dir) throws Exception {
        Path bundle = Pem.write(dir.resolve("requests-ca.pem"),
                Pem.certificates(CertificateAuthority.root("Machine Root").certificate()));
        ClientTrustResolver resolver = ConfiguredResolver.of(ConfiguredResolver.config(new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(Map.of("quarkus.rest-client.inventory.verfy", "/certs/corp.pem"),
                        "test", 100))),
                Map.of("REQUESTS_CA_BUNDLE", bundle.toString())::get, getClass().getClassLoader());
        ClientTrust trust = resolver.resolve("org.acme.InventoryClient", Optional.of("inventory"));
        assertThat(Files.exists(bundle)).isTrue();
        assertThat(FailureExplainer.context(trust, null, "api.example", 443).trustDescription())
                .endsWith("[environment variable REQUESTS_CA_BUNDLE]; quarkus.rest-client.inventory.verfy is not a"
                        + " property; did you mean verify? This client's trust came from REQUESTS_CA_BUNDLE instead");
    }
}
