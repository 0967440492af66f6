package io.quarkiverse.restclient.verify.deployment.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.restclient.verify.deployment.Failures;
import io.quarkiverse.restclient.verify.deployment.Hello;
import io.quarkus.test.QuarkusUnitTest;

/** verify=false with verify-pins fails the start: a pin on an unverified chain would protect nothing. */
class PinsWithoutVerificationTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Hello.class, Unverified.class))
            .overrideConfigKey("quarkus.rest-client.unverified.verify", "false")
            .overrideConfigKey("quarkus.rest-client.unverified.verify-pins",
                    "sha256/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")
            .assertException(thrown -> assertThat(Failures.configurationError(thrown).getMessage())
                    .isEqualTo("REST client 'unverified': quarkus.rest-client.unverified.verify-pins is set, but the"
                            + " client does not verify certificates at all (verify=false), so a pin would protect"
                            + " nothing. Fix: trust the server's CA with verify=/path/to/ca.pem and keep the pins"));

    @Test
    void startUpFails() {
        // The start-up failure is asserted by assertException above; this method is never reached.
        throw new AssertionError("the application must not start");
    }

    @RegisterRestClient(configKey = "unverified")
    public interface Unverified extends Hello {
    }
}
