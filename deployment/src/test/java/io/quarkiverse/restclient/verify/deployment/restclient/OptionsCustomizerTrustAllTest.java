package io.quarkiverse.restclient.verify.deployment.restclient;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.logging.Level;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.restclient.verify.SslVerificationException;
import io.quarkiverse.restclient.verify.deployment.Calls;
import io.quarkiverse.restclient.verify.deployment.Hello;
import io.quarkiverse.restclient.verify.deployment.LogLines;
import io.quarkiverse.restclient.verify.deployment.Pki;
import io.quarkiverse.restclient.verify.testpki.ServerCase;
import io.quarkiverse.restclient.verify.testpki.ServerScenarios;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.quarkus.test.QuarkusUnitTest;

/**
 * A builder's {@code httpClientOptionsCustomizer(...)}, which the REST client runs after its TLS configuration, sets
 * {@code trustAll} and {@code verifyHost=false}: on a managed client the extension's trust still wins, with a WARN.
 */
class OptionsCustomizerTrustAllTest {

    static final ServerScenarios PKI = ServerScenarios.shared("options-customizer");
    static final Path CORP = Pki.bundle(Pki.tempDir("options-customizer").resolve("corp.pem"),
            PKI.trustedRoot().certificate());

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Hello.class, Pki.class, Calls.class, LogLines.class,
                    Customized.class))
            .overrideConfigKey("quarkus.rest-client.customized.verify", CORP.toString())
            .setLogRecordPredicate(LogLines::ours)
            .assertLogRecords(records -> assertThat(LogLines.at(Level.WARNING, records)).containsExactly(
                    "REST client 'customized': a customizer given to its builder's httpClientOptionsCustomizer(...)"
                            + " sets trustAll=true and verifyHost=false; ignored, the client keeps verifying with file "
                            + CORP + " (1 CA certificate) [quarkus.rest-client.customized.verify]. Fix: do not set"
                            + " trustAll=true and verifyHost=false there; to skip verification for this client on"
                            + " purpose, set quarkus.rest-client.customized.verify=false"));

    @AfterAll
    static void stopServers() {
        PKI.close();
    }

    @Test
    void theExtensionsTrustWins() {
        assertThat(Calls.call(client(PKI.server(ServerCase.GOOD_CHAIN).uri())).ok()).isTrue();
        assertRejected(ServerCase.UNKNOWN_ROOT, SslVerificationException.Reason.UNKNOWN_ISSUER);
        assertRejected(ServerCase.WRONG_HOST, SslVerificationException.Reason.HOSTNAME_MISMATCH);
    }

    private static Hello client(URI uri) {
        return QuarkusRestClientBuilder.newBuilder().baseUri(uri)
                .httpClientOptionsCustomizer(options -> options.setTrustAll(true).setVerifyHost(false))
                .build(Customized.class);
    }

    private static void assertRejected(ServerCase serverCase, SslVerificationException.Reason reason) {
        Calls.Outcome outcome = Calls.call(client(PKI.server(serverCase).uri()));
        assertThat(outcome.failure()).as(outcome.detail()).isInstanceOf(SslVerificationException.class);
        assertThat(((SslVerificationException) outcome.failure()).reason()).isEqualTo(reason);
    }

    @RegisterRestClient(configKey = "customized")
    public interface Customized extends Hello {
    }
}
