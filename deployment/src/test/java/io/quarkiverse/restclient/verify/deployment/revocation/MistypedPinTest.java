package io.quarkiverse.restclient.verify.deployment.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.restclient.verify.deployment.Failures;
import io.quarkiverse.restclient.verify.deployment.Hello;
import io.quarkus.test.QuarkusUnitTest;

/** A pin that is not sha256/ and 32 bytes of base64 fails the build, naming the property and how to get a pin. */
class MistypedPinTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Hello.class, Pinned.class))
            .overrideConfigKey("quarkus.rest-client.pinned.verify-pins", "sha256/c2hvcnQ=")
            .assertException(thrown -> assertThat(Failures.configurationError(thrown).getMessage())
                    .isEqualTo("quarkus.rest-client.pinned.verify-pins: 'sha256/c2hvcnQ=' is not a pin: the part after"
                            + " sha256/ decodes to 5 bytes, a SHA-256 hash has 32 (checked at build time)"));

    @Test
    void theBuildFails() {
        // The build failure is asserted by assertException above; this method is never reached.
        throw new AssertionError("the application must not start");
    }

    @RegisterRestClient(configKey = "pinned")
    public interface Pinned extends Hello {
    }
}
