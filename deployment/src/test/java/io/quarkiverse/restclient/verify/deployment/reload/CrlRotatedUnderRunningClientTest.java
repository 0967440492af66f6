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
import io.quarkiverse.restclient.verify.testpki.Crls;
import io.quarkiverse.restclient.verify.testpki.MountedDirectory;
import io.quarkiverse.restclient.verify.testpki.ServerCase;
import io.quarkiverse.restclient.verify.testpki.ServerScenarios;
import io.quarkiverse.restclient.verify.testpki.TlsTestServer;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.quarkus.test.QuarkusUnitTest;

/**
 * A CRL mounted like a Kubernetes secret is replaced by one that revokes the server while the client runs: the reload
 * is logged and announced, and the next call is refused, also over a connection that would have resumed a session.
 */
class CrlRotatedUnderRunningClientTest {

    static final ServerScenarios PKI = ServerScenarios.shared("crl-rotation");
    static final Path CORP = Pki.bundle(Pki.tempDir("crl-rotation").resolve("corp.pem"),
            PKI.trustedRoot().certificate());
    static final MountedDirectory SECRET = MountedDirectory.create(Pki.tempDir("crl-rotation").resolve("crl"),
            Map.of("intermediate.crl", Crls.pem(Crls.issue(PKI.trustedIntermediate()))));
    static final Path CRL = SECRET.file("intermediate.crl");

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Hello.class, Pki.class, Calls.class, LogLines.class,
                    ReloadEvents.class, Checked.class))
            .overrideConfigKey("quarkus.rest-client.checked.verify", CORP.toString())
            .overrideConfigKey("quarkus.rest-client.checked.verify-crl", CRL.toString())
            .overrideConfigKey("quarkus.rest-client.verify-reload-period", "100ms")
            .setLogRecordPredicate(LogLines::ours)
            .assertLogRecords(records -> assertThat(LogLines.at(Level.INFO, records)).contains(
                    "REST client 'checked' [quarkus.rest-client.checked.verify-crl]: reloaded " + CRL + ": was CRL"
                            + " file " + CRL + " (1 CRL); now checks CRL file " + CRL + " (1 CRL)"));

    @AfterAll
    static void stopServers() {
        PKI.close();
    }

    @Test
    void theNewCrlCountsFromTheNextCall() {
        TlsTestServer server = PKI.server(ServerCase.GOOD_CHAIN);
        Hello client = QuarkusRestClientBuilder.newBuilder().baseUri(URI.create(server.uri().toString()))
                .build(Checked.class);
        for (int i = 0; i < 3; i++) {
            Calls.Outcome outcome = Calls.call(client);
            assertThat(outcome.ok()).as(outcome.detail()).isTrue();
        }

        SECRET.update(Map.of("intermediate.crl", Crls.pem(Crls.issue(PKI.trustedIntermediate(),
                PKI.certificate(ServerCase.GOOD_CHAIN).certificate()))));
        TrustReloadedEvent reloaded = ReloadEvents.reloaded("checked", 1);
        assertThat(reloaded.property()).isEqualTo("quarkus.rest-client.checked.verify-crl");

        Calls.Outcome outcome = Calls.call(client);
        assertThat(outcome.failure()).as(outcome.detail()).isInstanceOf(SslVerificationException.class);
        assertThat(((SslVerificationException) outcome.failure()).reason())
                .isEqualTo(SslVerificationException.Reason.REVOKED);
    }

    @RegisterRestClient(configKey = "checked")
    public interface Checked extends Hello {
    }
}
