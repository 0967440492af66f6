package io.quarkiverse.restclient.verify.deployment.reload;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.restclient.verify.SslVerificationException;
import io.quarkiverse.restclient.verify.deployment.Calls;
import io.quarkiverse.restclient.verify.deployment.Hello;
import io.quarkiverse.restclient.verify.deployment.Pki;
import io.quarkiverse.restclient.verify.deployment.ReloadEvents;
import io.quarkiverse.restclient.verify.testpki.MountedDirectory;
import io.quarkiverse.restclient.verify.testpki.Pem;
import io.quarkiverse.restclient.verify.testpki.ServerCase;
import io.quarkiverse.restclient.verify.testpki.ServerScenarios;
import io.quarkiverse.restclient.verify.testpki.TlsTestServer;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.quarkus.test.QuarkusUnitTest;

/**
 * One client calls a server that closes every connection, so each call resumes the TLS session: a rotation that only
 * adds a CA keeps the sessions resumable (no new full handshake), and the reload that removes the server's CA makes
 * the next call check the certificate again and fail with UNKNOWN_ISSUER.
 */
class ResumedSessionTrustRemovalTest {

    static final ServerScenarios PKI = ServerScenarios.shared("resumed-removal");
    static final String TRUSTED = Pem.certificates(PKI.trustedRoot().certificate());
    static final String OTHER = Pem.certificates(PKI.unknownRoot().certificate());
    static final MountedDirectory SECRET = MountedDirectory.create(Pki.tempDir("resumed-removal").resolve("secret"),
            Map.of("ca.pem", TRUSTED));

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Hello.class, Pki.class, Calls.class, ReloadEvents.class,
                    Resuming.class))
            .overrideConfigKey("quarkus.rest-client.resuming.verify", SECRET.file("ca.pem").toString())
            .overrideConfigKey("quarkus.rest-client.verify-reload-period", "100ms");

    @AfterAll
    static void stopServers() {
        PKI.close();
    }

    @Test
    void removingTheCaEndsResumption() {
        TlsTestServer server = PKI.server(ServerCase.GOOD_CHAIN);
        Hello client = QuarkusRestClientBuilder.newBuilder().baseUri(server.uri()).build(Resuming.class);
        for (int i = 0; i < 3; i++) {
            assertOk(client);
            sleep(5);
        }
        assertThat(server.resumedHandshakes()).as("premise: the client resumes TLS sessions").isPositive();
        int full = server.handshakes() - server.resumedHandshakes();

        SECRET.update(Map.of("ca.pem", TRUSTED + OTHER));
        ReloadEvents.reloaded("resuming", 1);
        sleep(5);
        assertOk(client);
        assertThat(server.handshakes() - server.resumedHandshakes()).as("a CA added costs no full handshake")
                .isEqualTo(full);

        SECRET.update(Map.of("ca.pem", OTHER));
        ReloadEvents.reloaded("resuming", 2);
        int resumed = server.resumedHandshakes();
        Calls.Outcome outcome = Calls.call(client);
        assertThat(outcome.failure()).as(outcome.detail()).isInstanceOf(SslVerificationException.class);
        assertThat(((SslVerificationException) outcome.failure()).reason())
                .isEqualTo(SslVerificationException.Reason.UNKNOWN_ISSUER);
        assertThat(server.resumedHandshakes()).isEqualTo(resumed);
    }

    private static void assertOk(Hello client) {
        Calls.Outcome outcome = Calls.call(client);
        assertThat(outcome.ok()).as(outcome.detail()).isTrue();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @RegisterRestClient(configKey = "resuming")
    public interface Resuming extends Hello {
    }
}
