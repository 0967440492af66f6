package io.quarkiverse.restclient.verify.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.net.URI;
import java.util.Map;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkiverse.restclient.verify.testpki.CaIssuersServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The supplier's server sends only its own certificate and its client has verify-fetch-intermediates=true: the calls
 * succeed with one fetch, and the readiness check (still UP) names the server, the omitted intermediate and the URL.
 */
@QuarkusTest
@QuarkusTestResource(PkiServersResource.class)
class RepairedServerReadinessTest {

    @ConfigProperty(name = "supplier.url")
    URI supplierUrl;

    @ConfigProperty(name = "supplier.issuers.port")
    int issuersPort;

    @Test
    void theRepairedServerShowsInTheReadinessCheck() {
        for (int i = 0; i < 3; i++) {
            given().get("/call/supplier").then().statusCode(200)
                    .body(equalTo("hello from CN=api.supplier,O=Verify Tests"));
        }
        assertThat(CaIssuersServer.fetches(issuersPort, "/supplier-issuing.cer")).isEqualTo(1);

        Map<String, String> data = given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP")).extract().jsonPath()
                .getMap("checks.find { it.name == 'rest-client-verify' }.data", String.class, String.class);
        assertThat(data.get("supplier")).endsWith("; INCOMPLETE CHAIN REPAIRED: 127.0.0.1:" + supplierUrl.getPort()
                + " omits its intermediate 'CN=Supplier Issuing CA,O=Verify Tests' (fetched from http://127.0.0.1:"
                + issuersPort + "/supplier-issuing.cer)");

        // With quarkus-micrometer, the repairs are counted by client.
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).containsPattern("rest_client_verify_intermediate_repairs_total\\{client=\"supplier\"\\} [1-9]");
    }
}
