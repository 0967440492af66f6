package io.quarkiverse.restclient.verify.deployment.revocation;

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
 * A named pipe given as a client's CRL file fails the build at once, naming the property, the path and what it is; it
 * used to block the build-time check ({@code Files.readAllBytes} on the pipe) until someone wrote to it.
 */
class PipeAsCrlTest {

    static final Path PIPE = mkfifo(Pki.tempDir("pipe-crl").resolve("ca.crl"));

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Hello.class, Pki.class, Failures.class, Client.class))
            .overrideConfigKey("quarkus.rest-client.corp.verify-crl", PIPE.toString())
            .assertException(thrown -> assertThat(Failures.configurationError(thrown).getMessage())
                    .startsWith("quarkus.rest-client.corp.verify-crl is not usable (checked at build time): " + PIPE
                            + ": is a named pipe (FIFO), not a regular file"));

    @Test
    void theBuildFails() {
        // The failure is asserted by assertException above; this method is never reached.
        throw new AssertionError("the application must not start");
    }

    static Path mkfifo(Path path) {
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
