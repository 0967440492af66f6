package io.quarkiverse.restclient.verify.deployment.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.logging.Level;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.restclient.verify.deployment.Hello;
import io.quarkiverse.restclient.verify.deployment.LogLines;
import io.quarkiverse.restclient.verify.deployment.Pki;
import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;
import io.quarkiverse.restclient.verify.testpki.ServerCase;
import io.quarkiverse.restclient.verify.testpki.ServerScenarios;
import io.quarkus.test.QuarkusUnitTest;

/** One INFO line per client saying what it trusts and why; WARN lines for verify=false and doubtful CAs. */
class StartupLogTest {

    static final ServerScenarios PKI = ServerScenarios.shared("startup-log");
    static final Path DIR = Pki.tempDir("startup-log");
    static final Path BUNDLE = Pki.bundle(DIR.resolve("corp.pem"), PKI.trustedRoot().certificate(),
            PKI.trustedIntermediate().certificate(), PKI.unknownRoot().certificate());
    static final CertificateAuthority EXPIRED_CA = CertificateAuthority.root("Retired CA",
            Instant.parse("2015-01-01T00:00:00Z"), Instant.parse("2020-01-01T00:00:00Z"));
    static final Path DOUBTFUL = Pki.bundle(DIR.resolve("doubtful.pem"), EXPIRED_CA.certificate(),
            PKI.certificate(ServerCase.GOOD_CHAIN).certificate());

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Hello.class, Pki.class, LogLines.class, Github.class,
                    Legacy.class, Doubtful.class, Plain.class, OwnStore.class))
            .overrideConfigKey("quarkus.rest-client.github.verify", BUNDLE.toString())
            .overrideConfigKey("quarkus.rest-client.legacy.verify", "false")
            .overrideConfigKey("quarkus.rest-client.doubtful.verify", DOUBTFUL.toString())
            .overrideConfigKey("quarkus.rest-client.own-store.trust-store", DIR.resolve("whatever.p12").toString())
            .overrideConfigKey("quarkus.rest-client.own-store.trust-store-password", "unused")
            .setLogRecordPredicate(LogLines::ours)
            .assertLogRecords(records -> {
                List<String> info = LogLines.at(Level.INFO, records);
                List<String> warn = LogLines.at(Level.WARNING, records);
                assertThat(info).contains("REST client 'github' trusts file " + BUNDLE
                        + " (3 CA certificates) [quarkus.rest-client.github.verify]");
                assertThat(info).contains("REST client 'legacy' trusts nothing (verify=false: no certificate chain"
                        + " or hostname checks) [quarkus.rest-client.legacy.verify]");
                assertThat(info).anySatisfy(line -> assertThat(line)
                        .startsWith("REST client 'plain' trusts JDK default trust (")
                        .endsWith("CA certificates) [nothing configured]"));
                assertThat(info).contains("REST client 'own-store' keeps its own TLS settings"
                        + " (quarkus.rest-client.own-store.trust-store); set quarkus.rest-client.own-store.verify"
                        + " instead to have it managed here");
                assertThat(info).filteredOn(line -> line.startsWith("REST client '") && line.contains("trusts")
                        || line.contains("keeps its own")).hasSize(5);

                assertThat(warn).filteredOn(line -> line.contains("'legacy'")).singleElement().asString()
                        .contains("does NOT verify TLS certificates or hostnames")
                        .contains("quarkus.rest-client.legacy.verify=false")
                        .contains("impersonate the server")
                        .contains("Fix: trust the server's CA instead, e.g. quarkus.rest-client.legacy.verify=");
                assertThat(warn).anySatisfy(line -> assertThat(line)
                        .contains("REST client 'doubtful'")
                        .contains("CA certificate 'CN=Retired CA,O=Verify Tests' has expired")
                        .contains("valid from 2015-01-01T00:00:00Z to 2020-01-01T00:00:00Z"));
                assertThat(warn).anySatisfy(line -> assertThat(line)
                        .contains("REST client 'doubtful'")
                        .contains("certificate 'CN=good.test,O=Verify Tests' is not a CA certificate"));
                assertThat(warn).noneMatch(line -> line.contains("'github'") || line.contains("'plain'"));
            });

    @Test
    void startsAndLogs() {
        // The assertions run on the start-up log, in assertLogRecords.
        assertThat(BUNDLE).exists();
    }

    @RegisterRestClient(configKey = "github")
    public interface Github extends Hello {
    }

    @RegisterRestClient(configKey = "legacy")
    public interface Legacy extends Hello {
    }

    @RegisterRestClient(configKey = "doubtful")
    public interface Doubtful extends Hello {
    }

    @RegisterRestClient(configKey = "plain")
    public interface Plain extends Hello {
    }

    @RegisterRestClient(configKey = "own-store")
    public interface OwnStore extends Hello {
    }
}
