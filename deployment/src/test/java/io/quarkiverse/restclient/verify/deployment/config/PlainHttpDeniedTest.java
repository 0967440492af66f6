package io.quarkiverse.restclient.verify.deployment.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.restclient.verify.deployment.Failures;
import io.quarkiverse.restclient.verify.deployment.Hello;
import io.quarkiverse.restclient.verify.deployment.PlainHttpServer;
import io.quarkus.test.QuarkusUnitTest;

/**
 * verify-insecure=deny refuses a configured plain {@code http://} URL on a client with pins: nothing on such a call
 * is verified, which deny forbids. The message is the first thing Quarkus prints: the failure's root cause is the
 * extension's {@code ConfigurationException}, which Quarkus prints alone, without a stack trace.
 */
class PlainHttpDeniedTest {

    static final PlainHttpServer PLAIN = new PlainHttpServer();

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Hello.class, Failures.class, PlainHttpServer.class,
                    Inventory.class))
            .overrideConfigKey("quarkus.rest-client.verify-insecure", "deny")
            .overrideConfigKey("quarkus.rest-client.inventory.url", PLAIN.uri() + "/api")
            .overrideConfigKey("quarkus.rest-client.inventory.verify", "default")
            .overrideConfigKey("quarkus.rest-client.inventory.verify-pins",
                    "sha256/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=,sha256/BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB=")
            .assertException(thrown -> assertThat(Failures.configurationError(thrown).getMessage())
                    .isEqualTo("REST client 'inventory' calls " + PLAIN.uri() + " in plain text"
                            + " (quarkus.rest-client.inventory.url), and quarkus.rest-client.verify-insecure=deny"
                            + " forbids that for a client with quarkus.rest-client.inventory.verify-pins: nothing on"
                            + " such a call is encrypted or verified. Fix: write https:// in"
                            + " quarkus.rest-client.inventory.url"));

    @Test
    void startUpFails() {
        // The start-up failure is asserted by assertException above; this method is never reached.
        throw new AssertionError("the application must not start");
    }

    @RegisterRestClient(configKey = "inventory")
    public interface Inventory extends Hello {
    }
}
