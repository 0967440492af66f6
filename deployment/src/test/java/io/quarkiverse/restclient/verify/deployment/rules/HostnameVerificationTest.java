package io.quarkiverse.restclient.verify.deployment.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.logging.Level;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.restclient.verify.deployment.Calls;
import io.quarkiverse.restclient.verify.deployment.Hello;
import io.quarkiverse.restclient.verify.deployment.LogLines;
import io.quarkiverse.restclient.verify.deployment.Pki;
import io.quarkiverse.restclient.verify.testpki.ServerCase;
import io.quarkiverse.restclient.verify.testpki.ServerScenarios;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.quarkus.test.QuarkusUnitTest;

/** Hostname verification stays on with every trust source, and the REST client's own verify-host=false still works. */
class HostnameVerificationTest {

    static final ServerScenarios PKI = ServerScenarios.shared("hostnames");
    static final Path CORP = Pki.bundle(Pki.tempDir("hostnames").resolve("corp.pem"), PKI.trustedRoot().certificate());

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Hello.class, Pki.class, Calls.class, LogLines.class, Strict.class,
                    Lenient.class))
            .overrideConfigKey("quarkus.rest-client.strict.verify", CORP.toString())
            .overrideConfigKey("quarkus.rest-client.lenient.verify", CORP.toString())
            .overrideConfigKey("quarkus.rest-client.lenient.verify-host", "false")
            .setLogRecordPredicate(LogLines::ours)
            .assertLogRecords(records -> assertThat(LogLines.at(Level.WARNING, records)).containsExactly(
                    "REST client 'lenient' does not check that a server's certificate was issued for the host it"
                            + " calls (quarkus.rest-client.lenient.verify-host=false): any certificate from a CA it"
                            + " trusts is accepted for any host. Fix: call the server by a name its certificate"
                            + " lists"));

    @AfterAll
    static void stopServers() {
        PKI.close();
    }

    @Test
    void aTrustedCertificateForAnotherNameIsRejected() {
        Calls.Outcome outcome = Calls.call(Strict.class, PKI.server(ServerCase.WRONG_HOST).uri());
        assertThat(outcome.tlsFailure()).as(outcome.detail()).isTrue();
        assertThat(outcome.detail()).contains("127.0.0.1");
    }

    @Test
    void dnsAndIpNamesBothMatch() {
        assertThat(Calls.call(Strict.class, PKI.server(ServerCase.GOOD_CHAIN).uri()).ok()).isTrue();
        Calls.Outcome byName = Calls.call(Strict.class, PKI.server(ServerCase.GOOD_CHAIN).uri("localhost"));
        assertThat(byName.ok()).as(byName.detail()).isTrue();
    }

    @Test
    void verifyHostFalseInConfigurationIsHonoured() {
        Calls.Outcome outcome = Calls.call(Lenient.class, PKI.server(ServerCase.WRONG_HOST).uri());
        assertThat(outcome.ok()).as(outcome.detail()).isTrue();
        // Only the hostname check is off: the chain is still verified.
        assertThat(Calls.call(Lenient.class, PKI.server(ServerCase.UNKNOWN_ROOT).uri()).tlsFailure()).isTrue();
    }

    @Test
    void verifyHostFalseOnTheBuilderIsHonoured() {
        Strict client = QuarkusRestClientBuilder.newBuilder().baseUri(PKI.server(ServerCase.WRONG_HOST).uri())
                .verifyHost(false).build(Strict.class);
        Calls.Outcome outcome = Calls.call(client);
        assertThat(outcome.ok()).as(outcome.detail()).isTrue();
    }

    @RegisterRestClient(configKey = "strict")
    public interface Strict extends Hello {
    }

    @RegisterRestClient(configKey = "lenient")
    public interface Lenient extends Hello {
    }
}
