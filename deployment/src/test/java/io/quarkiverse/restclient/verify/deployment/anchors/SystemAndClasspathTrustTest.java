package io.quarkiverse.restclient.verify.deployment.anchors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.restclient.verify.deployment.Calls;
import io.quarkiverse.restclient.verify.deployment.Hello;
import io.quarkiverse.restclient.verify.deployment.LogLines;
import io.quarkiverse.restclient.verify.testpki.Pem;
import io.quarkiverse.restclient.verify.testpki.ServerCase;
import io.quarkiverse.restclient.verify.testpki.ServerScenarios;
import io.quarkus.test.QuarkusUnitTest;

/**
 * verify=classpath:... trusts a bundle shipped in the application, read and recorded at build time; verify=system the
 * distribution's bundle.
 */
class SystemAndClasspathTrustTest {

    static final ServerScenarios PKI = ServerScenarios.shared("system-classpath");
    static final Path DEBIAN_BUNDLE = Path.of("/etc/ssl/certs/ca-certificates.crt");

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Hello.class, Calls.class, LogLines.class, Shipped.class,
                    System.class)
                    .addAsResource(new StringAsset(Pem.certificates(PKI.trustedRoot().certificate())),
                            "certs/partner-ca.pem"))
            .overrideConfigKey("quarkus.rest-client.shipped.verify", "classpath:certs/partner-ca.pem")
            .overrideConfigKey("quarkus.rest-client.os.verify", "system,classpath:/certs/partner-ca.pem")
            .setLogRecordPredicate(LogLines::ours)
            .assertLogRecords(records -> {
                assertThat(records).map(LogLines::text).contains("REST client 'shipped' trusts classpath bundle"
                        + " certs/partner-ca.pem (1 CA certificate, read at build time)"
                        + " [quarkus.rest-client.shipped.verify]");
                if (Files.isReadable(DEBIAN_BUNDLE)) {
                    assertThat(records).map(LogLines::text).anySatisfy(line -> assertThat(line)
                            .startsWith("REST client 'os' trusts system trust " + DEBIAN_BUNDLE + " (")
                            .endsWith(" + classpath bundle certs/partner-ca.pem (1 CA certificate, read at build time)"
                                    + " [quarkus.rest-client.os.verify]"));
                }
            });

    @AfterAll
    static void stopServers() {
        PKI.close();
    }

    @Test
    void aClasspathBundleIsTrusted() {
        Calls.Outcome outcome = Calls.call(Shipped.class, PKI.server(ServerCase.GOOD_CHAIN).uri());
        assertThat(outcome.ok()).as(outcome.detail()).isTrue();
        assertThat(Calls.call(Shipped.class, PKI.server(ServerCase.UNKNOWN_ROOT).uri()).tlsFailure()).isTrue();
    }

    @Test
    void systemTrustIsTheDistributionBundle() {
        assumeTrue(Files.isReadable(DEBIAN_BUNDLE), "not a Debian-style machine");
        // The union with the shipped bundle reaches the test server; the system bundle alone would not.
        Calls.Outcome outcome = Calls.call(System.class, PKI.server(ServerCase.GOOD_CHAIN).uri());
        assertThat(outcome.ok()).as(outcome.detail()).isTrue();
    }

    @RegisterRestClient(configKey = "shipped")
    public interface Shipped extends Hello {
    }

    @RegisterRestClient(configKey = "os")
    public interface System extends Hello {
    }
}
