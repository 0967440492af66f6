package io.quarkiverse.restclient.verify.deployment.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.restclient.verify.deployment.Calls;
import io.quarkiverse.restclient.verify.deployment.Hello;
import io.quarkiverse.restclient.verify.deployment.Pki;
import io.quarkiverse.restclient.verify.testpki.ServerCase;
import io.quarkiverse.restclient.verify.testpki.ServerScenarios;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.quarkus.test.QuarkusUnitTest;

/** Under verify-insecure=deny a managed client built in code with verifyHost(false) is refused when it is built. */
class InsecurePolicyBuilderTest {

    static final ServerScenarios PKI = ServerScenarios.shared("deny-builder");
    static final Path CORP = Pki.bundle(Pki.tempDir("deny-builder").resolve("corp.pem"),
            PKI.trustedRoot().certificate());

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Hello.class, Pki.class, Calls.class, Partner.class))
            .overrideConfigKey("quarkus.rest-client.verify-insecure", "deny")
            .overrideConfigKey("quarkus.rest-client.partner.verify", CORP.toString());

    @AfterAll
    static void stopServers() {
        PKI.close();
    }

    @Test
    void builderTurningOffHostnameChecksIsRefused() {
        assertThatThrownBy(() -> QuarkusRestClientBuilder.newBuilder()
                .baseUri(PKI.server(ServerCase.WRONG_HOST).uri()).verifyHost(false).build(Partner.class))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("REST client 'partner': verifyHost(false) on its builder skips TLS verification, and"
                        + " quarkus.rest-client.verify-insecure=deny forbids that. Fix: trust the server's CA with"
                        + " quarkus.rest-client.partner.verify=/path/to/ca.pem and keep hostname checks on");
        // The same client built without it works.
        assertThat(Calls.call(Partner.class, PKI.server(ServerCase.GOOD_CHAIN).uri()).ok()).isTrue();
    }

    @RegisterRestClient(configKey = "partner")
    public interface Partner extends Hello {
    }
}
