package io.quarkiverse.restclient.verify.devmode;

import static io.restassured.RestAssured.get;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.restclient.verify.testpki.Pem;
import io.quarkiverse.restclient.verify.testpki.ServerCase;
import io.quarkiverse.restclient.verify.testpki.ServerScenarios;
import io.quarkus.test.QuarkusDevModeTest;

/**
 * In dev mode an edited bundle counts on the next REST call, both ways (a call fails, the bundle is fixed, the next
 * call succeeds; the CA is removed, the next call fails). An external file is reloaded in place, without a restart;
 * a classpath bundle goes through Quarkus' live reload, which records it again.
 */
class BundleEditsInDevModeTest {

    static final ServerScenarios PKI = new ServerScenarios();
    static final String SERVER_CA = Pem.certificates(PKI.trustedRoot().certificate());
    static final String OTHER_CA = Pem.certificates(PKI.unknownRoot().certificate());
    static final Path MOUNTED = write(tempDir().resolve("ca.pem"), OTHER_CA);

    static final int PORT = FreePort.pick();

    @RegisterExtension
    static final QuarkusDevModeTest DEV = new QuarkusDevModeTest()
            .withApplicationRoot(jar -> jar
                    .addClasses(Hello.class, ShippedClient.class, MountedClient.class, DevCallResource.class)
                    .addAsResource(new StringAsset(OTHER_CA), "certs/ca.pem")
                    .addAsResource(new StringAsset(String.join("\n",
                            "quarkus.rest-client.shipped.url=" + PKI.server(ServerCase.GOOD_CHAIN).uri(),
                            "quarkus.rest-client.shipped.verify=classpath:certs/ca.pem",
                            "quarkus.rest-client.mounted.url=" + PKI.server(ServerCase.GOOD_CHAIN).uri(),
                            "quarkus.rest-client.mounted.verify=" + MOUNTED,
                            "quarkus.rest-client.verify-trust-env=false",
                            FreePort.use(PORT))), "application.properties"));

    @AfterAll
    static void stopServers() {
        PKI.close();
    }

    @Test
    void editedExternalFileCountsOnTheNextCallWithoutRestart() {
        String boot = get("/dev/boot").asString();
        assertThat(get("/dev/mounted").asString()).isEqualTo("FAIL UNKNOWN_ISSUER");

        write(MOUNTED, SERVER_CA);
        assertThat(get("/dev/mounted").asString()).isEqualTo("OK");
        assertThat(get("/dev/mounted").asString()).isEqualTo("OK");

        write(MOUNTED, OTHER_CA);
        assertThat(get("/dev/mounted").asString()).isEqualTo("FAIL UNKNOWN_ISSUER");
        assertThat(get("/dev/boot").asString()).as("reloaded in place, not restarted").isEqualTo(boot);
    }

    @Test
    void editedClasspathBundleCountsOnTheNextCall() {
        assertThat(get("/dev/shipped").asString()).isEqualTo("FAIL UNKNOWN_ISSUER");

        DEV.modifyResourceFile("certs/ca.pem", old -> SERVER_CA);
        assertThat(get("/dev/shipped").asString()).isEqualTo("OK");
        assertThat(get("/dev/shipped").asString()).isEqualTo("OK");

        DEV.modifyResourceFile("certs/ca.pem", old -> OTHER_CA);
        assertThat(get("/dev/shipped").asString()).isEqualTo("FAIL UNKNOWN_ISSUER");
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("verify-dev-mode");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path write(Path file, String content) {
        try {
            return Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
