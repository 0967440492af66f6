package io.quarkiverse.restclient.verify.deployment.anchors;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.restclient.verify.SslVerificationException;
import io.quarkiverse.restclient.verify.deployment.Calls;
import io.quarkiverse.restclient.verify.deployment.Hello;
import io.quarkiverse.restclient.verify.deployment.LogLines;
import io.quarkiverse.restclient.verify.mozillaca.MozillaCaArtifact;
import io.quarkiverse.restclient.verify.mozillaca.MozillaCaBundleGenerator;
import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;
import io.quarkiverse.restclient.verify.testpki.TlsTestServer;
import io.quarkiverse.restclient.verify.trust.anchors.MozillaCaBundle;
import io.quarkus.test.QuarkusUnitTest;

/**
 * A Mozilla bundle written by the artifact's generator, shipped in the application in place of the artifact's, with
 * a test root whose distrust-after date lies between the notBefore of two server certificates: through the REST
 * client, the older certificate passes and the newer one fails as DISTRUSTED_ROOT with the dates in the message.
 * The real artifact is on the class path too; the application holds a copy of the artifact's marker class next to
 * its bundle, which makes it the artifact (the class loader looks in the application first): the start-up line shows
 * that the test's bundle is the one read.
 */
class DistrustedMozillaRootCallTest {

    // Quarkus initialises this class in two class loaders: the PKI and servers are made once and shared through
    // system properties, so the bundle the application ships and the servers the test calls use the same root.
    private static final String SHARED = "verify.tests.distrusted-mozilla-root.";
    static final Instant DISTRUST_AFTER = shared();

    static Instant shared() {
        synchronized (System.getProperties()) {
            if (System.getProperty(SHARED + "date") == null) {
                Instant date = Instant.now().minus(Duration.ofDays(10)).truncatedTo(ChronoUnit.SECONDS);
                CertificateAuthority root = CertificateAuthority.root("Dated Mozilla Root");
                Instant notAfter = Instant.now().plus(Duration.ofDays(90));
                TlsTestServer newer = TlsTestServer.start(root.server("localhost", List.of("localhost"),
                        List.of("127.0.0.1"), date.plus(Duration.ofDays(1)), notAfter));
                TlsTestServer older = TlsTestServer.start(root.server("localhost", List.of("localhost"),
                        List.of("127.0.0.1"), date.minus(Duration.ofDays(1)), notAfter));
                System.getProperties().put(SHARED + "servers", (AutoCloseable) () -> TlsTestServer.closeAll(
                        List.of(newer, older)));
                System.setProperty(SHARED + "newer", newer.uri().toString());
                System.setProperty(SHARED + "older", older.uri().toString());
                System.setProperty(SHARED + "bundle", bundle(root, date));
                System.setProperty(SHARED + "date", date.toString());
            }
            return Instant.parse(System.getProperty(SHARED + "date"));
        }
    }

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Hello.class, Calls.class, LogLines.class, Browserlike.class)
                    .addAsResource(new StringAsset(System.getProperty(SHARED + "bundle")), MozillaCaBundle.RESOURCE)
                    .addAsResource(MozillaCaArtifact.class.getResource("MozillaCaArtifact.class"), MozillaCaBundle.MARKER))
            .overrideConfigKey("quarkus.rest-client.browserlike.verify", "mozilla")
            .setLogRecordPredicate(LogLines::ours)
            .assertLogRecords(records -> assertThat(LogLines.at(Level.INFO, records)).contains(
                    "REST client 'browserlike' trusts Mozilla CA bundle test-1 of " + LocalDate.now()
                            + " (1 CA certificate) [quarkus.rest-client.browserlike.verify]"));

    static String bundle(CertificateAuthority root, Instant distrustAfter) {
        try {
            return MozillaCaBundleGenerator.write(List.of(new MozillaCaBundleGenerator.Root("Dated Mozilla Root",
                    root.certificate().getEncoded(), Optional.of(distrustAfter))),
                    new MozillaCaBundleGenerator.Release("test-1", LocalDate.now(), "test"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void stopServers() throws Exception {
        Object servers = System.getProperties().remove(SHARED + "servers");
        if (servers != null) {
            ((AutoCloseable) servers).close();
        }
    }

    @Test
    void issuedBeforeTheDatePassesAndAfterItFailsExplained() {
        Calls.Outcome older = Calls.call(Browserlike.class, URI.create(System.getProperty(SHARED + "older")));
        assertThat(older.ok()).as(older.detail()).isTrue();

        Calls.Outcome newer = Calls.call(Browserlike.class, URI.create(System.getProperty(SHARED + "newer")));
        assertThat(newer.failure()).isInstanceOf(SslVerificationException.class);
        SslVerificationException e = (SslVerificationException) newer.failure();
        assertThat(e.reason()).isEqualTo(SslVerificationException.Reason.DISTRUSTED_ROOT);
        assertThat(e.getMessage())
                .contains("REST client 'browserlike'")
                .contains("under the root 'CN=Dated Mozilla Root,O=Verify Tests', which Mozilla distrusts for TLS"
                        + " server certificates issued after " + DISTRUST_AFTER)
                .contains("was issued on " + DISTRUST_AFTER.plus(Duration.ofDays(1)))
                .contains("Have the server's certificate reissued by a CA Mozilla trusts today");
    }

    @RegisterRestClient(configKey = "browserlike")
    public interface Browserlike extends Hello {
    }
}
