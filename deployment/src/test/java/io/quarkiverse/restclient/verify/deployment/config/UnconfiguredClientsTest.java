package io.quarkiverse.restclient.verify.deployment.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import jakarta.inject.Inject;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.restclient.verify.deployment.Calls;
import io.quarkiverse.restclient.verify.deployment.Hello;
import io.quarkiverse.restclient.verify.deployment.Pki;
import io.quarkiverse.restclient.verify.testpki.ServerCase;
import io.quarkiverse.restclient.verify.testpki.ServerScenarios;
import io.quarkus.test.QuarkusUnitTest;

/**
 * Clients without verify make the JDK's decisions, and clients with their own trust store or TLS registry
 * configuration are left exactly as they are.
 */
class UnconfiguredClientsTest {

    static final ServerScenarios PKI = ServerScenarios.shared("unconfigured");
    static final Path DIR = Pki.tempDir("unconfigured");
    static final Path ROOT_PEM = Pki.bundle(DIR.resolve("root.pem"), PKI.trustedRoot().certificate());
    static final Path ROOT_P12 = Pki.pkcs12(DIR.resolve("root.p12"), null, List.of(PKI.trustedRoot().certificate()));
    static final String GOOD = PKI.server(ServerCase.GOOD_CHAIN).uri().toString();

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Hello.class, Pki.class, Calls.class, Plain.class,
                    OwnTrustStore.class, OwnTlsConfiguration.class))
            .overrideConfigKey("quarkus.rest-client.plain.url", GOOD)
            .overrideConfigKey("quarkus.rest-client.own-store.url", GOOD)
            .overrideConfigKey("quarkus.rest-client.own-tls.url", GOOD)
            .overrideConfigKey("quarkus.rest-client.own-store.trust-store", ROOT_P12.toString())
            .overrideConfigKey("quarkus.rest-client.own-store.trust-store-password", "changeit")
            .overrideConfigKey("quarkus.rest-client.own-store.trust-store-type", "PKCS12")
            .overrideConfigKey("quarkus.rest-client.own-tls.tls-configuration-name", "corp")
            .overrideConfigKey("quarkus.tls.corp.trust-store.pem.certs", ROOT_PEM.toString());

    // Injected clients: only the CDI route applies the REST client's trust-store and tls-configuration-name keys.
    @Inject
    @RestClient
    Plain plain;

    @Inject
    @RestClient
    OwnTrustStore ownTrustStore;

    @Inject
    @RestClient
    OwnTlsConfiguration ownTlsConfiguration;

    @AfterAll
    static void stopServers() {
        PKI.close();
    }

    @Test
    void aClientWithNothingConfiguredTrustsWhatTheJdkTrusts() {
        Calls.Outcome outcome = Calls.call(plain);
        assertThat(outcome.tlsFailure()).as(outcome.detail()).isTrue();
        assertThat(outcome.detail()).contains("unable to find valid certification path to requested target");
    }

    @Test
    void aClientWithItsOwnTrustStoreKeepsIt() {
        Calls.Outcome outcome = Calls.call(ownTrustStore);
        assertThat(outcome.ok()).as(outcome.detail()).isTrue();
    }

    @Test
    void aClientWithItsOwnTlsConfigurationKeepsIt() {
        Calls.Outcome outcome = Calls.call(ownTlsConfiguration);
        assertThat(outcome.ok()).as(outcome.detail()).isTrue();
    }

    @RegisterRestClient(configKey = "plain")
    public interface Plain extends Hello {
    }

    @RegisterRestClient(configKey = "own-store")
    public interface OwnTrustStore extends Hello {
    }

    @RegisterRestClient(configKey = "own-tls")
    public interface OwnTlsConfiguration extends Hello {
    }
}
