package io.quarkiverse.restclient.verify.deployment.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.restclient.verify.SslVerificationException;
import io.quarkiverse.restclient.verify.deployment.Calls;
import io.quarkiverse.restclient.verify.deployment.Hello;
import io.quarkiverse.restclient.verify.deployment.Pki;
import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;
import io.quarkiverse.restclient.verify.testpki.NameConstraintsExtensions;
import io.quarkiverse.restclient.verify.testpki.PkiFiles;
import io.quarkiverse.restclient.verify.testpki.TlsTestServer;
import io.quarkus.test.QuarkusUnitTest;

/**
 * A root whose own name constraints permit only {@code example.com} issued a certificate for {@code localhost}.
 * Python requests refuses ("permitted subtree violation"); the JDK alone ignores an anchor's constraints. Every kind
 * of trust holding the root refuses the call and explains it; a certificate for an allowed name still passes.
 */
class AnchorNameConstraintsCallTest {

    static final Path DIR = Pki.tempDir("anchor-nc-call");
    // Shared through files: Quarkus initialises the test class in two class loaders, both must trust the same CAs.
    static final CertificateAuthority ROOT = PkiFiles.sharedCa(DIR, "root", () -> CertificateAuthority
            .rootWithExtensions("Example Only Root", List.of(NameConstraintsExtensions.permittedDns("example.com"))));
    static final CertificateAuthority ISSUING = PkiFiles.sharedCa(DIR, "issuing",
            () -> ROOT.intermediate("Example Only Issuing CA"));
    static final CertificateAuthority PINNED = PkiFiles.sharedCa(DIR, "pinned",
            () -> CertificateAuthority.root("Unconstrained Root")
                    .withIssuedExtension(NameConstraintsExtensions.permittedDns("example.com"))
                    .intermediate("Pinned Example Only CA"));
    static final TlsTestServer OUTSIDE = TlsTestServer.start(ISSUING.server("localhost", List.of("localhost"),
            List.of("127.0.0.1")));
    static final TlsTestServer INSIDE = TlsTestServer.start(ISSUING.server("www.example.com",
            List.of("www.example.com"), List.of("127.0.0.1")));
    static final TlsTestServer UNDER_PINNED = TlsTestServer.start(PINNED.server("localhost", List.of("localhost"),
            List.of("127.0.0.1")));
    static final Path BUNDLE = Pki.bundle(DIR.resolve("root.pem"), ROOT.certificate());
    static final Path CAPATH = Pki.hashedDirectory(DIR.resolve("capath"), ROOT.certificate());
    static final Path PINNED_BUNDLE = Pki.bundle(DIR.resolve("pinned.pem"), PINNED.certificate());

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Hello.class, Pki.class, Calls.class, BundleClient.class,
                    DirectoryClient.class, UnionClient.class, PinnedClient.class))
            .overrideConfigKey("quarkus.rest-client.bundle.verify", BUNDLE.toString())
            .overrideConfigKey("quarkus.rest-client.directory.verify", CAPATH.toString())
            .overrideConfigKey("quarkus.rest-client.union.verify", "default," + BUNDLE)
            .overrideConfigKey("quarkus.rest-client.pinned.verify", PINNED_BUNDLE.toString());

    @AfterAll
    static void stopServers() {
        OUTSIDE.close();
        INSIDE.close();
        UNDER_PINNED.close();
    }

    @Test
    void aBundleRefusesANameItsRootDoesNotPermitAndExplains() {
        SslVerificationException e = refused(BundleClient.class, OUTSIDE);
        assertThat(e.getMessage()).contains("'CN=Example Only Root,O=Verify Tests' is trusted only for some names")
                .contains("permits only DNS:example.com").contains("holds DNS:localhost")
                .contains("permitted subtree violation");
        assertThat(e.hints().get(0)).contains("Fix the server");
        assertThat(e.hints().get(2)).contains("quarkus.rest-client.bundle.verify");
    }

    @Test
    void aHashedDirectoryAndAUnionRefuseItToo() {
        assertThat(refused(DirectoryClient.class, OUTSIDE).getMessage()).contains("permitted subtree violation");
        assertThat(refused(UnionClient.class, OUTSIDE).getMessage()).contains("permitted subtree violation");
    }

    @Test
    void aPinnedIntermediateWithConstraintsRefusesItToo() {
        assertThat(refused(PinnedClient.class, UNDER_PINNED).getMessage())
                .contains("'CN=Pinned Example Only CA,O=Verify Tests' is trusted only for some names");
    }

    @Test
    void aNameTheRootPermitsIsStillAccepted() {
        for (Class<? extends Hello> client : List.of(BundleClient.class, DirectoryClient.class, UnionClient.class)) {
            Calls.Outcome outcome = Calls.call(client, INSIDE.uri());
            assertThat(outcome.ok()).as(client.getSimpleName() + ": " + outcome.detail()).isTrue();
        }
    }

    private static SslVerificationException refused(Class<? extends Hello> client, TlsTestServer server) {
        Calls.Outcome outcome = Calls.call(client, server.uri());
        assertThat(outcome.ok()).as(client.getSimpleName() + ": requests refuses it, so must this client").isFalse();
        assertThat(outcome.failure()).isInstanceOf(SslVerificationException.class);
        SslVerificationException e = (SslVerificationException) outcome.failure();
        assertThat(e.reason()).isEqualTo(SslVerificationException.Reason.UNKNOWN_ISSUER);
        return e;
    }

    @RegisterRestClient(configKey = "bundle")
    public interface BundleClient extends Hello {
    }

    @RegisterRestClient(configKey = "directory")
    public interface DirectoryClient extends Hello {
    }

    @RegisterRestClient(configKey = "union")
    public interface UnionClient extends Hello {
    }

    @RegisterRestClient(configKey = "pinned")
    public interface PinnedClient extends Hello {
    }
}
