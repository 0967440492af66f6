package io.quarkiverse.restclient.verify.deployment.env;

import static org.assertj.core.api.Assertions.assertThat;

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

/** quarkus.rest-client.verify-trust-env=false ignores REQUESTS_CA_BUNDLE and friends. */
class TrustEnvironmentDisabledTest {

    static final ServerScenarios PKI = ServerScenarios.shared("environment-off");
    static {
        // The variables point at these files; with the switch off, trusting the right root must not help.
        Pem.write(java.nio.file.Path.of("target/env-trust/requests-ca.pem").toAbsolutePath(),
                Pem.certificates(PKI.trustedRoot().certificate()));
    }

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Hello.class, Calls.class, LogLines.class, Plain.class))
            .overrideConfigKey("quarkus.rest-client.verify-trust-env", "false")
            .setLogRecordPredicate(LogLines::ours)
            .assertLogRecords(records -> assertThat(records).map(LogLines::text)
                    .anyMatch(line -> line.startsWith("REST client 'plain' trusts JDK default trust")
                            && line.endsWith("[nothing configured]")));

    @AfterAll
    static void stopServers() {
        PKI.close();
    }

    @Test
    void theEnvironmentIsIgnored() {
        Calls.Outcome outcome = Calls.call(Plain.class, PKI.server(ServerCase.GOOD_CHAIN).uri());
        assertThat(outcome.tlsFailure()).as(outcome.detail()).isTrue();
    }

    @RegisterRestClient(configKey = "plain")
    public interface Plain extends Hello {
    }
}
