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
import io.quarkiverse.restclient.verify.testpki.ServerCase;
import io.quarkiverse.restclient.verify.testpki.ServerScenarios;
import io.quarkiverse.restclient.verify.testpki.TlsTestServer;
import io.quarkus.test.QuarkusUnitTest;

/**
 * Host names are matched against subject alternative names only, as OpenSSL does for requests and urllib3 2: a
 * certificate that names its host only in the subject's CN is refused, where the JDK alone falls back to the CN.
 */
class CommonNameOnlyCertificateTest {

    static final ServerScenarios PKI = ServerScenarios.shared("cn-only");
    static final Path CORP = Pki.bundle(Pki.tempDir("cn-only").resolve("corp.pem"), PKI.trustedRoot().certificate());
    static final CertificateAuthority CA = PKI.trustedIntermediate();
    /** CN=localhost, no subject alternative name at all: what an old internal CA or `openssl req` without -addext gives. */
    static final TlsTestServer CN_ONLY = TlsTestServer.start(CA.server("localhost", List.of(), List.of()));
    /** CN=localhost with only an address as a subject alternative name: the JDK still falls back to the CN. */
    static final TlsTestServer CN_AND_ADDRESS = TlsTestServer.start(CA.server("localhost", List.of(),
            List.of("127.0.0.1")));

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Hello.class, Pki.class, Calls.class, Strict.class,
                    Lenient.class))
            .overrideConfigKey("quarkus.rest-client.strict.verify", CORP.toString())
            .overrideConfigKey("quarkus.rest-client.lenient.verify", CORP.toString())
            .overrideConfigKey("quarkus.rest-client.lenient.verify-host", "false");

    @AfterAll
    static void stopServers() {
        CN_ONLY.close();
        CN_AND_ADDRESS.close();
        PKI.close();
    }

    @Test
    void aHostNamedOnlyInTheCommonNameIsRefusedAndExplained() {
        Calls.Outcome outcome = Calls.call(Strict.class, CN_ONLY.uri("localhost"));
        assertThat(outcome.ok()).as("the JDK alone accepts the CN; requests refuses it").isFalse();
        assertThat(outcome.failure()).isInstanceOf(SslVerificationException.class);
        SslVerificationException e = (SslVerificationException) outcome.failure();
        assertThat(e.reason()).isEqualTo(SslVerificationException.Reason.HOSTNAME_MISMATCH);
        assertThat(e.getMessage()).contains("names the host 'localhost' only in its subject's CN")
                .contains("TLS clients no longer read the CN");
        assertThat(e.hints().get(0)).contains("subjectAltName=DNS:localhost");
        assertThat(e.hints().get(e.hints().size() - 1)).contains("quarkus.rest-client.strict.verify-host=false");
    }

    @Test
    void anAddressNameDoesNotBringTheCommonNameBack() {
        Calls.Outcome outcome = Calls.call(Strict.class, CN_AND_ADDRESS.uri("localhost"));
        assertThat(outcome.failure()).isInstanceOf(SslVerificationException.class);
        assertThat(((SslVerificationException) outcome.failure()).reason())
                .isEqualTo(SslVerificationException.Reason.HOSTNAME_MISMATCH);
        // Called by the address it names, the same certificate is fine.
        Calls.Outcome byAddress = Calls.call(Strict.class, CN_AND_ADDRESS.uri());
        assertThat(byAddress.ok()).as(byAddress.detail()).isTrue();
    }

    @Test
    void certificatesWithDnsNamesAreUnaffected() {
        Calls.Outcome byName = Calls.call(Strict.class, PKI.server(ServerCase.GOOD_CHAIN).uri("localhost"));
        assertThat(byName.ok()).as(byName.detail()).isTrue();
    }

    @Test
    void verifyHostFalseLeavesNamesUnchecked() {
        Calls.Outcome outcome = Calls.call(Lenient.class, CN_ONLY.uri("localhost"));
        assertThat(outcome.ok()).as(outcome.detail()).isTrue();
    }

    @RegisterRestClient(configKey = "strict")
    public interface Strict extends Hello {
    }

    @RegisterRestClient(configKey = "lenient")
    public interface Lenient extends Hello {
    }
}
