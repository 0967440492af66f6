package io.quarkiverse.restclient.verify.deployment.reload;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.restclient.verify.deployment.Calls;
import io.quarkiverse.restclient.verify.deployment.Hello;
import io.quarkiverse.restclient.verify.deployment.Pki;
import io.quarkiverse.restclient.verify.deployment.ReloadEvents;
import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;
import io.quarkiverse.restclient.verify.testpki.IncompleteChainScenarios;
import io.quarkiverse.restclient.verify.testpki.IncompleteChainScenarios.Case;
import io.quarkiverse.restclient.verify.testpki.MountedDirectory;
import io.quarkiverse.restclient.verify.testpki.Pem;
import io.quarkiverse.restclient.verify.testpki.TlsTestServer;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.quarkus.test.QuarkusUnitTest;

/**
 * A keep-alive server that sends only its leaf, repaired by a fetched intermediate, while the mounted bundle gains a
 * CA: the reload only adds trust, so it closes nothing. The pooled connection is kept (the server counts one
 * handshake), no session is dropped, and a new client's connection made just after the reload is not shut under its
 * first request either.
 */
class AddOnlyReloadKeepsRepairedConnectionTest {

    static final IncompleteChainScenarios PKI = IncompleteChainScenarios.shared("add-only-reload");
    static final String ROOT = Pem.certificates(PKI.root().certificate());
    static final MountedDirectory SECRET = MountedDirectory.create(Pki.tempDir("add-only-reload").resolve("secret"),
            Map.of("ca.pem", ROOT));

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Hello.class, Pki.class, Calls.class, ReloadEvents.class,
                    Repaired.class))
            // The caIssuers server of the scenarios listens on 127.0.0.1, which look-ups refuse by default.
            .overrideConfigKey("quarkus.rest-client.verify-lookup-allow", "127.0.0.1")
            .overrideConfigKey("quarkus.rest-client.repaired.verify", SECRET.file("ca.pem").toString())
            .overrideConfigKey("quarkus.rest-client.repaired.verify-fetch-intermediates", "true")
            .overrideConfigKey("quarkus.rest-client.verify-reload-period", "100ms");

    @AfterAll
    static void stopServers() {
        PKI.close();
    }

    @Test
    void addingACaKeepsTheRepairedServersConnection() {
        try (TlsTestServer server = TlsTestServer.builder(PKI.leaf(Case.DER)).keepAlive().start()) {
            Hello client = QuarkusRestClientBuilder.newBuilder().baseUri(server.uri()).build(Repaired.class);
            for (int i = 0; i < 3; i++) {
                assertOk(client);
            }
            assertThat(server.handshakes()).as("premise: the repaired chain is trusted and the connection kept")
                    .isEqualTo(1);

            SECRET.update(Map.of("ca.pem", ROOT + Pem.certificates(CertificateAuthority.root("Added CA").certificate())));
            ReloadEvents.reloaded("repaired", 1);
            assertOk(client);
            assertThat(server.handshakes()).as("a reload that only adds a CA closes nothing: one handshake in all")
                    .isEqualTo(1);

            // Another HTTP client's first connection, within the seconds after the reload in which new connections
            // are judged on arrival: it is not shut under its first request.
            Hello another = QuarkusRestClientBuilder.newBuilder().baseUri(server.uri()).build(Repaired.class);
            assertOk(another);
            assertOk(another);
            assertThat(server.requests()).isEqualTo(6);
        }
    }

    private static void assertOk(Hello client) {
        Calls.Outcome outcome = Calls.call(client);
        assertThat(outcome.ok()).as(outcome.detail()).isTrue();
    }

    @RegisterRestClient(configKey = "repaired")
    public interface Repaired extends Hello {
    }
}
