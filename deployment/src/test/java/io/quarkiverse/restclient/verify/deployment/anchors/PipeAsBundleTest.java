package io.quarkiverse.restclient.verify.deployment.anchors;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.restclient.verify.deployment.Failures;
import io.quarkiverse.restclient.verify.deployment.Hello;
import io.quarkiverse.restclient.verify.deployment.Pki;
import io.quarkus.test.QuarkusUnitTest;

/**
 * A named pipe given as a client's bundle fails the build at once, naming the client, the property, the path and what
 * it is; it used to block the build-time check (and start-up) until someone wrote to the pipe.
 */
class PipeAsBundleTest {

    static final Path PIPE = mkfifo(Pki.tempDir("pipe-bundle").resolve("corp.pem"));

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Hello.class, Pki.class, Failures.class, Client.class))
            .overrideConfigKey("quarkus.rest-client.corp.verify", PIPE.toString())
            .assertException(thrown -> assertThat(Failures.configurationError(thrown).getMessage())
                    .isEqualTo("REST client 'corp': quarkus.rest-client.corp.verify=" + PIPE + " is not usable"
                            + " (checked at build time): " + PIPE + ": is a named pipe (FIFO), not a regular file;"
                            + " only regular files (or links to them) are read, so that a pipe or a device cannot block"
                            + " or flood the application. Fix: point the property at the PEM, DER or PKCS#12 file"
                            + " itself"));

    @Test
    void theBuildFails() {
        // The failure is asserted by assertException above; this method is never reached.
        throw new AssertionError("the application must not start");
    }

    private static Path mkfifo(Path path) {
        try {
            Process process = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
            if (process.waitFor() != 0) {
                throw new IllegalStateException("mkfifo failed for " + path);
            }
            return path;
        } catch (IOException e) {
            throw new IllegalStateException("mkfifo is needed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @RegisterRestClient(configKey = "corp")
    public interface Client extends Hello {
    }
}
