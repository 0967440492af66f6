package io.quarkiverse.restclient.verify.deployment.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.Level;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.restclient.verify.deployment.Hello;
import io.quarkiverse.restclient.verify.deployment.LogLines;
import io.quarkus.test.QuarkusUnitTest;

/**
 * {@code quarkus.rest-client.inventry.verify} (a typo) is warned about at start-up with the known clients and the
 * closest one; a property for an interface only code builds clients of is not.
 */
class MisspelledClientPropertyTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Hello.class, LogLines.class, Inventory.class, Ledger.class,
                    BuiltInCode.class))
            .overrideConfigKey("quarkus.rest-client.inventry.verify", "default")
            .overrideConfigKey("quarkus.rest-client.BuiltInCode.verify", "default")
            .setLogRecordPredicate(LogLines::ours)
            .assertLogRecords(records -> assertThat(LogLines.at(Level.WARNING, records)).containsExactly(
                    "quarkus.rest-client.inventry.verify is set, but no REST client is called 'inventry', so it is"
                            + " ignored. Known clients: inventory, ledger. Did you mean 'inventory'?"
                            + " Fix: write quarkus.rest-client.inventory.verify (a client made only with"
                            + " RestClientBuilder is not known before its first use)"));

    @Test
    void theTypoIsWarned() {
        // The assertion runs on the start-up log, in assertLogRecords.
        assertThat(APP).isNotNull();
    }

    @RegisterRestClient(configKey = "inventory")
    public interface Inventory extends Hello {
    }

    @RegisterRestClient(configKey = "ledger")
    public interface Ledger extends Hello {
    }

    /** Never registered: only a RestClientBuilder would make a client of it. */
    @Path("/")
    public interface BuiltInCode {
        @GET
        String hello();
    }
}
