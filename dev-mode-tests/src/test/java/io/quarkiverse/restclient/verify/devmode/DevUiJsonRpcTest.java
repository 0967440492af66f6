package io.quarkiverse.restclient.verify.devmode;

import static io.restassured.RestAssured.get;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkiverse.restclient.verify.testpki.Pem;
import io.quarkiverse.restclient.verify.testpki.ServerCase;
import io.quarkiverse.restclient.verify.testpki.ServerScenarios;
import io.quarkus.devui.tests.DevUIJsonRPCTest;
import io.quarkus.test.QuarkusDevModeTest;

/**
 * The Dev UI's back end, called over its JSON-RPC WebSocket as the card does: the clients with their trust, the
 * "Inspect server" handshake with a client's own settings (chain, verdict, PEM), and the latest failures.
 */
public class DevUiJsonRpcTest extends DevUIJsonRPCTest {

    static final ServerScenarios PKI = new ServerScenarios();
    static final Path MOUNTED = write(Pem.certificates(PKI.unknownRoot().certificate()));

    static final int PORT = FreePort.pick();
    static {
        // DevUIJsonRPCTest sends its requests to test.url, which is http://localhost:8080 unless set.
        System.setProperty("test.url", "http://localhost:" + PORT);
    }

    @RegisterExtension
    static final QuarkusDevModeTest DEV = new QuarkusDevModeTest()
            .withApplicationRoot(jar -> jar
                    .addClasses(Hello.class, ShippedClient.class, MountedClient.class, DevCallResource.class)
                    .addAsResource(new StringAsset(Pem.certificates(PKI.trustedRoot().certificate())),
                            "certs/ca.pem")
                    .addAsResource(new StringAsset(String.join("\n",
                            "quarkus.rest-client.shipped.url=" + PKI.server(ServerCase.GOOD_CHAIN).uri(),
                            "quarkus.rest-client.shipped.verify=classpath:certs/ca.pem",
                            "quarkus.rest-client.mounted.url=" + PKI.server(ServerCase.GOOD_CHAIN).uri(),
                            "quarkus.rest-client.mounted.verify=" + MOUNTED,
                            "quarkus.rest-client.verify-trust-env=false",
                            FreePort.use(PORT))), "application.properties"));

    public DevUiJsonRpcTest() {
        super("quarkus-rest-client-verify");
    }

    @AfterAll
    static void stopServers() {
        System.clearProperty("test.url");
        PKI.close();
    }

    @Test
    void listsEveryClientWithItsTrust() throws Exception {
        JsonNode clients = executeJsonRPCMethod("getClients");
        assertThat(clients.size()).isEqualTo(2);
        JsonNode mounted = clients.get(0);
        assertThat(mounted.get("name").asText()).isEqualTo("mounted");
        assertThat(mounted.get("trust").asText()).isEqualTo("file " + MOUNTED + " (1 CA certificate)");
        assertThat(mounted.get("origin").asText()).isEqualTo("quarkus.rest-client.mounted.verify");
        assertThat(mounted.get("caCount").asInt()).isEqualTo(1);
        assertThat(mounted.get("earliestExpiry").asText())
                .isEqualTo(PKI.unknownRoot().certificate().getNotAfter().toInstant().toString());
        assertThat(mounted.get("reload").asText()).isEqualTo("OK");
        JsonNode shipped = clients.get(1);
        assertThat(shipped.get("trust").asText())
                .isEqualTo("classpath bundle certs/ca.pem (1 CA certificate, read at build time)");
        assertThat(shipped.get("hostnameVerification").asBoolean()).isTrue();
    }

    @Test
    void inspectingATrustedServerShowsItsChain() throws Exception {
        String url = PKI.server(ServerCase.GOOD_CHAIN).uri().toString();
        JsonNode result = executeJsonRPCMethod("inspect", Map.of("client", "shipped", "url", url));
        assertThat(result.get("verdict").asText()).isEqualTo("TRUSTED");
        JsonNode chain = result.get("chain");
        assertThat(chain.size()).isEqualTo(PKI.certificate(ServerCase.GOOD_CHAIN).chain().size());
        assertThat(chain.get(0).get("subject").asText())
                .isEqualTo(PKI.certificate(ServerCase.GOOD_CHAIN).certificate().getSubjectX500Principal().getName());
        assertThat(Pem.certificates(PKI.certificate(ServerCase.GOOD_CHAIN).chain()).trim())
                .isEqualTo(result.get("pem").asText().replaceAll("(?m)^#.*\n", "").trim());
    }

