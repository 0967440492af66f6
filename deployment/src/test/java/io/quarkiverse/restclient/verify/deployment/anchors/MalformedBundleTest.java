package io.quarkiverse.restclient.verify.deployment.anchors;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.restclient.verify.deployment.Failures;
import io.quarkiverse.restclient.verify.deployment.Hello;
import io.quarkiverse.restclient.verify.deployment.Pki;
import io.quarkiverse.restclient.verify.testpki.Pem;
import io.quarkiverse.restclient.verify.testpki.ServerScenarios;
import io.quarkus.test.QuarkusUnitTest;

/** A PEM bundle cut short fails the build (the file exists then) and says on which line the broken block starts. */
class MalformedBundleTest {

    static final ServerScenarios PKI = ServerScenarios.shared("broken");
    static final Path DIR = Pki.tempDir("broken");
    static final Path BROKEN = Pem.write(DIR.resolve("broken.pem"),
            "# corporate bundle\n" + Pem
                    .certificates(PKI.trustedRoot().certificate()).replace("-----END CERTIFICATE-----\n", ""));

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Hello.class, Pki.class, Failures.class, Client.class))
            .overrideConfigKey("quarkus.rest-client.broken.verify", BROKEN.toString())
            .assertException(thrown -> assertThat(Failures.configurationError(thrown).getMessage())
                    .contains("REST client 'broken': quarkus.rest-client.broken.verify=" + BROKEN)
                    .contains("checked at build time")
                    .contains("line 2: the CERTIFICATE block that starts here has no -----END CERTIFICATE----- line"));

    @Test
    void startUpFails() {
        // The build failure is asserted by assertException above; this method is never reached.
        throw new AssertionError("the application must not start");
    }

    @RegisterRestClient(configKey = "broken")
    public interface Client extends Hello {
    }
}
