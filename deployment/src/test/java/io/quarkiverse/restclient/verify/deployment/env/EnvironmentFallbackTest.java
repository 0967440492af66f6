package io.quarkiverse.restclient.verify.deployment.env;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.restclient.verify.deployment.Calls;
import io.quarkiverse.restclient.verify.deployment.Hello;
import io.quarkiverse.restclient.verify.deployment.LogLines;
import io.quarkiverse.restclient.verify.testpki.Pem;
import io.quarkiverse.restclient.verify.testpki.ServerCase;
import io.quarkiverse.restclient.verify.testpki.ServerScenarios;
import io.quarkus.test.QuarkusUnitTest;

/**
 * Runs in a JVM started with REQUESTS_CA_BUNDLE, CURL_CA_BUNDLE and QUARKUS_REST_CLIENT_ENV_KEY_VERIFY set (see the
 * deployment pom): requests' variables apply in requests' order, and explicit configuration always wins.
 */
class EnvironmentFallbackTest {

    static final ServerScenarios PKI = ServerScenarios.shared("environment");
    static final Path REQUESTS = Pem.write(Path.of("target/env-trust/requests-ca.pem").toAbsolutePath(),
            Pem.certificates(PKI.trustedRoot().certificate()));
    // CURL_CA_BUNDLE comes second: it names a CA that must not be used while REQUESTS_CA_BUNDLE is set.
    static final Path CURL = Pem.write(Path.of("target/env-trust/curl-ca.pem").toAbsolutePath(),
            Pem.certificates(PKI.unknownRoot().certificate()));
    static final Path ENV_KEY = Pem.write(Path.of("target/env-trust/env-key-ca.pem").toAbsolutePath(),
            Pem.certificates(PKI.unknownRoot().certificate()));

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Hello.class, Calls.class, LogLines.class, Plain.class,
                    Explicit.class, EnvKey.class))
            .overrideConfigKey("quarkus.rest-client.explicit.verify", "default")
            .setLogRecordPredicate(LogLines::ours)
            .assertLogRecords(records -> assertThat(records).map(LogLines::text)
                    .contains("REST client 'plain' trusts file " + REQUESTS
                            + " (1 CA certificate) [environment variable REQUESTS_CA_BUNDLE]")
                    .anyMatch(line -> line.startsWith("REST client 'explicit' trusts JDK default trust")
                            && line.endsWith("[quarkus.rest-client.explicit.verify]"))
                    .contains("REST client 'env-key' trusts file " + ENV_KEY
                            + " (1 CA certificate) [quarkus.rest-client.env-key.verify]"));

    @AfterAll
    static void stopServers() {
        PKI.close();
    }

    @Test
    void requestsCaBundleIsTheTrustOfClientsWithoutConfiguration() {
        Calls.Outcome outcome = Calls.call(Plain.class, PKI.server(ServerCase.GOOD_CHAIN).uri());
        assertThat(outcome.ok()).as(outcome.detail()).isTrue();
        assertThat(Calls.call(Plain.class, PKI.server(ServerCase.UNKNOWN_ROOT).uri()).tlsFailure()).isTrue();
    }

    @Test
    void explicitConfigurationBeatsTheEnvironment() {
        Calls.Outcome outcome = Calls.call(Explicit.class, PKI.server(ServerCase.GOOD_CHAIN).uri());
        assertThat(outcome.tlsFailure()).as(outcome.detail()).isTrue();
    }

    @Test
    void aQuarkusEnvironmentVariableSetsOneClientsVerify() {
        Calls.Outcome outcome = Calls.call(EnvKey.class, PKI.server(ServerCase.UNKNOWN_ROOT).uri());
        assertThat(outcome.ok()).as(outcome.detail()).isTrue();
        assertThat(Calls.call(EnvKey.class, PKI.server(ServerCase.GOOD_CHAIN).uri()).tlsFailure()).isTrue();
    }

    @RegisterRestClient(configKey = "plain")
    public interface Plain extends Hello {
    }

    @RegisterRestClient(configKey = "explicit")
    public interface Explicit extends Hello {
    }

    @RegisterRestClient(configKey = "env-key")
    public interface EnvKey extends Hello {
    }
}
