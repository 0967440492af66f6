package io.quarkiverse.restclient.verify.deployment.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.Level;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.restclient.verify.deployment.Calls;
import io.quarkiverse.restclient.verify.deployment.Hello;
import io.quarkiverse.restclient.verify.deployment.LogLines;
import io.quarkiverse.restclient.verify.testpki.ServerCase;
import io.quarkiverse.restclient.verify.testpki.ServerScenarios;
import io.quarkus.test.QuarkusUnitTest;

/** verify-insecure=allow: verify=false works without the warning (the start-up line still says what it trusts). */
class InsecurePolicyAllowTest {

    static final ServerScenarios PKI = ServerScenarios.shared("allow");

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Hello.class, Calls.class, LogLines.class, Legacy.class))
            .overrideConfigKey("quarkus.rest-client.verify-insecure", "allow")
            .overrideConfigKey("quarkus.rest-client.legacy.verify", "false")
            .setLogRecordPredicate(LogLines::ours)
            .assertLogRecords(records -> {
                assertThat(LogLines.at(Level.WARNING, records)).isEmpty();
                assertThat(LogLines.at(Level.INFO, records)).contains("REST client 'legacy' trusts nothing"
                        + " (verify=false: no certificate chain or hostname checks) [quarkus.rest-client.legacy.verify]");
            });

    @AfterAll
    static void stopServers() {
        PKI.close();
    }

    @Test
    void insecureClientWorksWithoutWarning() {
        Calls.Outcome outcome = Calls.call(Legacy.class, PKI.server(ServerCase.SELF_SIGNED).uri());
        assertThat(outcome.ok()).as(outcome.detail()).isTrue();
    }

    @RegisterRestClient(configKey = "legacy")
    public interface Legacy extends Hello {
    }
}
