package io.quarkiverse.restclient.verify.deployment.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.restclient.verify.deployment.Failures;
import io.quarkiverse.restclient.verify.deployment.Hello;
import io.quarkus.test.QuarkusUnitTest;

/**
 * {@code verify-host=ture} fails start-up naming the property: SmallRye's boolean converter would read it as
 * {@code false} and the REST client would stop checking host names, with nothing but a WARN.
 */
class VerifyHostNotABooleanTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Hello.class, Failures.class, Client.class))
            .overrideConfigKey("quarkus.rest-client.typo.verify-host", "ture")
            .assertException(thrown -> assertThat(Failures.configurationError(thrown).getMessage())
                    .isEqualTo("REST client 'typo': quarkus.rest-client.typo.verify-host=ture is not a boolean."
                            + " Fix: set quarkus.rest-client.typo.verify-host to true, yes, on, y or 1 (on) or to"
                            + " false, no, off, n or 0 (off)"));

    @Test
    void startFails() {
        // The start-up failure is asserted by assertException above; this method is never reached.
        throw new AssertionError("the application must not start");
    }

    @RegisterRestClient(configKey = "typo")
    public interface Client extends Hello {
    }
}
