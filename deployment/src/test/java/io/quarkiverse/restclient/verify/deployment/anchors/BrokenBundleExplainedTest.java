package io.quarkiverse.restclient.verify.deployment.anchors;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.restclient.verify.SslVerificationException;
import io.quarkiverse.restclient.verify.deployment.Calls;
import io.quarkiverse.restclient.verify.deployment.Hello;
import io.quarkiverse.restclient.verify.deployment.Pki;
import io.quarkiverse.restclient.verify.deployment.ReloadEvents;
import io.quarkiverse.restclient.verify.testpki.MountedDirectory;
import io.quarkiverse.restclient.verify.testpki.Pem;
import io.quarkiverse.restclient.verify.testpki.ServerCase;
import io.quarkiverse.restclient.verify.testpki.ServerScenarios;
import io.quarkus.test.QuarkusUnitTest;

/**
 * While the bundle on disk is broken and the last good content stays in use, a failed call's explanation says so,
 * with when it broke, why, and when the content in use was loaded; once the file is fixed, it no longer says so.
 */
class BrokenBundleExplainedTest {

    static final ServerScenarios PKI = ServerScenarios.shared("broken-explained");
    static final String GOOD = Pem.certificates(PKI.trustedRoot().certificate());
    static final MountedDirectory SECRET = MountedDirectory.create(Pki.tempDir("broken-explained").resolve("secret"),
            Map.of("ca.pem", GOOD));
    static final Path CA = SECRET.file("ca.pem");

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Hello.class, Pki.class, Calls.class, ReloadEvents.class,
                    Partner.class))
            .overrideConfigKey("quarkus.rest-client.partner.verify", CA.toString())
            .overrideConfigKey("quarkus.rest-client.verify-reload-period", "100ms");

    @AfterAll
    static void stopServers() {
        PKI.close();
    }

    @Test
    void theExplanationSaysTheBundleOnDiskIsBroken() {
        // The user meant to trust the unknown root, but the file was cut short.
        String meant = Pem.certificates(PKI.unknownRoot().certificate());
        SECRET.update(Map.of("ca.pem", meant.substring(0, meant.length() / 2)));
        ReloadEvents.failed("partner", 1);

        Calls.Outcome broken = Calls.call(Partner.class, PKI.server(ServerCase.UNKNOWN_ROOT).uri());
        assertThat(broken.failure()).isInstanceOf(SslVerificationException.class);
        assertThat(broken.failure().getMessage())
                .containsPattern("This client trusts: file " + Pattern.quote(CA.toString())
                        + " \\(1 CA certificate\\) \\[quarkus\\.rest-client\\.partner\\.verify\\]; the bundle on disk is"
                        + " broken since \\d{4}-\\d\\d-\\d\\dT[^:]+:\\d\\d:[\\d.]+Z: " + Pattern.quote(
                                CA + ": line 1: the CERTIFICATE block that starts here has no -----END CERTIFICATE-----"
                                        + " line")
                        + ".*; still using the content loaded at \\d{4}-\\d\\d-\\d\\dT");
        assertThat(((SslVerificationException) broken.failure()).trustDescription())
                .contains("the bundle on disk is broken since");

        SECRET.update(Map.of("ca.pem", meant));
        ReloadEvents.reloaded("partner", 1);
        Calls.Outcome fixed = Calls.call(Partner.class, PKI.server(ServerCase.GOOD_CHAIN).uri());
        assertThat(fixed.failure()).isInstanceOf(SslVerificationException.class);
        assertThat(fixed.failure().getMessage()).doesNotContain("broken since");
    }

    @RegisterRestClient(configKey = "partner")
    public interface Partner extends Hello {
    }
}
