package io.quarkiverse.restclient.verify.deployment.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.restclient.verify.deployment.Calls;
import io.quarkiverse.restclient.verify.deployment.Hello;
import io.quarkiverse.restclient.verify.deployment.Pki;
import io.quarkiverse.restclient.verify.testpki.IssuedCertificate;
import io.quarkiverse.restclient.verify.testpki.ServerCase;
import io.quarkiverse.restclient.verify.testpki.ServerScenarios;
import io.quarkiverse.restclient.verify.testpki.TlsTestServer;
import io.quarkus.test.QuarkusUnitTest;

/**
 * TLS 1.3 and TLS 1.2 are both offered, as the JDK client does. A TLS registry configuration would offer TLS 1.3
 * only, and a TLS 1.2-only server would answer with protocol_version.
 */
class ProtocolVersionsTest {

    static final ServerScenarios PKI = ServerScenarios.shared("protocols");
    static final Path CORP = Pki.bundle(Pki.tempDir("protocols").resolve("corp.pem"), PKI.trustedRoot().certificate());

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Hello.class, Pki.class, Calls.class, Corp.class))
            .overrideConfigKey("quarkus.rest-client.corp.verify", CORP.toString());

    @Test
    void aTls12OnlyServerIsReached() {
        assertThat(callServerSpeaking("TLSv1.2")).isEqualTo("hello from CN=good.test,O=Verify Tests");
    }

    @Test
    void aTls13OnlyServerIsReached() {
        assertThat(callServerSpeaking("TLSv1.3")).isEqualTo("hello from CN=good.test,O=Verify Tests");
    }

    private static String callServerSpeaking(String protocol) {
        IssuedCertificate good = PKI.certificate(ServerCase.GOOD_CHAIN);
        try (TlsTestServer server = TlsTestServer.builder(good.privateKey(), good.chain()).protocols(protocol)
                .start()) {
            Calls.Outcome outcome = Calls.call(Corp.class, server.uri());
            assertThat(outcome.ok()).as(outcome.detail()).isTrue();
            return outcome.body();
        }
    }

    @RegisterRestClient(configKey = "corp")
    public interface Corp extends Hello {
    }
}
