package io.quarkiverse.restclient.verify.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.quarkus.runtime.configuration.ConfigurationException;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * One rule for the settings that run on a verified chain: a client's own pins, CRL files, revocation mode, fetching
 * of intermediates or strict mode next to its {@code verify=false} fail the start with one message shape; the same
 * settings for every client do not apply to it.
 */
class SettingsThatCannotActTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "verify-pins|sha256/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=|a pin|the pins",
            "verify-crl|/certs/crl.pem|a CRL|the CRL files",
            "verify-revocation|hard-fail|a revocation check|the revocation check",
            "verify-fetch-intermediates|true|fetching intermediates|the fetching",
            "verify-strict|true|the strict rules|strict mode" })
    void aClientsOwnSettingFailsTheStart(String property, String value, String what, String keep) {
        ClientTrustResolver resolver = resolver(Map.of("quarkus.rest-client.legacy.verify", "false",
                "quarkus.rest-client.legacy." + property, value));
        assertThatThrownBy(() -> resolver.resolve("org.acme.Legacy", Optional.of("legacy")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("REST client 'legacy': quarkus.rest-client.legacy." + property + " is set, but the client"
                        + " does not verify certificates at all (verify=false), so " + what + " would protect"
                        + " nothing. Fix: trust the server's CA with verify=/path/to/ca.pem and keep " + keep);
    }

    @Test
    void settingsThatDoNothingAreNoError() {
        ClientTrustResolver resolver = resolver(Map.of("quarkus.rest-client.legacy.verify", "false",
                "quarkus.rest-client.legacy.verify-fetch-intermediates", "false",
                "quarkus.rest-client.legacy.verify-revocation", "off"));
        assertThat(resolver.resolve("org.acme.Legacy", Optional.of("legacy")).insecure()).isTrue();
    }

    @Test
    void settingsForEveryClientDoNotApplyToAnUnverifiedOne() {
        ClientTrustResolver resolver = resolver(Map.of("quarkus.rest-client.legacy.verify", "false",
                "quarkus.rest-client.verify-fetch-intermediates", "true",
                "quarkus.rest-client.verify-pins", "sha256/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
                "quarkus.rest-client.verify-revocation", "stapled"));
        ClientTrust trust = resolver.resolve("org.acme.Legacy", Optional.of("legacy"));
        assertThat(trust.insecure()).isTrue();
        assertThat(trust.revocation().inactive()).isTrue();
        assertThat(trust.looksUpNetwork()).isFalse();
    }

    private ClientTrustResolver resolver(Map<String, String> properties) {
        return ConfiguredResolver.of(ConfiguredResolver.config(new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "test", 100))), name -> null,
                getClass().getClassLoader());
    }
}
