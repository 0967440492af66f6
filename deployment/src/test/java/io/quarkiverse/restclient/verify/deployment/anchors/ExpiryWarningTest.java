package io.quarkiverse.restclient.verify.deployment.anchors;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
import io.quarkiverse.restclient.verify.testpki.IssuedCertificate;
import io.quarkiverse.restclient.verify.testpki.Pem;
import io.quarkus.test.QuarkusUnitTest;

/**
 * A CA from the application's bundle and a client certificate that expire within verify-expiry-warning get one WARN
 * each, however many clients use them; the JDK's own CAs, also trusted here, are not watched.
 */
class ExpiryWarningTest {

    static final Path DIR = Pki.tempDir("expiry");
    static final Path BUNDLE = DIR.resolve("cas.pem");
    static final Path CLIENT = DIR.resolve("client.pem");

    static {
        // Written once: a Quarkus test initialises this class twice, and the application reads the first files.
        if (!Files.exists(BUNDLE)) {
            Instant now = Instant.now();
            CertificateAuthority retiring = CertificateAuthority.root("Retiring CA", now.minus(Duration.ofDays(300)),
                    now.plus(Duration.ofDays(10)).plus(Duration.ofHours(1)));
            CertificateAuthority fresh = CertificateAuthority.root("Fresh CA");
            IssuedCertificate client = fresh.client("short-lived", now.minus(Duration.ofDays(1)),
                    now.plus(Duration.ofDays(5)).plus(Duration.ofHours(1)));
            Pem.write(CLIENT, Pem.certificates(client.chain()) + Pem.privateKey(client.privateKey()));
            Pem.write(BUNDLE, Pem.certificates(retiring.certificate(), fresh.certificate()));
        }
    }

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Hello.class, Pki.class, LogLines.class, One.class, Two.class))
            .overrideConfigKey("quarkus.rest-client.one.verify", "default," + BUNDLE)
            .overrideConfigKey("quarkus.rest-client.two.verify", "default," + BUNDLE)
            .overrideConfigKey("quarkus.rest-client.two.cert", CLIENT.toString())
            .setLogRecordPredicate(LogLines::ours)
            .assertLogRecords(records -> {
                List<String> warnings = LogLines.at(Level.WARNING, records);
                assertThat(warnings).hasSize(2);
                assertThat(warnings.get(0)).startsWith("REST client 'one' [quarkus.rest-client.one.verify]: CA"
                        + " 'CN=Retiring CA,O=Verify Tests' expires on ").endsWith(" (in 10 days). Fix: add the"
                                + " CA's successor to the bundle before then");
                assertThat(warnings.get(1)).startsWith("REST client 'two' [quarkus.rest-client.two.cert]: client"
                        + " certificate 'CN=short-lived,O=Verify Tests' expires on ").contains("(in 5 days)");
            });

    @Test
    void startsWithOneWarningPerCertificate() {
        // The warnings are asserted by assertLogRecords above, once the application has stopped.
    }

    @RegisterRestClient(configKey = "one")
    public interface One extends Hello {
    }

    @RegisterRestClient(configKey = "two")
    public interface Two extends Hello {
    }
}
