package io.quarkiverse.restclient.verify.deployment.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.restclient.verify.deployment.Failures;
import io.quarkiverse.restclient.verify.deployment.Hello;
import io.quarkus.test.QuarkusUnitTest;

/**
 * Pins on a client that keeps its own trust store would be silently ignored, since the extension does not build that
 * client's trust: the start fails instead, naming the pins' property and the fix.
 */
class PinsOnClientWithOwnTrustStoreTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Hello.class, Own.class))
            .overrideConfigKey("quarkus.rest-client.own.trust-store", "/certs/corp.p12")
            .overrideConfigKey("quarkus.rest-client.own.trust-store-password", "secret")
            .overrideConfigKey("quarkus.rest-client.own.verify-pins",
                    "sha256/sToUq5y49ZgxJ9vLnW85Mb+3jl7aFoTCOqyhYF4Hi3k=")
            .assertException(thrown -> assertThat(Failures.configurationError(thrown).getMessage())
                    .isEqualTo("REST client 'own': quarkus.rest-client.own.verify-pins needs this extension to manage"
                            + " the client's trust, but the client keeps TLS settings of its own. Fix: replace its"
                            + " trust-store or tls-configuration-name with verify, or remove"
                            + " quarkus.rest-client.own.verify-pins"));

    @Test
    void startUpFails() {
        // The start-up failure is asserted by assertException above; this method is never reached.
        throw new AssertionError("the application must not start");
    }

    @RegisterRestClient(configKey = "own")
    public interface Own extends Hello {
    }
}
