package io.quarkiverse.restclient.verify.deployment.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.restclient.verify.deployment.Hello;
import io.quarkiverse.restclient.verify.deployment.Pki;
import io.quarkiverse.restclient.verify.testpki.IncompleteChainScenarios;
import io.quarkiverse.restclient.verify.testpki.IncompleteChainScenarios.Case;
import io.quarkiverse.restclient.verify.testpki.TlsTestServer;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.quarkus.test.QuarkusUnitTest;

/**
 * With the global quarkus.rest-client.verify-fetch-intermediates=true, several clients (each its own TLS context, so
 * each call a full handshake) call a server that omits its intermediate: all succeed, and the intermediate is fetched
 * once for the whole application.
 */
class IntermediateCacheAcrossClientsTest {

    static final IncompleteChainScenarios PKI = IncompleteChainScenarios.shared("across-clients");
    static final Path ROOT = Pki.bundle(Pki.tempDir("across-clients").resolve("root.pem"), PKI.root().certificate());

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            // The responders and caIssuers servers of the tests listen on 127.0.0.1, which look-ups refuse by default.
            .overrideConfigKey("quarkus.rest-client.verify-lookup-allow", "127.0.0.1")
            .withApplicationRoot(jar -> jar.addClasses(Hello.class, Pki.class, Alpha.class, Beta.class))
            .overrideConfigKey("quarkus.rest-client.verify", ROOT.toString())
            .overrideConfigKey("quarkus.rest-client.verify-fetch-intermediates", "true");

    @AfterAll
    static void stopServers() {
        PKI.close();
    }

    @Test
    void oneFetchForEveryClientAndCall() {
        TlsTestServer server = PKI.server(Case.DER);
        for (int i = 0; i < 3; i++) {
            Alpha alpha = QuarkusRestClientBuilder.newBuilder().baseUri(server.uri()).build(Alpha.class);
            Beta beta = QuarkusRestClientBuilder.newBuilder().baseUri(server.uri()).build(Beta.class);
            assertThat(alpha.hello()).isEqualTo("hello from CN=der.test,O=Verify Tests");
            assertThat(beta.hello()).isEqualTo("hello from CN=der.test,O=Verify Tests");
            assertThat(alpha.hello()).isEqualTo("hello from CN=der.test,O=Verify Tests");
        }

        assertThat(server.handshakes() - server.resumedHandshakes()).as("full handshakes").isGreaterThanOrEqualTo(6);
        assertThat(PKI.fetches(IncompleteChainScenarios.INTERMEDIATE_DER)).isEqualTo(1);
    }

    @RegisterRestClient(configKey = "alpha")
    public interface Alpha extends Hello {
    }

    @RegisterRestClient(configKey = "beta")
    public interface Beta extends Hello {
    }
}
