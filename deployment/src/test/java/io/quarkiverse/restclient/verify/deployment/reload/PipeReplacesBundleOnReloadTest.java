package io.quarkiverse.restclient.verify.deployment.reload;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.restclient.verify.TrustReloadFailedEvent;
import io.quarkiverse.restclient.verify.deployment.Calls;
import io.quarkiverse.restclient.verify.deployment.Hello;
import io.quarkiverse.restclient.verify.deployment.Pki;
import io.quarkiverse.restclient.verify.deployment.ReloadEvents;
import io.quarkiverse.restclient.verify.testpki.Pem;
import io.quarkiverse.restclient.verify.testpki.ServerCase;
import io.quarkiverse.restclient.verify.testpki.ServerScenarios;
import io.quarkus.test.QuarkusUnitTest;

/**
 * One client's bundle is replaced by a named pipe while the application runs: the reload loop reports it and keeps
 * that client's last good trust, and goes on rotating the other client's bundle. The pipe used to block the loop's
 * only thread for good, so no client reloaded again.
 */
class PipeReplacesBundleOnReloadTest {

    static final ServerScenarios PKI = ServerScenarios.shared("pipe-reload");
    static final Path DIR = Pki.tempDir("pipe-reload");
    static final Path PIPED = Pki.bundle(DIR.resolve("piped.pem"), PKI.trustedRoot().certificate());
    static final Path ROTATING = Pki.bundle(DIR.resolve("rotating.pem"), PKI.trustedRoot().certificate());

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Hello.class, Pki.class, Calls.class, ReloadEvents.class,
                    Piped.class, Rotating.class))
            .overrideConfigKey("quarkus.rest-client.piped.verify", PIPED.toString())
            .overrideConfigKey("quarkus.rest-client.rotating.verify", ROTATING.toString())
            .overrideConfigKey("quarkus.rest-client.verify-reload-period", "100ms");

    @AfterAll
    static void stopServers() {
        PKI.close();
    }

    @Test
    void thePipeIsReportedAndTheOtherClientStillRotates() throws Exception {
        // Made beside it and renamed over it, so that no reload round sees the bundle missing.
        Path pipe = DIR.resolve("pipe");
        mkfifo(pipe);
        Files.move(pipe, PIPED, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Pem.write(ROTATING, Pem.certificates(PKI.unknownRoot().certificate()));

        TrustReloadFailedEvent piped = ReloadEvents.failed("piped", 1);
        assertThat(piped.property()).isEqualTo("quarkus.rest-client.piped.verify");
        assertThat(piped.reason()).isEqualTo(PIPED + ": is a named pipe (FIFO), not a regular file; only regular"
                + " files (or links to them) are read, so that a pipe or a device cannot block or flood the"
                + " application. Fix: point the property at the PEM, DER or PKCS#12 file itself");
        ReloadEvents.reloaded("rotating", 1);

        Calls.Outcome rotated = Calls.call(Rotating.class, PKI.server(ServerCase.UNKNOWN_ROOT).uri());
        assertThat(rotated.ok()).as(rotated.detail()).isTrue();
        Calls.Outcome lastGood = Calls.call(Piped.class, PKI.server(ServerCase.GOOD_CHAIN).uri());
        assertThat(lastGood.ok()).as(lastGood.detail()).isTrue();
    }

    private static void mkfifo(Path path) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
        assertThat(process.waitFor()).as("mkfifo").isZero();
    }

    @RegisterRestClient(configKey = "piped")
    public interface Piped extends Hello {
    }

    @RegisterRestClient(configKey = "rotating")
    public interface Rotating extends Hello {
    }
}
