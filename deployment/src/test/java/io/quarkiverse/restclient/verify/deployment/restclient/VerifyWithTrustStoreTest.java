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

/** verify and the REST client's own trust-store on one client contradict each other: start-up fails naming both. */
class VerifyWithTrustStoreTest {

    static final ServerScenarios PKI = ServerScenarios.shared("conflict");
    static final Path DIR = Pki.tempDir("conflict");

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Hello.class, Pki.class, Failures.class, Client.class))
            .overrideConfigKey("quarkus.rest-client.conflict.verify", "/certs/corp.pem")
            .overrideConfigKey("quarkus.rest-client.conflict.trust-store", "/certs/corp.p12")
            .overrideConfigKey("quarkus.rest-client.conflict.trust-store-password", "secret")
            .assertException(thrown -> assertThat(Failures.configurationError(thrown).getMessage())
                    .contains("REST client 'conflict': quarkus.rest-client.conflict.verify and"
                            + " quarkus.rest-client.conflict.trust-store are both set")
                    .contains("Fix: keep one")
                    .doesNotContain("secret"));

    @Test
    void startUpFails() {
        // The start-up failure is asserted by assertException above; this method is never reached.
        throw new AssertionError("the application must not start");
    }

    @RegisterRestClient(configKey = "conflict")
    public interface Client extends Hello {
    }
}
