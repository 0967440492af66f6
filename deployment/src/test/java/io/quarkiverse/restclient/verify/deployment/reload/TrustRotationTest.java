package io.quarkiverse.restclient.verify.deployment.reload;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.logging.Level;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.restclient.verify.SslVerificationException;
import io.quarkiverse.restclient.verify.TrustReloadedEvent;
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
 * A CA bundle mounted like a Kubernetes secret rotates A → B → A through {@code ..data} link swaps. Each swap is
 * picked up by content, logged with what changed, and ends the trust of the removed CA at once: the client's SSL
 * context is renewed, so an earlier TLS session cannot be resumed without a certificate check.
 */
class TrustRotationTest {

    static final ServerScenarios PKI = ServerScenarios.shared("rotation");
    static final String BUNDLE_A = Pem.certificates(PKI.trustedRoot().certificate());
    static final String BUNDLE_B = Pem.certificates(PKI.unknownRoot().certificate());
    static final MountedDirectory SECRET = MountedDirectory.create(Pki.tempDir("rotation").resolve("secret"),
            Map.of("ca.pem", BUNDLE_A));
    static final Path CA = SECRET.file("ca.pem");

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Hello.class, Pki.class, Calls.class, LogLines.class,
                    ReloadEvents.class, Rotating.class))
            .overrideConfigKey("quarkus.rest-client.rotating.verify", CA.toString())
            .overrideConfigKey("quarkus.rest-client.verify-reload-period", "100ms")
            .setLogRecordPredicate(LogLines::ours)
            .assertLogRecords(records -> {
                assertThat(LogLines.at(Level.INFO, records)).contains(
                        "REST client 'rotating' [quarkus.rest-client.rotating.verify]: reloaded " + CA + ": added '"
                                + PKI.unknownRoot().certificate().getSubjectX500Principal().getName() + "'; removed '"
                                + PKI.trustedRoot().certificate().getSubjectX500Principal().getName()
                                + "'; now trusts file " + CA + " (1 CA certificate)",
                        "REST client trust and client certificate files are checked for new content every 0.1s");
            });

    @AfterAll
    static void stopServers() {
        PKI.close();
    }

    @Test
    void rotationAtoBtoA() {
        TlsTestServer serverA = PKI.server(ServerCase.GOOD_CHAIN);
        TlsTestServer serverB = PKI.server(ServerCase.UNKNOWN_ROOT);
        // One client for the whole test, as an application keeps one: its SSL context is what a reload must renew.
        Hello toA = client(serverA.uri());
        Hello toB = client(serverB.uri());

        for (int i = 0; i < 3; i++) {
            assertOk(toA);
            sleep(5);
        }
        assertThat(serverA.resumedHandshakes()).as("premise: the client resumes TLS sessions").isPositive();
        assertRejected(toB);

        SECRET.update(Map.of("ca.pem", BUNDLE_B));
        TrustReloadedEvent toBundleB = ReloadEvents.reloaded("rotating", 1);
        assertThat(toBundleB.property()).isEqualTo("quarkus.rest-client.rotating.verify");
        assertThat(toBundleB.source()).isEqualTo(CA.toString());
        int resumedBefore = serverA.resumedHandshakes();
        // CA A is gone: the next connection to A must check the certificate again, not resume an old session.
        SslVerificationException rejected = assertRejected(toA);
        assertThat(rejected.reason()).isEqualTo(SslVerificationException.Reason.UNKNOWN_ISSUER);
        assertThat(serverA.resumedHandshakes()).isEqualTo(resumedBefore);
        assertOk(toB);

        SECRET.update(Map.of("ca.pem", BUNDLE_A));
        assertThat(ReloadEvents.reloaded("rotating", 2).changes()).startsWith("added '"
                + PKI.trustedRoot().certificate().getSubjectX500Principal().getName());
        assertOk(toA);
        assertRejected(toB);
        // Hostname verification survives the renewed SSL context.
        SslVerificationException wrongHost = assertRejected(client(PKI.server(ServerCase.WRONG_HOST).uri()));
        assertThat(wrongHost.reason()).isEqualTo(SslVerificationException.Reason.HOSTNAME_MISMATCH);
    }

    private static Hello client(URI uri) {
        return QuarkusRestClientBuilder.newBuilder().baseUri(uri).build(Rotating.class);
    }

    private static void assertOk(Hello client) {
        Calls.Outcome outcome = Calls.call(client);
        assertThat(outcome.ok()).as(outcome.detail()).isTrue();
    }

    private static SslVerificationException assertRejected(Hello client) {
        Calls.Outcome outcome = Calls.call(client);
        assertThat(outcome.failure()).as(outcome.detail()).isInstanceOf(SslVerificationException.class);
        return (SslVerificationException) outcome.failure();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @RegisterRestClient(configKey = "rotating")
    public interface Rotating extends Hello {
    }
}
