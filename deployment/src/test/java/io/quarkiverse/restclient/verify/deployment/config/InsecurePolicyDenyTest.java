package io.quarkiverse.restclient.verify.deployment.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.restclient.verify.deployment.Failures;
import io.quarkiverse.restclient.verify.deployment.Hello;
import io.quarkiverse.restclient.verify.deployment.Pki;
import io.quarkiverse.restclient.verify.testpki.ServerScenarios;
import io.quarkus.test.QuarkusUnitTest;

/** verify-insecure=deny: verify=false and verify-host=false on a managed client fail the start, all named at once. */
class InsecurePolicyDenyTest {

    static final ServerScenarios PKI = ServerScenarios.shared("deny");
    static final Path CORP = Pki.bundle(Pki.tempDir("deny").resolve("corp.pem"), PKI.trustedRoot().certificate());

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Hello.class, Pki.class, Failures.class, Legacy.class,
                    Sloppy.class, Careful.class))
            .overrideConfigKey("quarkus.rest-client.verify-insecure", "deny")
            .overrideConfigKey("quarkus.rest-client.legacy.verify", "false")
            .overrideConfigKey("quarkus.rest-client.sloppy.verify", CORP.toString())
            .overrideConfigKey("quarkus.rest-client.sloppy.verify-host", "false")
            .overrideConfigKey("quarkus.rest-client.careful.verify", CORP.toString())
            .assertException(thrown -> assertThat(Failures.configurationError(thrown).getMessage())
                    .startsWith("quarkus.rest-client.verify-insecure=deny, but these REST clients skip TLS"
                            + " verification: 'legacy' (quarkus.rest-client.legacy.verify=false), 'sloppy'"
                            + " (quarkus.rest-client.sloppy.verify-host=false). Fix: ")
                    .doesNotContain("careful"));

    @Test
    void startUpFails() {
        // The start-up failure is asserted by assertException above; this method is never reached.
        throw new AssertionError("the application must not start");
    }

    @RegisterRestClient(configKey = "legacy")
    public interface Legacy extends Hello {
    }

    @RegisterRestClient(configKey = "sloppy")
    public interface Sloppy extends Hello {
    }

    @RegisterRestClient(configKey = "careful")
    public interface Careful extends Hello {
    }
}
