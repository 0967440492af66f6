package io.quarkiverse.restclient.verify.runtime;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.configuration.ConfigurationException;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * An inherited {@code REQUESTS_CA_BUNDLE} that names a file no longer there stops start-up, and the message says how
 * to turn the environment off as well as naming the variable.
 */
class StaleTrustVariableTest {

    @Test
    void theMessageNamesTheVariableAndTheSwitchThatIgnoresIt() {
        ClientTrustResolver resolver = ConfiguredResolver.of(ConfiguredResolver.config(new SmallRyeConfigBuilder()),
                Map.of("REQUESTS_CA_BUNDLE", "/nonexistent/ca-bundle.pem")::get, getClass().getClassLoader());
        assertThatThrownBy(() -> resolver.resolve("org.acme.InventoryClient", Optional.of("inventory")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("REST client 'inventory': environment variable REQUESTS_CA_BUNDLE="
                        + "/nonexistent/ca-bundle.pem is not usable: /nonexistent/ca-bundle.pem does not exist")
                .hasMessageEndingWith("The variable comes from the environment; to ignore REQUESTS_CA_BUNDLE,"
                        + " CURL_CA_BUNDLE, SSL_CERT_FILE and SSL_CERT_DIR, set"
                        + " quarkus.rest-client.verify-trust-env=false (or set quarkus.rest-client.inventory.verify)");
    }
}
