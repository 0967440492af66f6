package io.quarkiverse.restclient.verify.deployment.anchors;

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

/**
 * Three clients share a bundle with an expired CA and a server certificate in it: each doubtful certificate is
 * warned about once for the file, not once per client, and the start-up lines count the server certificate as pinned.
 */
class DoubtfulBundleSharedByClientsTest {

    static final ServerScenarios PKI = ServerScenarios.shared("doubtful-shared");
    static final Path DIR = Pki.tempDir("doubtful-shared");
    static final CertificateAuthority EXPIRED_CA = CertificateAuthority.root("Shared Retired CA",
            Instant.parse("2015-01-01T00:00:00Z"), Instant.parse("2020-01-01T00:00:00Z"));
    static final Path DOUBTFUL = Pki.bundle(DIR.resolve("doubtful.pem"), EXPIRED_CA.certificate(),
            PKI.certificate(ServerCase.GOOD_CHAIN).certificate());

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Hello.class, Pki.class, LogLines.class, First.class,
                    Second.class, Third.class))
            // The global value, as an inherited bundle reaches every client without a verify of its own.
            .overrideConfigKey("quarkus.rest-client.verify", DOUBTFUL.toString())
            .overrideConfigKey("quarkus.rest-client.third.verify", "default," + DOUBTFUL)
            .setLogRecordPredicate(LogLines::ours)
            .assertLogRecords(records -> {
                List<String> warn = LogLines.at(Level.WARNING, records);
                assertThat(warn).filteredOn(line -> line.contains("'CN=Shared Retired CA,O=Verify Tests' has expired"))
                        .hasSize(1);
                assertThat(warn).filteredOn(line -> line.contains("'CN=good.test,O=Verify Tests' is not a CA"))
                        .hasSize(1);
                assertThat(LogLines.at(Level.INFO, records)).contains("REST client 'first' trusts file " + DOUBTFUL
                        + " (1 CA certificate + 1 pinned server certificate) [quarkus.rest-client.verify]");
            });

    @Test
    void eachDoubtfulCertificateIsWarnedOnce() {
        // The assertions run on the start-up log, in assertLogRecords.
        assertThat(DOUBTFUL).exists();
    }

    @RegisterRestClient(configKey = "first")
    public interface First extends Hello {
    }

    @RegisterRestClient(configKey = "second")
    public interface Second extends Hello {
    }

    @RegisterRestClient(configKey = "third")
    public interface Third extends Hello {
    }
}
