package io.quarkiverse.restclient.verify.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * With the Prometheus registry in the application, /q/metrics shows explained TLS failures by client and reason,
 * seconds until each client's own certificates expire, and reloads and failed reloads, also for a client first built
 * in code after start-up.
 */
@QuarkusTest
@QuarkusTestResource(PkiServersResource.class)
class TlsMetricsTest {

    @ConfigProperty(name = "pki.dir")
    Path pkiDir;

    @Test
    void failuresExpiryAndReloadsAreScraped() throws IOException {
        double before = value(metrics(),
                "rest_client_verify_failures_total\\{client=\"inventory\",reason=\"INCOMPLETE_CHAIN\"\\}");
        given().get("/call/inventory-to-partner").then().statusCode(502);
        given().get("/call/inventory-to-partner").then().statusCode(502);
        String scraped = metrics();
        assertThat(value(scraped, "rest_client_verify_failures_total\\{client=\"inventory\",reason=\"INCOMPLETE_CHAIN\"\\}"))
                .isEqualTo(Double.isNaN(before) ? 2 : before + 2);

        // The ledger's client certificate is valid for a year; its CA longer.
        double ledger = value(scraped, "rest_client_verify_expiry_seconds\\{client=\"ledger\"\\}");
        assertThat(ledger).isBetween((double) Duration.ofDays(360).toSeconds(), (double) Duration.ofDays(366).toSeconds());
        assertThat(scraped).doesNotContain("rest_client_verify_expiry_seconds{client=\"partner\"}");

        Path bundle = pkiDir.resolve("corp-ca.pem");
        String good = Files.readString(bundle);
        double failedBefore = value(scraped, "rest_client_verify_reload_failures_total\\{client=\"inventory\"\\}");
        double reloadedBefore = value(scraped, "rest_client_verify_reloads_total\\{client=\"inventory\"\\}");
        try {
            Files.writeString(bundle, "-----BEGIN CERTIFICATE-----\nMIIB\n");
            awaitValue("rest_client_verify_reload_failures_total\\{client=\"inventory\"\\}", failedBefore + 1);
        } finally {
            Files.writeString(bundle, good);
        }
        // Back to the content in use: a recovery, not a reload.
        Files.writeString(bundle, good + "\n# touched\n");
        awaitValue("rest_client_verify_reloads_total\\{client=\"inventory\"\\}", reloadedBefore + 1);
    }

    @Test
    void aClientFirstBuiltAfterStartUpGetsItsExpiryGauge() {
        String series = "rest_client_verify_expiry_seconds\\{client=\"" + ArchiveClient.class.getName() + "\"\\}";
        assertThat(value(metrics(), series)).as("premise: the build does not know the client").isNaN();
        given().get("/call/build-archive").then().statusCode(200);
        // The company CA is valid for years.
        assertThat(value(metrics(), series)).isGreaterThan((double) Duration.ofDays(366).toSeconds());
        // Its reload counter is there too, before any reload.
        assertThat(value(metrics(), "rest_client_verify_reloads_total\\{client=\"" + ArchiveClient.class.getName()
                + "\"\\}")).isNotNaN();
    }

    private void awaitValue(String series, double expected) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        double last = Double.NaN;
        while (System.nanoTime() < deadline) {
            last = value(metrics(), series);
            if (last == expected) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        assertThat(last).as(series).isEqualTo(expected);
    }

    private static String metrics() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** The value of a series, or NaN when it is not there. */
    private static double value(String scraped, String series) {
        Matcher matcher = Pattern.compile("(?m)^" + series + " (\\S+)$").matcher(scraped);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : Double.NaN;
    }
}
