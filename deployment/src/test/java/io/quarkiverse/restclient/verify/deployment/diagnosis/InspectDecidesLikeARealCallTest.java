package io.quarkiverse.restclient.verify.deployment.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.restclient.verify.SslVerificationException;
import io.quarkiverse.restclient.verify.deployment.Calls;
import io.quarkiverse.restclient.verify.deployment.Hello;
import io.quarkiverse.restclient.verify.deployment.Pki;
import io.quarkiverse.restclient.verify.runtime.VerifyRuntime;
import io.quarkiverse.restclient.verify.runtime.devui.RestClientVerifyJsonRpcService;
import io.quarkiverse.restclient.verify.runtime.engine.ClientEngines;
import io.quarkiverse.restclient.verify.testpki.IssuedCertificate;
import io.quarkiverse.restclient.verify.testpki.ServerCase;
import io.quarkiverse.restclient.verify.testpki.ServerScenarios;
import io.quarkiverse.restclient.verify.testpki.TlsTestServer;
import io.quarkus.arc.Arc;
import io.quarkus.test.QuarkusUnitTest;

/**
 * The Dev UI's Inspect server gives the verdict a real call through the same client gets, for every server case of
 * the explained failures, including a TLS 1.3 server that refuses a client without a certificate only after the
 * client's handshake has returned.
 */
class InspectDecidesLikeARealCallTest {

    static final ServerScenarios PKI = ServerScenarios.shared("inspect-parity");
    static final Path CORP = Pki.bundle(Pki.tempDir("inspect-parity").resolve("corp.pem"),
            PKI.trustedRoot().certificate());
    static final IssuedCertificate GOOD = PKI.certificate(ServerCase.GOOD_CHAIN);
    static final TlsTestServer EARLY = TlsTestServer.start(PKI.trustedIntermediate().server("early.test",
            List.of("localhost"), List.of("127.0.0.1"), Instant.now().plus(Duration.ofDays(2)),
            Instant.now().plus(Duration.ofDays(300))));
    static final TlsTestServer PLAIN = TlsTestServer.plainHttp();
    static final TlsTestServer MUTUAL_13 = TlsTestServer.builder(GOOD.privateKey(), GOOD.chain()).protocols("TLSv1.3")
            .requireClientCertificate(List.of(PKI.trustedRoot().certificate())).start();
    static final TlsTestServer MUTUAL_12 = TlsTestServer.builder(GOOD.privateKey(), GOOD.chain()).protocols("TLSv1.2")
            .requireClientCertificate(List.of(PKI.trustedRoot().certificate())).start();
    static final TlsTestServer NO_COMMON_SUITE = TlsTestServer.builder(GOOD.privateKey(), GOOD.chain())
            .protocols("TLSv1.2").cipherSuites("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256").start();

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Hello.class, Pki.class, Calls.class, Partner.class))
            .overrideConfigKey("quarkus.rest-client.partner.verify", CORP.toString());

    @AfterAll
    static void stopServers() {
        PKI.close();
        TlsTestServer.closeAll(List.of(EARLY, PLAIN, MUTUAL_13, MUTUAL_12, NO_COMMON_SUITE));
    }

    @Test
    @DisabledIfSystemProperty(named = "quarkus.rest-client.ssl-engine", matches = "openssl", disabledReason = "BoringSSL:"
            + " the server's alert arrives only as the text of an IOException ('...OpenSslException: ...:SSLV3_ALERT_BAD_"
            + "CERTIFICATE'), which HandshakeDiagnosis.explain does not take for a TLS failure; reported for issue 28")
    void everyVerdictOfInspectEqualsTheReasonOfARealCall() {
        Map<String, URI> servers = new LinkedHashMap<>();
        for (ServerCase serverCase : ServerCase.values()) {
            servers.put(serverCase.name(), PKI.server(serverCase).uri());
        }
        servers.put("NOT_YET_VALID", EARLY.uri());
        servers.put("PLAIN_HTTP", URI.create("https://127.0.0.1:" + PLAIN.port()));
        servers.put("CLIENT_CERTIFICATE_TLS13", MUTUAL_13.uri());
        servers.put("CLIENT_CERTIFICATE_TLS12", MUTUAL_12.uri());
        servers.put("NO_COMMON_SUITE", NO_COMMON_SUITE.uri());

        RestClientVerifyJsonRpcService devUi = new RestClientVerifyJsonRpcService(
                Arc.container().instance(VerifyRuntime.class).get(), Arc.container().instance(ClientEngines.class).get());
        List<String> real = new ArrayList<>();
        List<String> inspected = new ArrayList<>();
        for (Map.Entry<String, URI> server : servers.entrySet()) {
            Calls.Outcome call = Calls.call(Partner.class, server.getValue());
            real.add(server.getKey() + ": " + (call.ok() ? "TRUSTED"
                    : call.failure() instanceof SslVerificationException
                            ? ((SslVerificationException) call.failure()).reason().name()
                            : "unexplained " + call.detail()));
            inspected.add(server.getKey() + ": " + devUi.inspect("partner", server.getValue().toString()).get("verdict"));
        }
        assertThat(inspected).isEqualTo(real);
        assertThat(real).contains("CLIENT_CERTIFICATE_TLS13: CLIENT_CERTIFICATE_REQUIRED", "GOOD_CHAIN: TRUSTED");
    }

    @RegisterRestClient(configKey = "partner")
    public interface Partner extends Hello {
    }
}
