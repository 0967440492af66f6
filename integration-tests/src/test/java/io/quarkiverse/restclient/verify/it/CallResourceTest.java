package io.quarkiverse.restclient.verify.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The application's two REST clients, configured differently in application.properties, called over HTTP. */
@QuarkusTest
@QuarkusTestResource(PkiServersResource.class)
class CallResourceTest {

    @Test
    void inventoryTrustsTheCorporateBundle() {
        given().when().get("/call/inventory")
                .then().statusCode(200).body(equalTo("hello from CN=inventory.corp,O=Verify Tests"));
    }

    @Test
    void partnerTrustsDefaultTrustPlusItsHashedDirectory() {
        given().when().get("/call/partner")
                .then().statusCode(200).body(equalTo("hello from CN=api.partner,O=Verify Tests"));
    }

    @Test
    void ledgerCompletesAMutualTlsHandshakeWithItsClientCertificate() {
        given().when().get("/call/ledger")
                .then().statusCode(200).body(equalTo("hello from CN=ledger.corp,O=Verify Tests"));
    }

    @Test
    void theCorporateBundleReplacesDefaultTrustSoThePartnerIsRejected() {
        given().when().get("/call/inventory-to-partner")
                .then().statusCode(502)
                // The partner's leaf comes straight from its root, which servers do not send: only the leaf arrives.
                .body(startsWith("INCOMPLETE_CHAIN\nTLS failed for REST client 'inventory'"))
                .body(containsString("issued by 'CN=Partner Root CA,O=Verify Tests', which is not in this client's"
                        + " trust"))
                .body(containsString("quarkus.rest-client.inventory.verify="))
                .body(containsString("unable to find valid certification path to requested target"));
    }
}
