package io.quarkiverse.restclient.verify.deployment.anchors;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.restclient.verify.deployment.Failures;
import io.quarkiverse.restclient.verify.deployment.Hello;
import io.quarkiverse.restclient.verify.deployment.Pki;
import io.quarkiverse.restclient.verify.testpki.Pem;
import io.quarkiverse.restclient.verify.testpki.ServerScenarios;
import io.quarkus.test.QuarkusUnitTest;

/** A file without any certificate fails the build (the file exists then). */
class NoCertificateInFileTest {

    static final ServerScenarios PKI = ServerScenarios.shared("notes");
    static final Path DIR = Pki.tempDir("notes");
    static final Path NOTES = Pem.write(DIR.resolve("notes.txt"),
            "remember to ask the PKI team for the CA\n");

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Hello.class, Pki.class, Failures.class, Client.class))
            .overrideConfigKey("quarkus.rest-client.notes.verify", NOTES.toString())
            .assertException(thrown -> assertThat(Failures.configurationError(thrown).getMessage())
                    .contains("REST client 'notes': quarkus.rest-client.notes.verify=" + NOTES)
                    .contains("checked at build time")
                    .contains("no certificate found: the file is neither a PEM bundle"));

    @Test
    void startUpFails() {
        // The build failure is asserted by assertException above; this method is never reached.
        throw new AssertionError("the application must not start");
    }

    @RegisterRestClient(configKey = "notes")
    public interface Client extends Hello {
    }
}
