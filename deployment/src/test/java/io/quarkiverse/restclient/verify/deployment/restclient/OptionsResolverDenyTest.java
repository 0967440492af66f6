package io.quarkiverse.restclient.verify.deployment.restclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import jakarta.ws.rs.ext.ContextResolver;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.restclient.verify.deployment.Calls;
import io.quarkiverse.restclient.verify.deployment.Hello;
import io.quarkiverse.restclient.verify.deployment.Pki;
import io.quarkiverse.restclient.verify.testpki.Pem;
import io.quarkiverse.restclient.verify.testpki.ServerCase;
import io.quarkiverse.restclient.verify.testpki.ServerScenarios;
import io.quarkiverse.restclient.verify.testpki.TlsTestServer;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.quarkus.test.QuarkusUnitTest;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.net.PemTrustOptions;

/**
 * Under {@code verify-insecure=deny}, a client handed Vert.x options that skip verification (through the builder's
 * {@code httpClientOptions(...)}, which registers them as a context resolver, or its
 * {@code httpClientOptionsCustomizer(...)}) is not built, and no request leaves.
 */
class OptionsResolverDenyTest {

    static final ServerScenarios PKI = ServerScenarios.shared("options-deny");
    static final Path CORP = Pki.bundle(Pki.tempDir("options-deny").resolve("corp.pem"),
            PKI.trustedRoot().certificate());

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Hello.class, Pki.class, Calls.class, Strict.class,
                    Lenient.class))
            .overrideConfigKey("quarkus.rest-client.verify-insecure", "deny")
            .overrideConfigKey("quarkus.rest-client.strict.verify", CORP.toString());

    @AfterAll
    static void stopServers() {
        PKI.close();
    }

    @Test
    void trustAllOptionsAreRefused() {
        TlsTestServer untrusted = PKI.server(ServerCase.UNKNOWN_ROOT);
        int handshakes = untrusted.handshakes();
        assertThatThrownBy(() -> QuarkusRestClientBuilder.newBuilder().baseUri(untrusted.uri())
                .httpClientOptions(new HttpClientOptions().setTrustAll(true)).build(Strict.class).hello())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("REST client 'strict': the HttpClientOptions given to its builder's httpClientOptions(...)"
                        + " sets trustAll=true, which skips TLS verification, and"
                        + " quarkus.rest-client.verify-insecure=deny forbids that. Fix: do not set trustAll=true there;"
                        + " to trust the server, add its CA with quarkus.rest-client.strict.verify=/path/to/ca.pem");
        assertThat(untrusted.handshakes()).isEqualTo(handshakes);
    }

    @Test
    void aCustomizerSettingVerifyHostFalseIsRefused() {
        TlsTestServer wrongHost = PKI.server(ServerCase.WRONG_HOST);
        int handshakes = wrongHost.handshakes();
        assertThatThrownBy(() -> QuarkusRestClientBuilder.newBuilder().baseUri(wrongHost.uri())
                .httpClientOptionsCustomizer(options -> options.setVerifyHost(false)).build(Strict.class).hello())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("REST client 'strict': a customizer given to its builder's"
                        + " httpClientOptionsCustomizer(...) sets verifyHost=false, which skips TLS verification");
        assertThat(wrongHost.handshakes()).isEqualTo(handshakes);
    }

    @Test
    void aCustomizerReplacingTheTrustOptionsIsRefused() {
        TlsTestServer untrusted = PKI.server(ServerCase.UNKNOWN_ROOT);
        int handshakes = untrusted.handshakes();
        assertThatThrownBy(() -> QuarkusRestClientBuilder.newBuilder().baseUri(untrusted.uri())
                .httpClientOptionsCustomizer(options -> options.setTrustOptions(new PemTrustOptions()
                        .addCertValue(Buffer.buffer(Pem.certificates(PKI.unknownRoot().certificate())))))
                .build(Strict.class).hello())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("REST client 'strict': a customizer given to its builder's"
                        + " httpClientOptionsCustomizer(...) sets trustOptions=io.vertx.core.net.PemTrustOptions,"
                        + " which skips TLS verification");
        assertThat(untrusted.handshakes()).isEqualTo(handshakes);
    }

    @Test
    void aResolverThatKeepsVerificationIsFine() {
        Hello client = QuarkusRestClientBuilder.newBuilder().baseUri(PKI.server(ServerCase.GOOD_CHAIN).uri())
                .register(new Lenient()).build(Strict.class);
        Calls.Outcome outcome = Calls.call(client);
        assertThat(outcome.ok()).as(outcome.detail()).isTrue();
    }

    /** Options that change only what does not touch verification. */
    public static class Lenient implements ContextResolver<HttpClientOptions> {
        @Override
        public HttpClientOptions getContext(Class<?> type) {
            return new HttpClientOptions().setConnectTimeout(5_000);
        }
    }

    @RegisterRestClient(configKey = "strict")
    public interface Strict extends Hello {
    }
}
