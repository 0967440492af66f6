package io.quarkiverse.restclient.verify.deployment.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.restclient.verify.SslVerificationException;
import io.quarkiverse.restclient.verify.deployment.Calls;
import io.quarkiverse.restclient.verify.deployment.Hello;
import io.quarkiverse.restclient.verify.deployment.LogLines;
import io.quarkiverse.restclient.verify.deployment.Pki;
import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;
import io.quarkiverse.restclient.verify.testpki.ServerScenarios;
import io.quarkiverse.restclient.verify.testpki.TlsTestServer;
import io.quarkus.test.QuarkusUnitTest;

/**
 * Strict mode, globally and per client: a server certificate whose CN is not one of its subject alternative names
 * passes the usual checks (and Python requests) but breaks a rule of the CA/Browser Forum; a client in strict mode
 * refuses it, naming the rule and the certificate, while a well-formed chain passes. A client can opt out of the
 * global setting, and the start-up line says which clients are strict.
 */
class StrictModeCallTest {

    static final ServerScenarios PKI = ServerScenarios.shared("strict-mode");
    static final Path CORP = Pki.bundle(Pki.tempDir("strict-mode").resolve("corp.pem"), PKI.trustedRoot().certificate());
    static final CertificateAuthority CA = PKI.trustedIntermediate();
    static final TlsTestServer CN_NOT_A_NAME = TlsTestServer.start(CA.server("other.test", List.of("localhost"),
            List.of("127.0.0.1")));
    static final TlsTestServer WELL_FORMED = TlsTestServer.start(CA.server("localhost", List.of("localhost"),
            List.of("127.0.0.1")));

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Hello.class, Pki.class, Calls.class, LogLines.class,
                    Inherits.class, Own.class, OptedOut.class))
            .overrideConfigKey("quarkus.rest-client.verify", CORP.toString())
            .overrideConfigKey("quarkus.rest-client.verify-strict", "true")
            .overrideConfigKey("quarkus.rest-client.own.verify-strict", "true")
            .overrideConfigKey("quarkus.rest-client.opted-out.verify-strict", "false")
            .setLogRecordPredicate(LogLines::ours)
            .assertLogRecords(records -> {
                List<String> info = LogLines.at(Level.INFO, records);
                assertThat(info).anyMatch(line -> line.startsWith("REST client 'inherits' trusts")
                        && line.endsWith("; strict mode (quarkus.rest-client.verify-strict)"));
                assertThat(info).anyMatch(line -> line.startsWith("REST client 'own' trusts")
                        && line.endsWith("; strict mode (quarkus.rest-client.own.verify-strict)"));
                assertThat(info).anyMatch(line -> line.startsWith("REST client 'opted-out' trusts")
                        && !line.contains("strict mode"));
            });

    @AfterAll
    static void stopServers() {
        CN_NOT_A_NAME.close();
        WELL_FORMED.close();
        PKI.close();
    }

    @Test
    void aStrictClientRefusesACertificateThatBreaksARuleAndNamesIt() {
        for (Class<? extends Hello> client : List.of(Inherits.class, Own.class)) {
            Calls.Outcome outcome = Calls.call(client, CN_NOT_A_NAME.uri("localhost"));
            assertThat(outcome.ok()).as(client.getSimpleName() + " is strict").isFalse();
            assertThat(outcome.failure()).isInstanceOf(SslVerificationException.class);
            SslVerificationException e = (SslVerificationException) outcome.failure();
            assertThat(e.reason()).isEqualTo(SslVerificationException.Reason.OTHER);
            assertThat(e.getMessage()).contains("strict mode refuses the server's chain")
                    .contains("the server's certificate 'CN=other.test,O=Verify Tests' breaks the rule"
                            + " subject-alt-names")
                    .contains("its CN other.test is not one of its subject alternative names");
            assertThat(e.hints().get(e.hints().size() - 1)).contains("verify-strict=false");
        }
    }

    @Test
    void aWellFormedChainPassesInStrictMode() {
        for (Class<? extends Hello> client : List.of(Inherits.class, Own.class)) {
            Calls.Outcome outcome = Calls.call(client, WELL_FORMED.uri("localhost"));
            assertThat(outcome.ok()).as(client.getSimpleName() + ": " + outcome.detail()).isTrue();
        }
    }

    @Test
    void aClientThatOptsOutKeepsTheUsualChecks() {
        Calls.Outcome outcome = Calls.call(OptedOut.class, CN_NOT_A_NAME.uri("localhost"));
        assertThat(outcome.ok()).as(outcome.detail()).isTrue();
    }

    @RegisterRestClient(configKey = "inherits")
    public interface Inherits extends Hello {
    }

    @RegisterRestClient(configKey = "own")
    public interface Own extends Hello {
    }

    @RegisterRestClient(configKey = "opted-out")
    public interface OptedOut extends Hello {
    }
}
