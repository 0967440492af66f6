package io.quarkiverse.restclient.verify.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** A {@code verify} for a client name nobody answers to is warned about, with the known clients and the nearest. */
class MisspelledClientNameTest {

    static final Map<String, String> CLIENTS = Map.of("org.acme.InventoryClient", "inventory",
            "org.acme.LedgerClient", "");

    @Test
    void aTypoIsWarnedWithTheClosestMatch() {
        assertThat(UnknownClientProperties.warnings(List.of("quarkus.rest-client.inventry.verify",
                "quarkus.rest-client.inventory.verify", "quarkus.rest-client.verify",
                "quarkus.rest-client.verify-reload-period", "quarkus.rest-client.LedgerClient.cert",
                "quarkus.rest-client.\"org.acme.LedgerClient\".verify", "quarkus.rest-client.other.url",
                "quarkus.rest-client.Audit.verify"), CLIENTS, List.of("org.acme.Audit")))
                .containsExactly("quarkus.rest-client.inventry.verify is set, but no REST client is called"
                        + " 'inventry', so it is ignored. Known clients: LedgerClient, inventory. Did you mean"
                        + " 'inventory'? Fix: write quarkus.rest-client.inventory.verify (a client made only with"
                        + " RestClientBuilder is not known before its first use)");
    }

    @Test
    void aNameFarFromEveryClientListsThemWithoutAGuess() {
        assertThat(UnknownClientProperties.warnings(List.of("quarkus.rest-client.payments.verify",
                "quarkus.rest-client.payments.cert"), CLIENTS, List.of())).singleElement().asString()
                .startsWith("quarkus.rest-client.payments.verify, quarkus.rest-client.payments.cert are set, but no"
                        + " REST client is called 'payments', so they are ignored. Known clients: LedgerClient,"
                        + " inventory. Fix: use a client's configKey");
    }
}
