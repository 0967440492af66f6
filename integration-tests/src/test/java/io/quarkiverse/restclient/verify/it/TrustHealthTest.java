package io.quarkiverse.restclient.verify.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The readiness check shows each client's trust and certificates close to expiry, and a broken bundle pushed in
 * production: the check names the file, the property and the reason, the clients keep calling with the trust loaded
 * before, and the fixed file clears it.
 */
@QuarkusTest
@QuarkusTestResource(PkiServersResource.class)
class TrustHealthTest {

    @ConfigProperty(name = "pki.dir")
    Path pkiDir;

    @Test
    void aBrokenBundleShowsInTheReadinessCheckAndChangesNothingElse() throws IOException {
        Map<String, String> data = checkData();
        Path bundle = pkiDir.resolve("corp-ca.pem");
        assertThat(data.get("inventory")).isEqualTo("file " + bundle + " (1 CA certificate)");
        assertThat(data.get("ledger")).startsWith("file " + bundle + " (1 CA certificate); presents client"
                + " certificate 'CN=ledger-client,O=Verify Tests'");
        assertThat(data.get("partner")).startsWith("JDK default trust (");
        // verify-expiry-warning=400d in the test profile: the one-year client certificate is reported, the CAs are not.
        assertThat(data.get("ledger")).containsOnlyOnce("; EXPIRY: ")
                .contains("; EXPIRY: client certificate 'CN=ledger-client,O=Verify Tests' expires on ")
                .endsWith(" days)");

        String good = Files.readString(bundle);
        try {
            Files.writeString(bundle, "-----BEGIN CERTIFICATE-----\nMIIB\n");
            String failed = awaitData("inventory", value -> value.contains("RELOAD FAILED"));
            assertThat(failed).isEqualTo("file " + bundle + " (1 CA certificate); RELOAD FAILED for " + bundle
                    + " [quarkus.rest-client.inventory.verify]: " + bundle + ": line 1: the CERTIFICATE block that"
                    + " starts here has no -----END CERTIFICATE----- line; the file is truncated or two blocks are"
                    + " interleaved (the content loaded before is still in use)");
            given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
            given().get("/call/inventory").then().statusCode(200)
                    .body(equalTo("hello from CN=inventory.corp,O=Verify Tests"));
        } finally {
            Files.writeString(bundle, good);
        }
        awaitData("inventory", value -> !value.contains("RELOAD FAILED"));
    }

    @Test
    void aClientWhoseTrustCannotBeLoadedAtAllTurnsTheCheckDown() throws IOException {
        Path auditCa = pkiDir.resolve("audit-ca.pem");
        given().get("/call/build-audit").then().statusCode(500)
                .body(containsString("quarkus.rest-client.AuditClient.verify=" + auditCa + " is not usable"));
        String audit = AuditClient.class.getName();
        given().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"))
                .body("checks.find { it.name == 'rest-client-verify' }.data.'" + audit + "'",
                        startsWith("NOT LOADED: REST client '" + audit + "': quarkus.rest-client.AuditClient.verify="));

        // The file arrives; the next build loads it and the check is UP again.
        Files.copy(pkiDir.resolve("corp-ca.pem"), auditCa);
        given().get("/call/build-audit").then().statusCode(200).body(equalTo("built"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        assertThat(checkData().get(audit))
                .isEqualTo("file " + auditCa + " (1 CA certificate)");
    }

    private static Map<String, String> checkData() {
        return given().get("/q/health/ready").then().statusCode(200).extract().jsonPath()
                .getMap("checks.find { it.name == 'rest-client-verify' }.data", String.class, String.class);
    }

    private static String awaitData(String client, Predicate<String> condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String value = null;
        while (System.nanoTime() < deadline) {
            value = checkData().get(client);
            if (value != null && condition.test(value)) {
                return value;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("the readiness data of " + client + " did not change within ten seconds: " + value);
    }
}
