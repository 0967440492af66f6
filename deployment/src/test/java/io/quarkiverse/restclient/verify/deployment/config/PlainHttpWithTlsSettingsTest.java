package io.quarkiverse.restclient.verify.deployment.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.logging.Level;

import jakarta.inject.Inject;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.restclient.verify.deployment.Calls;
import io.quarkiverse.restclient.verify.deployment.Hello;
import io.quarkiverse.restclient.verify.deployment.LogLines;
import io.quarkiverse.restclient.verify.deployment.PlainHttpServer;
import io.quarkus.test.QuarkusUnitTest;

/**
 * A plain {@code http://} URL on a client with TLS settings is told once per client: at start-up for a configured
 * URL (instead of a start-up line that reads as if the trust and pins applied), at the first call for a URL given in
 * code. A misspelt property ({@code verfy}) is told once, under the key as written, with the property meant.
 */
class PlainHttpWithTlsSettingsTest {

    static final PlainHttpServer PLAIN = new PlainHttpServer();
    static final String PIN_A = "sha256/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
    static final String PIN_B = "sha256/BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB=";

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Hello.class, LogLines.class, Calls.class, PlainHttpServer.class,
                    Inventory.class, Coded.class, Ledger.class))
            .overrideConfigKey("quarkus.rest-client.inventory.url", PLAIN.uri().toString())
            .overrideConfigKey("quarkus.rest-client.inventory.verify", "default")
            .overrideConfigKey("quarkus.rest-client.inventory.verify-pins", PIN_A + "," + PIN_B)
            .overrideConfigKey("quarkus.rest-client.inventory.verify-revocation", "stapled")
            .overrideConfigKey("quarkus.rest-client.coded.verify", "default")
            .overrideConfigKey("quarkus.rest-client.ledger.verfy", "default")
            .setLogRecordPredicate(LogLines::ours)
            .assertLogRecords(records -> {
                List<String> warnings = LogLines.at(Level.WARNING, records);
                assertThat(warnings.stream().filter(line -> line.contains("'inventory'"))).containsExactly(
                        "REST client 'inventory' calls " + PLAIN.uri() + " in plain text"
                                + " (quarkus.rest-client.inventory.url), so its TLS settings protect nothing:"
                                + " quarkus.rest-client.inventory.verify, quarkus.rest-client.inventory.verify-pins,"
                                + " quarkus.rest-client.inventory.verify-revocation. Nothing is encrypted or verified"
                                + " on such a call: anyone on the network path can read and change every request and"
                                + " response. Fix: write https:// in quarkus.rest-client.inventory.url");
                assertThat(LogLines.at(Level.INFO, records)).noneMatch(line -> line.startsWith("REST client 'inventory'"));
                // The test method runs in another class loader, with a server of its own: its port is not this one.
                assertThat(warnings.stream().filter(line -> line.contains("'coded'"))
                        .map(line -> line.replaceFirst("127\\.0\\.0\\.1:\\d+", "127.0.0.1:PORT"))).containsExactly(
                                "REST client 'coded' calls http://127.0.0.1:PORT in plain text (the URL given in code), so its"
                                        + " TLS settings protect nothing: quarkus.rest-client.coded.verify. Nothing is"
                                        + " encrypted or verified on such a call: anyone on the network path can read and"
                                        + " change every request and response. Fix: give the client an https:// URL in the"
                                        + " code");
                assertThat(warnings.stream().filter(line -> line.contains("verfy"))).containsExactly(
                        "quarkus.rest-client.ledger.verfy is not a property; did you mean verify? REST client"
                                + " 'ledger' takes its trust from the JDK default trust (nothing configured) instead."
                                + " Fix: write quarkus.rest-client.ledger.verify");
            });

    @Inject
    @RestClient
    Inventory inventory;

    @Test
    void plainCallsWorkAndAreToldOncePerClient() {
        assertThat(inventory.hello()).isEqualTo("hello over plain http");
        assertThat(inventory.hello()).isEqualTo("hello over plain http");
        for (int i = 0; i < 2; i++) {
            Calls.Outcome outcome = Calls.call(Coded.class, PLAIN.uri());
            assertThat(outcome.ok()).as("%s", outcome.failure()).isTrue();
        }
    }

    @RegisterRestClient(configKey = "inventory")
    public interface Inventory extends Hello {
    }

    @RegisterRestClient(configKey = "coded")
    public interface Coded extends Hello {
    }

    @RegisterRestClient(configKey = "ledger")
    public interface Ledger extends Hello {
    }
}
