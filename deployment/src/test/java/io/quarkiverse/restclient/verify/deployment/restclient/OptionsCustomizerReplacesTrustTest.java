package io.quarkiverse.restclient.verify.deployment.restclient;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.function.Consumer;
import java.util.logging.Level;

import javax.net.ssl.X509TrustManager;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.netty.handler.ssl.SslContextBuilder;
import io.quarkiverse.restclient.verify.SslVerificationException;
import io.quarkiverse.restclient.verify.deployment.Calls;
import io.quarkiverse.restclient.verify.deployment.Hello;
import io.quarkiverse.restclient.verify.deployment.LogLines;
import io.quarkiverse.restclient.verify.deployment.Pki;
import io.quarkiverse.restclient.verify.testpki.Pem;
import io.quarkiverse.restclient.verify.testpki.ServerCase;
import io.quarkiverse.restclient.verify.testpki.ServerScenarios;
import io.quarkiverse.restclient.verify.trust.revocation.SpkiPins;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.quarkus.test.QuarkusUnitTest;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.net.JdkSSLEngineOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.spi.tls.SslContextFactory;

/**
 * A builder's {@code httpClientOptionsCustomizer(...)} runs after the REST client applied the extension's TLS
 * configuration, so it can hand the client other trust options, or an SSL engine that builds its own context. On a
 * managed client the extension's trust is put back after every customizer, with a WARN: its {@code verify}, pins and
 * revocation still decide each handshake.
 */
class OptionsCustomizerReplacesTrustTest {

    static final ServerScenarios PKI = ServerScenarios.shared("options-customizer-trust");
    static final Path CORP = Pki.bundle(Pki.tempDir("options-customizer-trust").resolve("corp.pem"),
            PKI.trustedRoot().certificate());
    static final String PINS = SpkiPins.pinOf(PKI.unknownRoot().certificate()) + ","
            + SpkiPins.pinOf(PKI.unknownIntermediate().certificate());

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Hello.class, Pki.class, Calls.class, LogLines.class,
                    Replaced.class, Pinned.class, Engine.class, Harmless.class))
            .overrideConfigKey("quarkus.rest-client.verify", CORP.toString())
            .overrideConfigKey("quarkus.rest-client.pinned.verify-pins", PINS)
            .setLogRecordPredicate(LogLines::ours)
            .assertLogRecords(records -> assertThat(LogLines.at(Level.WARNING, records)).containsExactlyInAnyOrder(
                    warning("replaced", "trustOptions=io.vertx.core.net.PemTrustOptions"),
                    warning("pinned", "trustOptions=io.vertx.core.net.PemTrustOptions"),
                    warning("engine", "sslEngineOptions=" + TrustingEngine.class.getName())));

    static String warning(String client, String setting) {
        return "REST client '" + client + "': a customizer given to its builder's httpClientOptionsCustomizer(...)"
                + " sets " + setting + "; ignored, the client keeps verifying with file " + CORP
                + " (1 CA certificate) [quarkus.rest-client.verify]. Fix: do not set " + setting + " there; to skip"
                + " verification for this client on purpose, set quarkus.rest-client." + client + ".verify=false";
    }

    @AfterAll
    static void stopServers() {
        PKI.close();
    }

    @Test
    void trustOptionsOfAnotherCaDoNotReplaceVerify() {
        Consumer<HttpClientOptions> trustUnknownRoot = options -> options.setTrustOptions(new PemTrustOptions()
                .addCertValue(Buffer.buffer(Pem.certificates(PKI.unknownRoot().certificate()))));
        assertRejected(Replaced.class, trustUnknownRoot, ServerCase.UNKNOWN_ROOT,
                SslVerificationException.Reason.UNKNOWN_ISSUER);
        Calls.Outcome good = Calls.call(client(Replaced.class, trustUnknownRoot, ServerCase.GOOD_CHAIN));
        assertThat(good.ok()).as(good.detail()).isTrue();
    }

    @Test
    void trustOptionsWithoutPinsDoNotDropThePins() {
        Consumer<HttpClientOptions> sameCaNoPins = options -> options.setTrustOptions(new PemTrustOptions()
                .addCertValue(Buffer.buffer(Pem.certificates(PKI.trustedRoot().certificate()))));
        assertRejected(Pinned.class, sameCaNoPins, ServerCase.GOOD_CHAIN, SslVerificationException.Reason.PIN_MISMATCH);
    }

    @Test
    void anEngineThatBuildsItsOwnContextIsNotUsed() {
        assertRejected(Engine.class, options -> options.setSslEngineOptions(new TrustingEngine()),
                ServerCase.UNKNOWN_ROOT, SslVerificationException.Reason.UNKNOWN_ISSUER);
    }

    @Test
    void aCustomizerThatLeavesTrustAloneIsNotWarnedAbout() {
        Calls.Outcome outcome = Calls.call(client(Harmless.class, options -> options.setConnectTimeout(5_000),
                ServerCase.GOOD_CHAIN));
        assertThat(outcome.ok()).as(outcome.detail()).isTrue();
    }

    private static Hello client(Class<? extends Hello> type, Consumer<HttpClientOptions> customizer,
            ServerCase serverCase) {
        URI uri = PKI.server(serverCase).uri();
        return QuarkusRestClientBuilder.newBuilder().baseUri(uri).httpClientOptionsCustomizer(customizer::accept)
                .build(type);
    }

    private static void assertRejected(Class<? extends Hello> type, Consumer<HttpClientOptions> customizer,
            ServerCase serverCase, SslVerificationException.Reason reason) {
        Calls.Outcome outcome = Calls.call(client(type, customizer, serverCase));
        assertThat(outcome.failure()).as(outcome.detail()).isInstanceOf(SslVerificationException.class);
        assertThat(((SslVerificationException) outcome.failure()).reason()).as(outcome.detail()).isEqualTo(reason);
    }

    /** An SSL engine whose context ignores the trust it is given and accepts any server. */
    public static class TrustingEngine extends JdkSSLEngineOptions {

        @Override
        public JdkSSLEngineOptions copy() {
            return new TrustingEngine();
        }

        @Override
        public SslContextFactory sslContextFactory() {
            return () -> SslContextBuilder.forClient().trustManager(new AnyServer()).build();
        }
    }

    /** Accepts every chain. */
    public static class AnyServer implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    @RegisterRestClient(configKey = "replaced")
    public interface Replaced extends Hello {
    }

    @RegisterRestClient(configKey = "pinned")
    public interface Pinned extends Hello {
    }

    @RegisterRestClient(configKey = "engine")
    public interface Engine extends Hello {
    }

    @RegisterRestClient(configKey = "harmless")
    public interface Harmless extends Hello {
    }
}
