package io.quarkiverse.restclient.verify.deployment.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.restclient.verify.SslVerificationException;
import io.quarkiverse.restclient.verify.deployment.Calls;
import io.quarkiverse.restclient.verify.deployment.Hello;
import io.quarkiverse.restclient.verify.testpki.Pem;
import io.quarkiverse.restclient.verify.testpki.ServerCase;
import io.quarkiverse.restclient.verify.testpki.ServerScenarios;
import io.quarkiverse.restclient.verify.testpki.TlsTestServer;
import io.quarkus.test.QuarkusUnitTest;

/**
 * Runs in the JVM started with REQUESTS_CA_BUNDLE, CURL_CA_BUNDLE, SSL_CERT_FILE and SSL_CERT_DIR set (see the
 * deployment pom): a client with verify=default that meets a server one of those files trusts is told the variable,
 * the file and the value that adds it. A file whose root only has the accepting root's name is not named, and
 * SSL_CERT_DIR naming a named pipe neither blocks the explanation nor is named.
 */
class EnvironmentTrustNamedTest {

    // The same scenarios and files as EnvironmentFallbackTest, written the same way: whichever runs first writes them.
    static final ServerScenarios PKI = ServerScenarios.shared("environment");
    static final Path REQUESTS = Pem.write(Path.of("target/env-trust/requests-ca.pem").toAbsolutePath(),
            Pem.certificates(PKI.trustedRoot().certificate()));
    static final Path CURL = Pem.write(Path.of("target/env-trust/curl-ca.pem").toAbsolutePath(),
            Pem.certificates(PKI.unknownRoot().certificate()));
    // Its root carries the name of REQUESTS_CA_BUNDLE's root, with a key of its own.
    static final ServerScenarios SSL_CERT_FILE_PKI = ServerScenarios.shared("environment-ssl-cert-file");
    static final Path SSL_CERT_FILE = Pem.write(Path.of("target/env-trust/ssl-cert-file.pem").toAbsolutePath(),
            Pem.certificates(SSL_CERT_FILE_PKI.trustedRoot().certificate()));
    static final Path SSL_CERT_DIR = pipe(Path.of("target/env-trust/pipe").toAbsolutePath());

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Hello.class, Calls.class, Explicit.class))
            .overrideConfigKey("quarkus.rest-client.explicit-default.verify", "default");

    static Path pipe(Path path) {
        try {
            if (!Files.exists(path)) {
                Files.createDirectories(path.getParent());
                Process mkfifo = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
                if (mkfifo.waitFor() != 0) {
                    throw new IllegalStateException("mkfifo failed");
                }
            }
            return path;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void stopServers() {
        PKI.close();
        SSL_CERT_FILE_PKI.close();
    }

    @Test
    void requestsCaBundleIsNamedWithItsFile() {
        SslVerificationException e = failure(PKI.server(ServerCase.GOOD_CHAIN));

        assertThat(e.hints().get(0)).isEqualTo("The file " + REQUESTS + " named by REQUESTS_CA_BUNDLE trusts 'CN=Verify"
                + " Test Root CA,O=Verify Tests' (Python requests and curl read it):"
                + " quarkus.rest-client.explicit-default.verify=default," + REQUESTS);
        assertThat(e.getMessage()).contains("\nOther trust this application could use: REQUESTS_CA_BUNDLE (file "
                + REQUESTS + " (1 CA certificate)) accepts this chain.\n");
    }

    @Test
    void sslCertFileIsNamedAndTheFileWithOnlyTheSameRootNameIsNot() {
        SslVerificationException e = failure(SSL_CERT_FILE_PKI.server(ServerCase.GOOD_CHAIN));

        assertThat(e.hints().get(0)).isEqualTo("The file " + SSL_CERT_FILE + " named by SSL_CERT_FILE trusts"
                + " 'CN=Verify Test Root CA,O=Verify Tests' (Python requests and curl read it):"
                + " quarkus.rest-client.explicit-default.verify=default," + SSL_CERT_FILE);
        assertThat(e.getMessage()).doesNotContain("REQUESTS_CA_BUNDLE (file");
    }

    @Test
    void curlCaBundleIsNamed() {
        SslVerificationException e = failure(PKI.server(ServerCase.UNKNOWN_ROOT));

        assertThat(e.hints().get(0)).isEqualTo("The file " + CURL + " named by CURL_CA_BUNDLE trusts 'CN=Unknown Root"
                + " CA,O=Verify Tests' (Python requests and curl read it):"
                + " quarkus.rest-client.explicit-default.verify=default," + CURL);
    }

    @Test
    void aPipeAsSslCertDirNeitherBlocksNorIsNamed() {
        assumeTrue(Files.exists(SSL_CERT_DIR), "needs mkfifo");
        TlsTestServer server = PKI.server(ServerCase.SELF_SIGNED);

        SslVerificationException e = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> failure(server));

        assertThat(e.getMessage()).contains("Other trust this application could use: none accepts this chain (checked:")
                .doesNotContain("SSL_CERT_DIR");
    }

    private static SslVerificationException failure(TlsTestServer server) {
        Calls.Outcome outcome = Calls.call(Explicit.class, server.uri());
        assertThat(outcome.failure()).as(outcome.word()).isInstanceOf(SslVerificationException.class);
        return (SslVerificationException) outcome.failure();
    }

    @RegisterRestClient(configKey = "explicit-default")
    public interface Explicit extends Hello {
    }
}
