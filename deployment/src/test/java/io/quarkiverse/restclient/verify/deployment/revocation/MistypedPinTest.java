package io.quarkiverse.restclient.verify.deployment.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.restclient.verify.deployment.Failures;
import io.quarkiverse.restclient.verify.deployment.Hello;
import io.quarkus.test.QuarkusUnitTest;

/**
 * A pin cut short when copied fails the build as incomplete, in the shape of every start-up message: the client, the
 * property, the expected length, and a Fix with the command that prints the whole pin.
 */
class MistypedPinTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Hello.class, Pinned.class))
            .overrideConfigKey("quarkus.rest-client.pinned.verify-pins", "sha256/c2hvcnQ=")
            .assertException(thrown -> assertThat(Failures.configurationError(thrown).getMessage())
                    .isEqualTo("REST client 'pinned': quarkus.rest-client.pinned.verify-pins: 'sha256/c2hvcnQ=' is an"
                            + " incomplete pin: the part after sha256/ has 8 characters, a SHA-256 pin has 44 base64"
                            + " characters. Fix: copy the whole pin, or print it with: openssl s_client -connect"
                            + " host:443 </dev/null | openssl x509 -pubkey -noout | openssl pkey -pubin -outform der"
                            + " | openssl dgst -sha256 -binary | openssl enc -base64 (checked at build time)"));

    @Test
    void theBuildFails() {
        // The build failure is asserted by assertException above; this method is never reached.
        throw new AssertionError("the application must not start");
    }

    @RegisterRestClient(configKey = "pinned")
    public interface Pinned extends Hello {
    }
}
