package io.quarkiverse.restclient.verify.deployment.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.logging.Level;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.restclient.verify.deployment.Calls;
import io.quarkiverse.restclient.verify.deployment.Hello;
import io.quarkiverse.restclient.verify.deployment.LogLines;
import io.quarkiverse.restclient.verify.deployment.Pki;
import io.quarkiverse.restclient.verify.testpki.Crls;
import io.quarkiverse.restclient.verify.testpki.Pem;
import io.quarkiverse.restclient.verify.testpki.ServerCase;
import io.quarkiverse.restclient.verify.testpki.ServerScenarios;
import io.quarkus.test.QuarkusUnitTest;

/**
 * A CRL past its nextUpdate is warned about at start-up, naming the file and the property; it is still used (it is
 * the best list the client has), so a server it does not list is called.
 */
class StaleCrlWarnedTest {

    static final ServerScenarios PKI = ServerScenarios.shared("stale-crl");
    static final Path DIR = Pki.tempDir("stale-crl");
    static final Path CORP = Pki.bundle(DIR.resolve("corp.pem"), PKI.trustedRoot().certificate());
    static final Path CRL = Pem.write(DIR.resolve("stale.crl"), Crls.pem(Crls.issue(PKI.trustedIntermediate(),
            Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-08T00:00:00Z"))));

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Hello.class, Pki.class, Calls.class, LogLines.class,
                    Stale.class))
            .overrideConfigKey("quarkus.rest-client.stale.verify", CORP.toString())
            .overrideConfigKey("quarkus.rest-client.stale.verify-crl", CRL.toString())
            .setLogRecordPredicate(LogLines::ours)
            .assertLogRecords(records -> assertThat(LogLines.at(Level.WARNING, records)).containsExactly(
                    "REST client 'stale' [quarkus.rest-client.stale.verify-crl]: " + CRL + ": the CRL of '"
                            + PKI.trustedIntermediate().certificate().getSubjectX500Principal().getName()
                            + "' was due to be replaced on 2026-01-08T00:00:00Z; revocations since then are not in"
                            + " it. Fix: download the current CRL from the CA"));

    @AfterAll
    static void stopServers() {
        PKI.close();
    }

    @Test
    void theStaleCrlIsStillUsed() {
        Calls.Outcome outcome = Calls.call(Stale.class, PKI.server(ServerCase.GOOD_CHAIN).uri());
        assertThat(outcome.ok()).as(outcome.detail()).isTrue();
        assertThat(Instant.now()).as("premise: the CRL is past its nextUpdate")
                .isAfter(Instant.parse("2026-01-08T00:00:00Z"));
    }

    @RegisterRestClient(configKey = "stale")
    public interface Stale extends Hello {
    }
}
