package io.quarkiverse.restclient.verify.deployment.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.restclient.verify.SslVerificationException;
import io.quarkiverse.restclient.verify.SslVerificationException.Reason;
import io.quarkiverse.restclient.verify.deployment.Calls;
import io.quarkiverse.restclient.verify.deployment.Hello;
import io.quarkiverse.restclient.verify.deployment.JvmTrust;
import io.quarkiverse.restclient.verify.deployment.Pki;
import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;
import io.quarkiverse.restclient.verify.testpki.ServerCase;
import io.quarkiverse.restclient.verify.testpki.ServerScenarios;
import io.quarkiverse.restclient.verify.testpki.TlsTestServer;
import io.quarkus.test.QuarkusUnitTest;

/**
 * Runs in the {@code jvm-trust} JVM (see {@link JvmTrust}), whose default trust and system bundle hold one test root: a
 * client whose verify replaces the default trust is told that the JDK default trust accepts the server, with the value
 * that keeps its own file; a root that only carries that root's name (another key) is never called trusted by it.
 */
@Tag(JvmTrust.TAG)
class JdkDefaultTrustNamedTest {

    static final ServerScenarios PKI = JvmTrust.scenarios();
    // Its root is named like JvmTrust's root ('CN=Verify Test Root CA,O=Verify Tests'), with a key of its own.
    static final ServerScenarios FORGED = ServerScenarios.shared("jvm-trust-forged");
    static final Path OWN = Pki.bundle(Pki.tempDir("jdk-default-named").resolve("own.pem"),
            CertificateAuthority.root("Own Root").certificate());

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Hello.class, Calls.class, Pki.class, JvmTrust.class,
                    Replacing.class))
            .overrideConfigKey("quarkus.rest-client.replacing.verify", OWN.toString());

    @AfterAll
    static void stopServers() {
        PKI.close();
        FORGED.close();
    }

    @Test
    void theJdkDefaultTrustIsNamedWithTheClientsOwnFileKept() {
        SslVerificationException e = failure(PKI.server(ServerCase.GOOD_CHAIN));

        assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_ISSUER);
        assertThat(e.hints().get(0)).isEqualTo("The JDK default trust trusts 'CN=Verify Test Root CA,O=Verify Tests',"
                + " which this client's verify leaves out; keep both: quarkus.rest-client.replacing.verify=default,"
                + OWN);
        assertThat(e.getMessage()).contains("\nOther trust this application could use: JDK default trust (1 CA"
                + " certificate) and system trust ");
    }

    @Test
    void aRootThatOnlyCarriesTheDefaultTrustsRootNameIsNotSentThere() {
        SslVerificationException e = failure(FORGED.server(ServerCase.GOOD_CHAIN));

        assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_ISSUER);
        assertThat(e.hints()).noneMatch(hint -> hint.contains("JDK default trust") || hint.contains("=default,"));
        assertThat(e.getMessage()).contains("Other trust this application could use: none accepts this chain");
    }

    private static SslVerificationException failure(TlsTestServer server) {
        Calls.Outcome outcome = Calls.call(Replacing.class, server.uri());
        assertThat(outcome.failure()).as(outcome.word()).isInstanceOf(SslVerificationException.class);
        return (SslVerificationException) outcome.failure();
    }

    @RegisterRestClient(configKey = "replacing")
    public interface Replacing extends Hello {
    }
}
