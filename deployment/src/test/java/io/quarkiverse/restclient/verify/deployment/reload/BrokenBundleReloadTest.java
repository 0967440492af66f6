package io.quarkiverse.restclient.verify.deployment.reload;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.restclient.verify.SslVerificationException;
import io.quarkiverse.restclient.verify.TrustReloadFailedEvent;
import io.quarkiverse.restclient.verify.deployment.Calls;
import io.quarkiverse.restclient.verify.deployment.Hello;
import io.quarkiverse.restclient.verify.deployment.LogLines;
import io.quarkiverse.restclient.verify.deployment.Pki;
import io.quarkiverse.restclient.verify.deployment.ReloadEvents;
import io.quarkiverse.restclient.verify.testpki.MountedDirectory;
import io.quarkiverse.restclient.verify.testpki.Pem;
import io.quarkiverse.restclient.verify.testpki.ServerCase;
import io.quarkiverse.restclient.verify.testpki.ServerScenarios;
import io.quarkus.test.QuarkusUnitTest;

/**
 * A rotation to a half-written bundle, then to an empty one, keeps the last good trust: one ERROR and one failure
 * event per bad content, however often it is checked. The fixed bundle that follows is put into use.
 */
class BrokenBundleReloadTest {

    static final ServerScenarios PKI = ServerScenarios.shared("broken-reload");
    static final String GOOD = Pem.certificates(PKI.trustedRoot().certificate());
    static final String HALF_WRITTEN = GOOD.substring(0, GOOD.length() / 2);
    static final MountedDirectory SECRET = MountedDirectory.create(Pki.tempDir("broken-reload").resolve("secret"),
            Map.of("ca.pem", GOOD));
    static final Path CA = SECRET.file("ca.pem");
    // A second client's bundle, changed on purpose to see the reloader's later checks happen.
    static final List<String> PROBE_CONTENTS = List.of(Pem.certificates(PKI.unknownRoot().certificate()), GOOD);
    static final MountedDirectory PROBE = MountedDirectory.create(Pki.tempDir("broken-reload").resolve("probe"),
            Map.of("ca.pem", GOOD));
    static int probeChanges;

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Hello.class, Pki.class, Calls.class, LogLines.class,
                    ReloadEvents.class, Partner.class, Probe.class))
            .overrideConfigKey("quarkus.rest-client.partner.verify", CA.toString())
            .overrideConfigKey("quarkus.rest-client.probe.verify", PROBE.file("ca.pem").toString())
            .overrideConfigKey("quarkus.rest-client.verify-reload-period", "100ms")
            .setLogRecordPredicate(LogLines::ours)
            .assertLogRecords(records -> {
                List<String> errors = LogLines.at(Level.SEVERE, records);
                assertThat(errors).hasSize(2);
                assertThat(errors.get(0)).startsWith(CA + " changed, but the new content cannot be used: " + CA
                        + ": line 1: the CERTIFICATE block that starts here has no -----END CERTIFICATE----- line")
                        .endsWith("Still in use: the content loaded before, by REST client 'partner'"
                                + " [quarkus.rest-client.partner.verify]. Fix the file; it is checked again on the next"
                                + " reload");
                assertThat(errors.get(1)).contains(CA + ": the file is empty");
            });

    @AfterAll
    static void stopServers() {
        PKI.close();
    }

    @Test
    void brokenContentKeepsTheLastGoodTrust() {
        assertThat(Calls.call(Partner.class, PKI.server(ServerCase.GOOD_CHAIN).uri()).ok()).isTrue();

        SECRET.update(Map.of("ca.pem", HALF_WRITTEN));
        TrustReloadFailedEvent halfWritten = ReloadEvents.failed("partner", 1);
        assertThat(halfWritten.property()).isEqualTo("quarkus.rest-client.partner.verify");
        assertThat(halfWritten.reason()).contains("no -----END CERTIFICATE----- line");
        awaitLaterChecks();
        Calls.Outcome stillTrusted = Calls.call(Partner.class, PKI.server(ServerCase.GOOD_CHAIN).uri());
        assertThat(stillTrusted.ok()).as(stillTrusted.detail()).isTrue();

        SECRET.update(Map.of("ca.pem", ""));
        assertThat(ReloadEvents.failed("partner", 2).reason()).endsWith("the file is empty");
        awaitLaterChecks();
        assertThat(ReloadEvents.FAILED).as("one event per bad content").hasSize(2);
        assertThat(Calls.call(Partner.class, PKI.server(ServerCase.GOOD_CHAIN).uri()).ok()).isTrue();

        SECRET.update(Map.of("ca.pem", Pem.certificates(PKI.unknownRoot().certificate())));
        ReloadEvents.reloaded("partner", 1);
        Calls.Outcome nowTrusted = Calls.call(Partner.class, PKI.server(ServerCase.UNKNOWN_ROOT).uri());
        assertThat(nowTrusted.ok()).as(nowTrusted.detail()).isTrue();
        Calls.Outcome nowRejected = Calls.call(Partner.class, PKI.server(ServerCase.GOOD_CHAIN).uri());
        assertThat(nowRejected.failure()).isInstanceOf(SslVerificationException.class);
    }

    /**
     * Waits, with a deadline per step, until the reloader has checked every file again after what the test saw last:
     * the probe's bundle changes three times, each change awaited, and three reloads of it span at least one
     * complete later pass over all files. No fixed sleep: under load this waits longer, never checks less.
     */
    private static void awaitLaterChecks() {
        for (int i = 0; i < 3; i++) {
            PROBE.update(Map.of("ca.pem", PROBE_CONTENTS.get(probeChanges % 2)));
            ReloadEvents.reloaded("probe", ++probeChanges);
        }
    }

    @RegisterRestClient(configKey = "probe")
    public interface Probe extends Hello {
    }

    @RegisterRestClient(configKey = "partner")
    public interface Partner extends Hello {
    }
}
