package io.quarkiverse.restclient.verify.deployment.restclient;

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

/** verify and a TLS registry configuration on one client contradict each other: start-up fails naming both. */
class VerifyWithTlsConfigurationNameTest {

    static final ServerScenarios PKI = ServerScenarios.shared("named");
    static final Path DIR = Pki.tempDir("named");

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Hello.class, Pki.class, Failures.class, Client.class))
            .overrideConfigKey("quarkus.rest-client.named.verify", "default")
            .overrideConfigKey("quarkus.rest-client.named.tls-configuration-name", "corp")
            .assertException(thrown -> assertThat(Failures.configurationError(thrown).getMessage())
                    .contains("REST client 'named': quarkus.rest-client.named.verify and"
                            + " quarkus.rest-client.named.tls-configuration-name are both set"));

    @Test
    void startUpFails() {
        // The start-up failure is asserted by assertException above; this method is never reached.
        throw new AssertionError("the application must not start");
    }

    @RegisterRestClient(configKey = "named")
    public interface Client extends Hello {
    }
}
