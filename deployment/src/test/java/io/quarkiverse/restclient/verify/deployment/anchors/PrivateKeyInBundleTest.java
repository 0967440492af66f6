package io.quarkiverse.restclient.verify.deployment.anchors;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Base64;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.restclient.verify.deployment.Failures;
import io.quarkiverse.restclient.verify.deployment.Hello;
import io.quarkiverse.restclient.verify.deployment.Pki;
import io.quarkiverse.restclient.verify.testpki.Pem;
import io.quarkiverse.restclient.verify.testpki.ServerScenarios;
import io.quarkus.test.QuarkusUnitTest;

/** A private key inside a CA bundle is refused: the key has leaked, and the message never shows it. */
class PrivateKeyInBundleTest {

    static final ServerScenarios PKI = ServerScenarios.shared("leaky");
    static final Path DIR = Pki.tempDir("leaky");
    static final Path LEAKY = Pem.write(DIR.resolve("leaky.pem"),
            Pem.certificates(PKI.trustedRoot().certificate())
                    + Pem.privateKey(PKI.trustedRoot().privateKey()));
    static final int KEY_LINE = Pem.certificates(PKI.trustedRoot().certificate()).split("\n").length + 1;

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Hello.class, Pki.class, Failures.class, Client.class))
            .overrideConfigKey("quarkus.rest-client.leaky.verify", LEAKY.toString())
            .assertException(thrown -> assertThat(Failures.configurationError(thrown).getMessage())
                    .contains("REST client 'leaky': quarkus.rest-client.leaky.verify=" + LEAKY)
                    .contains("checked at build time")
                    .contains(LEAKY + ": line " + KEY_LINE + " holds a private key (BEGIN PRIVATE KEY)")
                    .contains("treat this key as leaked")
                    .doesNotContain(Base64.getMimeEncoder().encodeToString(PKI.trustedRoot().privateKey()
                            .getEncoded()).substring(0, 32)));

    @Test
    void startUpFails() {
        // The build failure is asserted by assertException above; this method is never reached.
        throw new AssertionError("the application must not start");
    }

    @RegisterRestClient(configKey = "leaky")
    public interface Client extends Hello {
    }
}
