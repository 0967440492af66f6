package io.quarkiverse.restclient.verify.deployment.anchors;

import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.restclient.verify.deployment.Failures;
import io.quarkiverse.restclient.verify.deployment.Hello;
import io.quarkus.test.QuarkusUnitTest;

/** A classpath bundle missing from the application fails the build; the global verify is checked like any other. */
class MissingClasspathBundleTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Hello.class, Failures.class, Client.class))
            .overrideConfigKey("quarkus.rest-client.verify", "classpath:certs/corp.pem")
            .assertException(thrown -> assertThat(Failures.configurationError(thrown).getMessage())
                    .startsWith("quarkus.rest-client.verify=classpath:certs/corp.pem is not usable (checked at build"
                            + " time): classpath:certs/corp.pem does not exist in the application. Fix: put the bundle"
                            + " under src/main/resources/certs/corp.pem"));

    @Test
    void buildFails() {
        // The build failure is asserted by assertException above; this method is never reached.
        throw new AssertionError("the application must not be built");
    }

    @RegisterRestClient(configKey = "anything")
    public interface Client extends Hello {
    }
}
