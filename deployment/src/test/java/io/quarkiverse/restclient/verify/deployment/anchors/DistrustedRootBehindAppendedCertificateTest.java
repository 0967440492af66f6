package io.quarkiverse.restclient.verify.deployment.anchors;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.restclient.verify.SslVerificationException;
import io.quarkiverse.restclient.verify.deployment.Calls;
import io.quarkiverse.restclient.verify.deployment.Hello;
import io.quarkiverse.restclient.verify.mozillaca.MozillaCaArtifact;
import io.quarkiverse.restclient.verify.mozillaca.MozillaCaBundleGenerator;
import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;
import io.quarkiverse.restclient.verify.testpki.IssuedCertificate;
import io.quarkiverse.restclient.verify.testpki.TlsTestServer;
import io.quarkiverse.restclient.verify.trust.anchors.MozillaCaBundle;
import io.quarkus.test.QuarkusUnitTest;

/**
 * verify=mozilla with a root whose distrust-after date precedes the server's certificate, and a server that appends
 * an unrelated certificate after its chain: the root is read from the validated path, not from the last certificate
 * presented, so the call still fails as DISTRUSTED_ROOT.
 */
class DistrustedRootBehindAppendedCertificateTest {

    // Quarkus initialises this class in two class loaders: the PKI and server are made once and shared through
    // system properties, so the bundle the application ships and the server the test calls use the same root.
    private static final String SHARED = "verify.tests.distrusted-root-padded.";
    static final Instant DISTRUST_AFTER = shared();

    static Instant shared() {
        synchronized (System.getProperties()) {
            if (System.getProperty(SHARED + "date") == null) {
                Instant date = Instant.now().minus(Duration.ofDays(10)).truncatedTo(ChronoUnit.SECONDS);
                CertificateAuthority root = CertificateAuthority.root("Dated Root Behind Padding");
                IssuedCertificate leaf = root.server("localhost", List.of("localhost"), List.of("127.0.0.1"),
                        date.plus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(90)));
                TlsTestServer padded = TlsTestServer.start(leaf.privateKey(), List.of(leaf.certificate(),
                        CertificateAuthority.root("Unrelated Padding").certificate()));
                System.getProperties().put(SHARED + "server", padded);
                System.setProperty(SHARED + "padded", padded.uri().toString());
                System.setProperty(SHARED + "bundle", bundle(root, date));
                System.setProperty(SHARED + "date", date.toString());
            }
            return Instant.parse(System.getProperty(SHARED + "date"));
        }
    }

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Hello.class, Calls.class, Padded.class)
                    .addAsResource(new StringAsset(System.getProperty(SHARED + "bundle")), MozillaCaBundle.RESOURCE)
                    // verify=mozilla reads the bundle only beside the artifact's marker class: the test's bundle
                    // stands in for the artifact, so the application ships a copy of the marker with it.
                    .addAsResource(MozillaCaArtifact.class.getResource("MozillaCaArtifact.class"),
                            MozillaCaBundle.MARKER))
            .overrideConfigKey("quarkus.rest-client.padded.verify", "mozilla");

    static String bundle(CertificateAuthority root, Instant distrustAfter) {
        try {
            return MozillaCaBundleGenerator.write(List.of(new MozillaCaBundleGenerator.Root("Dated Root Behind Padding",
                    root.certificate().getEncoded(), Optional.of(distrustAfter))),
                    new MozillaCaBundleGenerator.Release("test-padded", LocalDate.now(), "test"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void stopServer() throws Exception {
        Object server = System.getProperties().remove(SHARED + "server");
        if (server != null) {
            ((AutoCloseable) server).close();
        }
    }

    @Test
    void theAppendedCertificateDoesNotHideTheDatedRoot() {
        Calls.Outcome outcome = Calls.call(Padded.class, URI.create(System.getProperty(SHARED + "padded")));

        assertThat(outcome.failure()).as(outcome.detail()).isInstanceOf(SslVerificationException.class);
        SslVerificationException e = (SslVerificationException) outcome.failure();
        assertThat(e.reason()).isEqualTo(SslVerificationException.Reason.DISTRUSTED_ROOT);
        assertThat(e.getMessage()).contains("under the root 'CN=Dated Root Behind Padding,O=Verify Tests', which"
                + " Mozilla distrusts for TLS server certificates issued after " + DISTRUST_AFTER);
    }

    @RegisterRestClient(configKey = "padded")
    public interface Padded extends Hello {
    }
}
