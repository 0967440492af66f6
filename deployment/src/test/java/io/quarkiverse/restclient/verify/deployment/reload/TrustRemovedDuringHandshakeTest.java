package io.quarkiverse.restclient.verify.deployment.reload;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
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
 * A call races a reload that removes its server's CA: the trust manager accepted the chain with the old trust, the
 * reload lands before the connection is established, and the extension shuts the new connection under the waiting
 * request. The request fails, as it must (its server is no longer trusted), but never as a bare "Connection was
 * closed": it is explained as the handshake with the new trust would have failed, and says why the connection closed.
 */
class TrustRemovedDuringHandshakeTest {

    static final ServerScenarios PKI = ServerScenarios.shared("removed-during-handshake");
    static final String TRUSTED = Pem.certificates(PKI.trustedRoot().certificate());
    static final String OTHER = Pem.certificates(PKI.unknownRoot().certificate());
    static final MountedDirectory SECRET = MountedDirectory
            .create(Pki.tempDir("removed-during-handshake").resolve("secret"), Map.of("ca.pem", TRUSTED));

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Hello.class, Pki.class, Calls.class, ReloadEvents.class,
                    HoldingProxy.class, Racing.class))
            .overrideConfigKey("quarkus.rest-client.racing.verify", SECRET.file("ca.pem").toString())
            .overrideConfigKey("quarkus.rest-client.verify-reload-period", "100ms");

    @AfterAll
    static void stopServers() {
        PKI.close();
    }

    @Test
    void aCallRacingATrustRemovalIsExplained() throws Exception {
        // TLS 1.2: the client checks the chain before the server's last flight, which the proxy holds.
        try (TlsTestServer server = TlsTestServer.builder(PKI.certificate(ServerCase.GOOD_CHAIN)).keepAlive()
                .protocols("TLSv1.2").start();
                HoldingProxy proxy = new HoldingProxy(new InetSocketAddress("127.0.0.1", server.uri().getPort()))) {
            Hello client = QuarkusRestClientBuilder.newBuilder().baseUri(proxy.uri()).build(Racing.class);
            CompletableFuture<Calls.Outcome> call = CompletableFuture.supplyAsync(() -> Calls.call(client));
            assertThat(proxy.awaitHolding(20)).as("premise: the handshake reached the server's last flight").isTrue();

            SECRET.update(Map.of("ca.pem", OTHER));
            ReloadEvents.reloaded("racing", 1);
            proxy.release();

            Calls.Outcome outcome = call.get(30, TimeUnit.SECONDS);
            assertThat(outcome.ok()).as("a server no longer trusted answers no request").isFalse();
            assertThat(outcome.failure()).as(outcome.detail()).isInstanceOf(SslVerificationException.class);
            SslVerificationException explained = (SslVerificationException) outcome.failure();
            assertThat(explained.reason()).isEqualTo(SslVerificationException.Reason.UNKNOWN_ISSUER);
            assertThat(explained.getMessage()).contains("closed its connection").contains("trust changed")
                    .contains("the request was not sent");
            assertThat(server.requests()).as("no request went over the connection").isZero();
        }
    }

    @RegisterRestClient(configKey = "racing")
    public interface Racing extends Hello {
    }
}
