package io.quarkiverse.restclient.verify.deployment.anchors;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.restclient.verify.SslVerificationException;
import io.quarkiverse.restclient.verify.SslVerificationException.Reason;
import io.quarkiverse.restclient.verify.deployment.Calls;
import io.quarkiverse.restclient.verify.deployment.Hello;
import io.quarkiverse.restclient.verify.deployment.LogLines;
import io.quarkiverse.restclient.verify.deployment.Pki;
import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;
import io.quarkiverse.restclient.verify.testpki.Pem;
import io.quarkiverse.restclient.verify.testpki.PkiFiles;
import io.quarkiverse.restclient.verify.testpki.TlsTestServer;
import io.quarkiverse.restclient.verify.trust.anchors.OpenSslSubjectHash;
import io.quarkus.test.QuarkusUnitTest;

/**
 * OpenSSL trust settings ({@code BEGIN TRUSTED CERTIFICATE} with trust and reject lists, as in Fedora's
 * ca-bundle.trust.crt) decide what anchors a chain, in bundle files and hashed directories alike: a CA rejected for TLS
 * server authentication, or trusted only for e-mail, anchors nothing; one trusted for serverAuth does.
 */
class OpenSslTrustSettingsTest {

    static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    static final String EMAIL = "1.3.6.1.5.5.7.3.4";
    static final Path DIR = Pki.tempDir("trust-settings");
    // Made once per JVM: Quarkus initialises this class in two class loaders, and both must trust the same CAs.
    static final CertificateAuthority REJECTED = PkiFiles.sharedCa(DIR, "rejected",
            () -> CertificateAuthority.root("Distrusted Root"));
    static final CertificateAuthority EMAIL_ONLY = PkiFiles.sharedCa(DIR, "email-only",
            () -> CertificateAuthority.root("Mail Only Root"));
    static final CertificateAuthority SERVER_AUTH_ROOT = PkiFiles.sharedCa(DIR, "server-auth",
            () -> CertificateAuthority.root("Server Auth Root"));
    static final List<String> BLOCKS = List.of(
            Pem.trustedCertificate(REJECTED.certificate(), null, List.of(SERVER_AUTH)),
            Pem.trustedCertificate(EMAIL_ONLY.certificate(), List.of(EMAIL), List.of()),
            Pem.trustedCertificate(SERVER_AUTH_ROOT.certificate(), List.of(SERVER_AUTH), List.of()));
    static final Path BUNDLE = Pem.write(DIR.resolve("ca-bundle.trust.crt"), String.join("", BLOCKS));
    static final Path HASHED = hashedDirectory(DIR.resolve("hashed"));
    static final TlsTestServer UNDER_REJECTED = server(REJECTED, "rejected.test");
    static final TlsTestServer UNDER_EMAIL_ONLY = server(EMAIL_ONLY, "mail.test");
    static final TlsTestServer UNDER_SERVER_AUTH = server(SERVER_AUTH_ROOT, "server-auth.test");

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Hello.class, Pki.class, Calls.class, LogLines.class,
                    ByBundle.class, ByDirectory.class))
            .overrideConfigKey("quarkus.rest-client.by-bundle.verify", BUNDLE.toString())
            .overrideConfigKey("quarkus.rest-client.by-directory.verify", HASHED.toString())
            .setLogRecordPredicate(LogLines::ours)
            .assertLogRecords(records -> assertThat(LogLines.at(Level.INFO, records))
                    .contains("REST client 'by-bundle' trusts file " + BUNDLE + " (1 CA certificate; 2 left out for"
                            + " TLS server authentication: 'CN=Distrusted Root,O=Verify Tests' (line 1: its OpenSSL"
                            + " trust settings reject TLS server authentication), 'CN=Mail Only Root,O=Verify Tests'"
                            + " (line 13: its OpenSSL trust settings trust it only for e-mail protection, not for TLS"
                            + " server authentication)) [quarkus.rest-client.by-bundle.verify]"));

    @AfterAll
    static void stopServers() {
        TlsTestServer.closeAll(List.of(UNDER_REJECTED, UNDER_EMAIL_ONLY, UNDER_SERVER_AUTH));
    }

    @Test
    void aBundleHonoursRejectAndTrustLists() {
        assertUnknownIssuer(Calls.call(ByBundle.class, UNDER_REJECTED.uri()));
        assertUnknownIssuer(Calls.call(ByBundle.class, UNDER_EMAIL_ONLY.uri()));
        Calls.Outcome trusted = Calls.call(ByBundle.class, UNDER_SERVER_AUTH.uri());
        assertThat(trusted.ok()).as(trusted.detail()).isTrue();
    }

    @Test
    void aHashedDirectoryHonoursThemAlike() {
        assertUnknownIssuer(Calls.call(ByDirectory.class, UNDER_REJECTED.uri()));
        assertUnknownIssuer(Calls.call(ByDirectory.class, UNDER_EMAIL_ONLY.uri()));
        Calls.Outcome trusted = Calls.call(ByDirectory.class, UNDER_SERVER_AUTH.uri());
        assertThat(trusted.ok()).as(trusted.detail()).isTrue();
    }

    private static void assertUnknownIssuer(Calls.Outcome outcome) {
        assertThat(outcome.ok()).as("a CA whose trust settings exclude TLS servers anchored the chain").isFalse();
        assertThat(outcome.failure()).as(outcome.detail()).isInstanceOf(SslVerificationException.class);
        assertThat(((SslVerificationException) outcome.failure()).reason()).isEqualTo(Reason.UNKNOWN_ISSUER);
    }

    private static TlsTestServer server(CertificateAuthority root, String name) {
        return TlsTestServer.start(root.intermediate(name + " Issuing").server(name, List.of("localhost"),
                List.of("127.0.0.1")));
    }

    private static Path hashedDirectory(Path dir) {
        try {
            Pki.clean(dir);
            List<CertificateAuthority> roots = List.of(REJECTED, EMAIL_ONLY, SERVER_AUTH_ROOT);
            for (int i = 0; i < roots.size(); i++) {
                Path file = Pem.write(dir.resolve("root-" + i + ".pem"), BLOCKS.get(i));
                Files.createSymbolicLink(dir.resolve(OpenSslSubjectHash.of(roots.get(i).certificate()) + ".0"),
                        file.getFileName());
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @RegisterRestClient(configKey = "by-bundle")
    public interface ByBundle extends Hello {
    }

    @RegisterRestClient(configKey = "by-directory")
    public interface ByDirectory extends Hello {
    }
}
