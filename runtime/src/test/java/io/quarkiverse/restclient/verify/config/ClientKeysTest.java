package io.quarkiverse.restclient.verify.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;

/** A client's property names, as messages, hints, health and Dev UI show them. */
class ClientKeysTest {

    @Test
    void aHintNamesTheConfigKeyElseTheQuotedInterfaceName() {
        assertThat(ClientKeys.of("org.acme.GitHubClient", Optional.of("github")).verify())
                .isEqualTo("quarkus.rest-client.github.verify");
        assertThat(ClientKeys.of("org.acme.GitHubClient", Optional.empty()).cert())
                .isEqualTo("quarkus.rest-client.\"org.acme.GitHubClient\".cert");
        assertThat(ClientKeys.of("org.acme.Outer$Inner", Optional.of("my.api")).certKey())
                .isEqualTo("quarkus.rest-client.\"my.api\".cert-key");
        assertThat(ClientKeys.global("verify-pins")).isEqualTo("quarkus.rest-client.verify-pins");
    }

    @Test
    void aliasesComeInTheOrderTheRestClientDecidesAValue() {
        assertThat(ClientKeys.aliases("org.acme.GitHubClient", Optional.of("github")))
                .extracting(keys -> keys.key("url"))
                .containsExactly("quarkus.rest-client.\"org.acme.GitHubClient\".url", "quarkus.rest-client.github.url",
                        "quarkus.rest-client.GitHubClient.url");
        assertThat(ClientKeys.aliases("org.acme.Outer$Inner", Optional.of("Inner")))
                .extracting(ClientKeys::mapKey).containsExactly("org.acme.Outer$Inner", "Inner");
    }

    @Test
    void aConfigurationMapHoldsNamesWithoutQuotes() {
        assertThat(ClientKeys.named("org.acme.GitHubClient").mapKey()).isEqualTo("org.acme.GitHubClient");
        assertThat(ClientKeys.named("github").mapKey()).isEqualTo("github");
        assertThat(new ClientKeys("\"").mapKey()).isEqualTo("\"");
    }
}
