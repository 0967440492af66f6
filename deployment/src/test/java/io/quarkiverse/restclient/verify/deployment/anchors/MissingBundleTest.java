package io.quarkiverse.restclient.verify.deployment.anchors;

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

/** A bundle that is not there fails start-up, naming the client, the property, the resolved path and the fix. */
class MissingBundleTest {

    static final ServerScenarios PKI = ServerScenarios.shared("corp");
    static final Path DIR = Pki.tempDir("corp");

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Hello.class, Pki.class, Failures.class, Client.class))
            .overrideConfigKey("quarkus.rest-client.corp.verify", "certs/missing.pem")
            .assertException(thrown -> assertThat(Failures.configurationError(thrown).getMessage())
                    .startsWith("REST client 'corp': quarkus.rest-client.corp.verify=certs/missing.pem is not usable")
                    .contains("certs/missing.pem does not exist (resolved to " + Path.of("certs/missing.pem").toAbsolutePath())
                    .contains("Fix: mount or copy the CA bundle there"));

    @Test
    void startUpFails() {
        // The start-up failure is asserted by assertException above; this method is never reached.
        throw new AssertionError("the application must not start");
    }

    @RegisterRestClient(configKey = "corp")
    public interface Client extends Hello {
    }
}
