package io.quarkiverse.restclient.verify.deployment.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Level;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.restclient.verify.SslVerificationException;
import io.quarkiverse.restclient.verify.deployment.Calls;
import io.quarkiverse.restclient.verify.deployment.Hello;
import io.quarkiverse.restclient.verify.deployment.LogLines;
import io.quarkiverse.restclient.verify.deployment.Pki;
import io.quarkiverse.restclient.verify.testpki.IssuedCertificate;
import io.quarkiverse.restclient.verify.testpki.OcspResponder;
import io.quarkiverse.restclient.verify.testpki.ServerScenarios;
import io.quarkiverse.restclient.verify.testpki.TlsTestServer;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.quarkus.test.QuarkusUnitTest;
import io.vertx.core.net.OpenSSLEngineOptions;

/**
 * Attack: a customizer that puts Vert.x's own OpenSSL engine on a client. That engine's SSL context does not enable
 * OCSP, so BoringSSL drops the answer a server staples and verify-revocation=stapled would accept a revoked server.
 * The client keeps the engine its ssl-engine names (the JDK's, or BoringSSL with OCSP on), and the revoked server is
 * refused on both.
 */
class EngineSetByCustomizerTest {

    static final ServerScenarios PKI = ServerScenarios.shared("engine-customizer");
    static final Path CORP = Pki.bundle(Pki.tempDir("engine-customizer").resolve("corp.pem"),
            PKI.trustedRoot().certificate());

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Hello.class, Pki.class, Calls.class, LogLines.class,
                    OnJdk.class, OnBoringSsl.class))
            .overrideConfigKey("quarkus.rest-client.verify-lookup-allow", "127.0.0.1")
            .overrideConfigKey("quarkus.rest-client.verify", CORP.toString())
            .overrideConfigKey("quarkus.rest-client.verify-revocation", "stapled")
            .overrideConfigKey("quarkus.rest-client.on-jdk.ssl-engine", "jdk")
            .overrideConfigKey("quarkus.rest-client.on-boring.ssl-engine", "openssl")
            .setLogRecordPredicate(LogLines::ours)
            .assertLogRecords(records -> assertThat(LogLines.at(Level.WARNING, records)).containsExactly(
                    "REST client 'on-jdk': a customizer given to its builder's httpClientOptionsCustomizer(...) sets"
                            + " sslEngineOptions=io.vertx.core.net.OpenSSLEngineOptions; ignored, the client runs on"
                            + " the JDK's TLS engine, as quarkus.rest-client.on-jdk.ssl-engine says. Fix: choose the"
                            + " engine with quarkus.rest-client.on-jdk.ssl-engine (jdk or openssl), not in code"));

    static OcspResponder responder;
    static TlsTestServer revoked;

    @AfterAll
    static void stopServers() {
        TlsTestServer.closeAll(Arrays.asList(revoked));
        if (responder != null) {
            responder.close();
        }
        PKI.close();
    }

    @Test
    void aStapledRevocationIsSeenWhateverEngineTheCustomizerSets() {
        responder = OcspResponder.start(PKI.trustedIntermediate());
        IssuedCertificate leaf = PKI.trustedIntermediate().withOcspResponder(responder.uri())
                .server("revoked.engine.test", List.of("localhost"), List.of("127.0.0.1"));
        responder.revoke(leaf.certificate());
        revoked = TlsTestServer.builder(leaf).stapleOcsp().start();

        for (Class<? extends Hello> client : List.of(OnJdk.class, OnBoringSsl.class)) {
            Hello hello = QuarkusRestClientBuilder.newBuilder().baseUri(revoked.uri())
                    .httpClientOptionsCustomizer(options -> options.setSslEngineOptions(new OpenSSLEngineOptions()))
                    .build(client);
            Calls.Outcome outcome = Calls.call(hello);
            assertThat(outcome.failure()).as(client.getSimpleName() + ": " + outcome.detail())
                    .isInstanceOf(SslVerificationException.class);
            assertThat(((SslVerificationException) outcome.failure()).reason())
                    .isEqualTo(SslVerificationException.Reason.REVOKED);
        }
    }

    @RegisterRestClient(configKey = "on-jdk")
    public interface OnJdk extends Hello {
    }

    @RegisterRestClient(configKey = "on-boring")
    public interface OnBoringSsl extends Hello {
    }
}
