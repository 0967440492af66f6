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

/** verify=false only stands alone: mixed with a bundle it is a contradiction, not a guess. */
class FalseMixedWithBundleTest {

    static final ServerScenarios PKI = ServerScenarios.shared("mixed");
    static final Path DIR = Pki.tempDir("mixed");

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Hello.class, Pki.class, Failures.class, Client.class))
            .overrideConfigKey("quarkus.rest-client.mixed.verify", "false,/certs/corp.pem")
            .assertException(thrown -> assertThat(Failures.configurationError(thrown).getMessage())
                    .contains("REST client 'mixed': quarkus.rest-client.mixed.verify=false,/certs/corp.pem is not usable")
                    .contains("mixes false with other trust sources")
                    .contains("Fix: remove false"));

    @Test
    void startUpFails() {
        // The build failure is asserted by assertException above; this method is never reached.
        throw new AssertionError("the application must not start");
    }

    @RegisterRestClient(configKey = "mixed")
    public interface Client extends Hello {
    }
}
