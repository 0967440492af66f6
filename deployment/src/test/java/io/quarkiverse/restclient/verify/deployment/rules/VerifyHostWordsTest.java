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
import io.quarkiverse.restclient.verify.testpki.ServerCase;
import io.quarkiverse.restclient.verify.testpki.ServerScenarios;
import io.quarkus.test.QuarkusUnitTest;

/**
 * {@code verify-host} is read as Quarkus reads booleans: {@code yes}, {@code on}, {@code 1} and {@code y} keep hostname
 * verification on (as they do for the REST client itself), {@code no} turns it off, and the warning quotes the value
 * as written.
 */
class VerifyHostWordsTest {

    static final ServerScenarios PKI = ServerScenarios.shared("verify-host-words");
    static final Path CORP = Pki.bundle(Pki.tempDir("verify-host-words").resolve("corp.pem"),
            PKI.trustedRoot().certificate());

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Hello.class, Pki.class, Calls.class, LogLines.class, Yes.class,
                    On.class, One.class, Y.class, No.class))
            .overrideConfigKey("quarkus.rest-client.verify", CORP.toString())
            .overrideConfigKey("quarkus.rest-client.yes.verify-host", "yes")
            .overrideConfigKey("quarkus.rest-client.on.verify-host", "on")
            .overrideConfigKey("quarkus.rest-client.one.verify-host", "1")
            .overrideConfigKey("quarkus.rest-client.y.verify-host", "Y")
            .overrideConfigKey("quarkus.rest-client.no.verify-host", "no")
            .setLogRecordPredicate(LogLines::ours)
            .assertLogRecords(records -> assertThat(LogLines.at(Level.WARNING, records)).containsExactly(
                    "REST client 'no' does not check that a server's certificate was issued for the host it"
                            + " calls (quarkus.rest-client.no.verify-host=no): any certificate from a CA it"
                            + " trusts is accepted for any host. Fix: call the server by a name its certificate"
                            + " lists"));

    @AfterAll
    static void stopServers() {
        PKI.close();
    }

    @Test
    void trueWordsKeepHostnameVerificationOn() {
        for (Class<? extends Hello> client : List.of(Yes.class, On.class, One.class, Y.class)) {
            Calls.Outcome outcome = Calls.call(client, PKI.server(ServerCase.WRONG_HOST).uri());
            assertThat(outcome.failure()).as(client.getSimpleName() + ": " + outcome.detail())
                    .isInstanceOf(SslVerificationException.class);
            assertThat(((SslVerificationException) outcome.failure()).reason()).as(client.getSimpleName())
                    .isEqualTo(SslVerificationException.Reason.HOSTNAME_MISMATCH);
        }
    }

    @Test
    void noTurnsItOff() {
        Calls.Outcome outcome = Calls.call(No.class, PKI.server(ServerCase.WRONG_HOST).uri());
        assertThat(outcome.ok()).as(outcome.detail()).isTrue();
    }

    @RegisterRestClient(configKey = "yes")
    public interface Yes extends Hello {
    }

    @RegisterRestClient(configKey = "on")
    public interface On extends Hello {
    }

    @RegisterRestClient(configKey = "one")
    public interface One extends Hello {
    }

    @RegisterRestClient(configKey = "y")
    public interface Y extends Hello {
    }

    @RegisterRestClient(configKey = "no")
    public interface No extends Hello {
    }
}