    @Test
    void inspectingAnUntrustedServerExplainsWhyAndTrustsNothing() throws Exception {
        String url = PKI.server(ServerCase.GOOD_CHAIN).uri().toString();
        JsonNode result = executeJsonRPCMethod("inspect", Map.of("client", "mounted", "url", url));
        assertThat(result.get("verdict").asText()).isEqualTo("UNKNOWN_ISSUER");
        assertThat(result.get("message").asText()).startsWith("TLS failed for REST client 'mounted'");
        assertThat(result.get("hints").get(0).asText()).doesNotContain("verify=false");
        assertThat(result.get("chain").size()).isPositive();
        assertThat(result.get("pem").asText()).contains("-----BEGIN CERTIFICATE-----");
        // Inspecting added no trust: the client's own call still fails.
        assertThat(get("/dev/mounted").asString()).isEqualTo("FAIL UNKNOWN_ISSUER");
    }

    @Test
    void latestFailuresComeNewestFirst() throws Exception {
        assertThat(get("/dev/mounted").asString()).isEqualTo("FAIL UNKNOWN_ISSUER");
        JsonNode failures = executeJsonRPCMethod("getFailures");
        assertThat(failures.size()).isPositive();
        assertThat(failures.get(0).get("client").asText()).isEqualTo("mounted");
        assertThat(failures.get(0).get("reason").asText()).isEqualTo("UNKNOWN_ISSUER");
        assertThat(failures.get(0).get("port").asInt()).isEqualTo(PKI.server(ServerCase.GOOD_CHAIN).port());
    }

    @Test
    void repeatedFailuresAreOneRowWithACountAndNoTrustLine() throws Exception {
        int before = groupCount();
        for (int i = 0; i < 3; i++) {
            assertThat(get("/dev/mounted").asString()).isEqualTo("FAIL UNKNOWN_ISSUER");
        }
        JsonNode groups = executeJsonRPCMethod("getFailureGroups");
        assertThat(groups.size()).isEqualTo(1);
        JsonNode group = groups.get(0);
        assertThat(group.get("client").asText()).isEqualTo("mounted");
        assertThat(group.get("reason").asText()).isEqualTo("UNKNOWN_ISSUER");
        assertThat(group.get("port").asInt()).isEqualTo(PKI.server(ServerCase.GOOD_CHAIN).port());
        assertThat(group.get("count").asInt()).isEqualTo(before + 3);
        assertThat(Instant.parse(group.get("first").asText())).isBefore(Instant.parse(group.get("last").asText()));
        assertThat(group.get("message").asText()).startsWith("TLS failed for REST client 'mounted'")
                .doesNotContain("This client trusts:");
    }

    @Test
    void eachClientCarriesItsUrlForInspect() throws Exception {
        JsonNode clients = executeJsonRPCMethod("getClients");
        assertThat(clients.get(0).get("url").asText()).isEqualTo(PKI.server(ServerCase.GOOD_CHAIN).uri().toString());
    }

    private int groupCount() throws Exception {
        JsonNode groups = executeJsonRPCMethod("getFailureGroups");
        return groups.size() == 0 ? 0 : groups.get(0).get("count").asInt();
    }

    @Test
    void theCardsPagesAreServed() {
        for (String page : new String[] { "clients", "inspect" }) {
            String script = get("/q/dev-ui/quarkus-rest-client-verify/qwc-rest-client-verify-" + page + ".js")
                    .then().statusCode(200).extract().asString();
            assertThat(script).contains("customElements.define('qwc-rest-client-verify-" + page + "'");
        }
    }

    private static Path write(String content) {
        try {
            Path dir = Files.createTempDirectory("verify-dev-ui");
            return Files.writeString(dir.resolve("ca.pem"), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
