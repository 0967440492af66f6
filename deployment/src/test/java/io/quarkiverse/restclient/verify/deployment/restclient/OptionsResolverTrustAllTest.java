package io.quarkiverse.restclient.verify.deployment.restclient;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.logging.Level;

import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

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
import io.quarkus.test.QuarkusUnitTest;
import io.vertx.core.http.HttpClientOptions;

/**
 * An application {@code ContextResolver<HttpClientOptions>} that sets {@code trustAll} and {@code verifyHost=false}
 * does not switch verification off on a managed client: the extension's trust wins, with a WARN naming the resolver.
 */
class OptionsResolverTrustAllTest {

    static final ServerScenarios PKI = ServerScenarios.shared("options-resolver");
    static final Path CORP = Pki.bundle(Pki.tempDir("options-resolver").resolve("corp.pem"),
            PKI.trustedRoot().certificate());

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Hello.class, Pki.class, Calls.class, LogLines.class,
                    TrustEverything.class, Guarded.class))
            .overrideConfigKey("quarkus.rest-client.guarded.verify", CORP.toString())
            .setLogRecordPredicate(LogLines::ours)
            .assertLogRecords(records -> assertThat(LogLines.at(Level.WARNING, records)).containsExactly(
                    "REST client 'guarded': the application's ContextResolver<HttpClientOptions> "
                            + TrustEverything.class.getName() + " sets trustAll=true and verifyHost=false; ignored,"
                            + " the client keeps verifying with file " + CORP + " (1 CA certificate)"
                            + " [quarkus.rest-client.guarded.verify]. Fix: do not set trustAll=true and"
                            + " verifyHost=false there; to skip verification for this client on purpose, set"
                            + " quarkus.rest-client.guarded.verify=false"));

    @AfterAll
    static void stopServers() {
        PKI.close();
    }

    @Test
    void theExtensionsTrustWins() {
        assertThat(Calls.call(Guarded.class, PKI.server(ServerCase.GOOD_CHAIN).uri()).ok()).isTrue();
        assertRejected(ServerCase.UNKNOWN_ROOT, SslVerificationException.Reason.UNKNOWN_ISSUER);
        assertRejected(ServerCase.WRONG_HOST, SslVerificationException.Reason.HOSTNAME_MISMATCH);
        assertThat(TrustEverything.asked).as("premise: the REST client asked the resolver").isTrue();
    }

    private static void assertRejected(ServerCase serverCase, SslVerificationException.Reason reason) {
        Calls.Outcome outcome = Calls.call(Guarded.class, PKI.server(serverCase).uri());
        assertThat(outcome.failure()).as(outcome.detail()).isInstanceOf(SslVerificationException.class);
        assertThat(((SslVerificationException) outcome.failure()).reason()).isEqualTo(reason);
    }

    /** What a developer writes to "make the TLS errors go away". */
    @Provider
    public static class TrustEverything implements ContextResolver<HttpClientOptions> {

        static volatile boolean asked;

        @Override
        public HttpClientOptions getContext(Class<?> type) {
            asked = true;
            return new HttpClientOptions().setTrustAll(true).setVerifyHost(false);
        }
    }

    @RegisterRestClient(configKey = "guarded")
    public interface Guarded extends Hello {
    }
}
