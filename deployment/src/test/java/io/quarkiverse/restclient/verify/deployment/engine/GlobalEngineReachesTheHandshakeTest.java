package io.quarkiverse.restclient.verify.deployment.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.restclient.verify.deployment.Calls;
import io.quarkiverse.restclient.verify.deployment.Hello;
import io.quarkiverse.restclient.verify.deployment.Pki;
import io.quarkiverse.restclient.verify.testpki.ServerCase;
import io.quarkiverse.restclient.verify.testpki.ServerScenarios;
import io.quarkiverse.restclient.verify.testpki.TlsTestServer;
import io.quarkus.test.QuarkusUnitTest;

/**
 * The engine the global {@code quarkus.rest-client.ssl-engine} names is the one that speaks on the wire. Runs in the
 * default surefire execution (no property: the JDK) and in the boringssl execution (the property is {@code openssl}, as
 * a system property), so a boringssl execution whose property did not reach the clients fails here, not silently
 * testing the JDK twice. The proof is the ClientHello a proxy reads, not what the extension says about itself. Tagged
 * so that the boringssl-jvm-trust execution, which selects by tag, runs it too.
 */
@Tag(GlobalEngineReachesTheHandshakeTest.TAG)
class GlobalEngineReachesTheHandshakeTest {

    static final String TAG = "engine-proof";
    static final String ENGINE_PROPERTY = "quarkus.rest-client.ssl-engine";
    static final ServerScenarios PKI = ServerScenarios.shared("global-engine");
    static final Path CORP = Pki.bundle(Pki.tempDir("global-engine").resolve("corp.pem"),
            PKI.trustedRoot().certificate());

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Hello.class, Pki.class, Calls.class, ClientHelloProxy.class,
                    Probe.class))
            .overrideConfigKey("quarkus.rest-client.probe.verify", CORP.toString());

    @AfterAll
    static void stopServers() {
        PKI.close();
    }

    @Test
    void theClientHelloComesFromTheConfiguredEngine() throws Exception {
        TlsTestServer server = PKI.server(ServerCase.GOOD_CHAIN);
        try (ClientHelloProxy proxy = new ClientHelloProxy(new InetSocketAddress(server.host(), server.port()))) {
            Calls.Outcome outcome = Calls.call(Probe.class, proxy.uri());
            assertThat(outcome.ok()).as(outcome.detail()).isTrue();

            List<ClientHelloProxy.ClientHello> hellos = proxy.hellos();
            assertThat(hellos).as("the call went through the proxy").isNotEmpty();
            boolean boringSsl = "openssl".equals(System.getProperty(ENGINE_PROPERTY));
            assertThat(hellos).as("%s=%s; every ClientHello from %s", ENGINE_PROPERTY,
                    System.getProperty(ENGINE_PROPERTY), boringSsl ? "BoringSSL" : "the JDK")
                    .allMatch(hello -> hello.fromTheJdk() != boringSsl);
        }
    }

    @RegisterRestClient(configKey = "probe")
    public interface Probe extends Hello {
    }
}
