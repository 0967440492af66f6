package io.quarkiverse.restclient.verify.deployment.reload;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

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
 * The server's CA is removed while a request is in flight on the pooled connection: that request is answered, not
 * aborted, and the connection is not used again: the next call makes a new handshake and fails with UNKNOWN_ISSUER.
 */
class InFlightRequestTrustRemovalTest {

    static final ServerScenarios PKI = ServerScenarios.shared("in-flight-removal");
    static final MountedDirectory SECRET = MountedDirectory.create(Pki.tempDir("in-flight-removal").resolve("secret"),
            Map.of("ca.pem", Pem.certificates(PKI.trustedRoot().certificate())));

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Hello.class, Pki.class, Calls.class, ReloadEvents.class,
                    Slow.class))
            .overrideConfigKey("quarkus.rest-client.slow.verify", SECRET.file("ca.pem").toString())
            .overrideConfigKey("quarkus.rest-client.verify-reload-period", "100ms");

    @AfterAll
    static void stopServers() {
        PKI.close();
    }

    @Test
    void theRequestInFlightIsAnsweredAndTheConnectionRetired() throws Exception {
        try (TlsTestServer server = TlsTestServer.builder(PKI.certificate(ServerCase.GOOD_CHAIN)).keepAlive()
                .responseDelay(1_500).start()) {
            Hello client = QuarkusRestClientBuilder.newBuilder().baseUri(server.uri()).build(Slow.class);
            assertThat(Calls.call(client).ok()).isTrue();

            CompletableFuture<Calls.Outcome> inFlight = CompletableFuture.supplyAsync(() -> Calls.call(client));
            Thread.sleep(300);
            SECRET.update(Map.of("ca.pem", Pem.certificates(PKI.unknownRoot().certificate())));
            ReloadEvents.reloaded("slow", 1);

            Calls.Outcome answered = inFlight.get(10, TimeUnit.SECONDS);
            assertThat(answered.ok()).as(answered.detail()).isTrue();
            assertThat(server.handshakes()).isEqualTo(1);

            Calls.Outcome next = Calls.call(client);
            assertThat(next.failure()).as(next.detail()).isInstanceOf(SslVerificationException.class);
            assertThat(((SslVerificationException) next.failure()).reason())
                    .isEqualTo(SslVerificationException.Reason.UNKNOWN_ISSUER);
            assertThat(server.requests()).as("no request went over the retired connection").isEqualTo(2);
        }
    }

    @RegisterRestClient(configKey = "slow")
    public interface Slow extends Hello {
    }
}
