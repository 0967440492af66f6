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
 * One client calls one keep-alive server over its pooled connection while the mounted bundle rotates: a rotation that
 * only adds a CA keeps the connection (no new handshake on the server), and the reload that removes the server's CA
 * closes it, so the very next call makes a new handshake and fails with UNKNOWN_ISSUER.
 */
class PooledConnectionTrustRemovalTest {

    static final ServerScenarios PKI = ServerScenarios.shared("pooled-removal");
    static final String TRUSTED = Pem.certificates(PKI.trustedRoot().certificate());
    static final String OTHER = Pem.certificates(PKI.unknownRoot().certificate());
    static final MountedDirectory SECRET = MountedDirectory.create(Pki.tempDir("pooled-removal").resolve("secret"),
            Map.of("ca.pem", TRUSTED));

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Hello.class, Pki.class, Calls.class, ReloadEvents.class,
                    Pooled.class))
            .overrideConfigKey("quarkus.rest-client.pooled.verify", SECRET.file("ca.pem").toString())
            .overrideConfigKey("quarkus.rest-client.verify-reload-period", "100ms");

    @AfterAll
    static void stopServers() {
        PKI.close();
    }

    @Test
    void removingTheCaClosesThePooledConnection() {
        try (TlsTestServer server = TlsTestServer.builder(PKI.certificate(ServerCase.GOOD_CHAIN)).keepAlive()
                .start()) {
            removingTheCa(server);
        }
    }

    private static void removingTheCa(TlsTestServer server) {
        Hello client = QuarkusRestClientBuilder.newBuilder().baseUri(server.uri()).build(Pooled.class);
        for (int i = 0; i < 3; i++) {
            assertOk(client);
        }
        assertThat(server.handshakes()).as("premise: the client keeps its connection alive").isEqualTo(1);
        assertThat(server.requests()).isEqualTo(3);

        SECRET.update(Map.of("ca.pem", TRUSTED + OTHER));
        ReloadEvents.reloaded("pooled", 1);
        assertOk(client);
        assertThat(server.handshakes()).as("a CA added costs no handshake").isEqualTo(1);

        SECRET.update(Map.of("ca.pem", OTHER));
        ReloadEvents.reloaded("pooled", 2);
        Calls.Outcome outcome = Calls.call(client);
        assertThat(outcome.failure()).as(outcome.detail()).isInstanceOf(SslVerificationException.class);
        assertThat(((SslVerificationException) outcome.failure()).reason())
                .isEqualTo(SslVerificationException.Reason.UNKNOWN_ISSUER);
        assertThat(server.requests()).as("no request went over the old connection").isEqualTo(4);
    }

    private static void assertOk(Hello client) {
        Calls.Outcome outcome = Calls.call(client);
        assertThat(outcome.ok()).as(outcome.detail()).isTrue();
    }

    @RegisterRestClient(configKey = "pooled")
    public interface Pooled extends Hello {
    }
}
