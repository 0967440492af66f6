package io.quarkiverse.restclient.verify.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.configuration.ConfigurationException;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * A {@code verify-host} that is not a boolean word fails start-up naming the key as written, whichever of the client's
 * names carries it: SmallRye reads such a value as {@code false}, which would turn the host-name check off silently.
 */
class VerifyHostNotABooleanTest {

    static final String INTERFACE = "org.acme.InventoryClient";

    @Test
    void aMistypedValueFailsUnderEveryNameOfTheClient() {
        for (String key : List.of("quarkus.rest-client.inventory.verify-host",
                "quarkus.rest-client.InventoryClient.verify-host",
                "quarkus.rest-client.\"org.acme.InventoryClient\".verify-host",
                "quarkus.rest-client.verify-host")) {
            assertThatThrownBy(() -> resolve(Map.of(key, "ture")))
                    .as(key)
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageStartingWith("REST client 'inventory': " + key + "=ture is not a boolean")
                    .hasMessageContaining("true, yes, on, y or 1")
                    .hasMessageContaining("false, no, off, n or 0");
        }
    }

    @Test
    void junkThatSmallRyeReadsAsFalseFails() {
        for (String value : List.of("ture", "flase", "enabled", "2", "oui-ish", "truee", "ja", "nein")) {
            assertThatThrownBy(() -> resolve(Map.of("quarkus.rest-client.inventory.verify-host", value)))
                    .as(value).isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("quarkus.rest-client.inventory.verify-host=" + value + " is not a boolean");
        }
    }

    @Test
    void theDocumentedWordsAreRead() {
        for (String on : List.of("true", "TRUE", "yes", "on", "y", "Y", "1", " true ")) {
            assertThat(resolve(Map.of("quarkus.rest-client.inventory.verify-host", on)).verifyHost()).as(on).isTrue();
        }
        for (String off : List.of("false", "no", "off", "n", "0", "False")) {
            assertThat(resolve(Map.of("quarkus.rest-client.inventory.verify-host", off)).verifyHost()).as(off)
                    .isFalse();
        }
    }

    private static ClientTrust resolve(Map<String, String> properties) {
        ClientTrustResolver resolver = ConfiguredResolver.of(ConfiguredResolver.config(new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "test", 500))), name -> null,
                VerifyHostNotABooleanTest.class.getClassLoader());
        return resolver.resolve(INTERFACE, Optional.of("inventory"));
    }
}
