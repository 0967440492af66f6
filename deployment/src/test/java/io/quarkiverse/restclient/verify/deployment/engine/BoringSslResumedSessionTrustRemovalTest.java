package io.quarkiverse.restclient.verify.deployment.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.restclient.verify.SslVerificationException;
import io.quarkiverse.restclient.verify.deployment.Calls;
import io.quarkiverse.restclient.verify.deployment.Hello;
import io.quarkiverse.restclient.verify.deployment.LogLines;
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
 * Attack on BoringSSL's own client session cache: a client on ssl-engine=openssl resumes its TLS sessions (the server
 * closes every connection), the reload removes the server's CA, and the next call must not resume a session that the
 * old trust accepted: it makes a full handshake and fails with UNKNOWN_ISSUER.
 */
class BoringSslResumedSessionTrustRemovalTest {

    static final ServerScenarios PKI = ServerScenarios.shared("boring-resumed");
    static final String TRUSTED = Pem.certificates(PKI.trustedRoot().certificate());
    static final String OTHER = Pem.certificates(PKI.unknownRoot().certificate());
    static final MountedDirectory SECRET = MountedDirectory.create(Pki.tempDir("boring-resumed").resolve("secret"),
            Map.of("ca.pem", TRUSTED));

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Hello.class, Pki.class, Calls.class, ReloadEvents.class,
                    LogLines.class, Resuming.class))
            .overrideConfigKey("quarkus.rest-client.resuming.verify", SECRET.file("ca.pem").toString())
            .overrideConfigKey("quarkus.rest-client.resuming.ssl-engine", "openssl")
            .overrideConfigKey("quarkus.rest-client.verify-reload-period", "100ms")
            .overrideConfigKey("quarkus.log.category.\"io.quarkiverse.restclient.verify.runtime.engine\".level", "DEBUG")
            .setLogRecordPredicate(LogLines::ours)
            // Premise: the handshakes ran on BoringSSL, which tells the group it negotiated.
            .assertLogRecords(records -> assertThat(records).map(LogLines::text)
                    .anyMatch(line -> line.startsWith("REST client 'resuming': TLS with 127.0.0.1:")
                            && line.contains(" on openssl: TLSv1.3, ") && line.contains(", key exchange X25519")));

    @AfterAll
    static void stopServers() {
        PKI.close();
    }

    @Test
    void removingTheCaEndsBoringSslResumption() {
        TlsTestServer server = PKI.server(ServerCase.GOOD_CHAIN);
        Hello client = QuarkusRestClientBuilder.newBuilder().baseUri(server.uri()).build(Resuming.class);
        for (int i = 0; i < 3; i++) {
            assertOk(client);
            sleep(5);
        }
        assertThat(server.resumedHandshakes()).as("premise: the client resumes TLS sessions").isPositive();

        SECRET.update(Map.of("ca.pem", OTHER));
        ReloadEvents.reloaded("resuming", 1);
        int resumed = server.resumedHandshakes();
        Calls.Outcome outcome = Calls.call(client);
        assertThat(outcome.failure()).as(outcome.detail()).isInstanceOf(SslVerificationException.class);
        assertThat(((SslVerificationException) outcome.failure()).reason())
                .isEqualTo(SslVerificationException.Reason.UNKNOWN_ISSUER);
        assertThat(server.resumedHandshakes()).as("no session of the old trust resumed").isEqualTo(resumed);
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
