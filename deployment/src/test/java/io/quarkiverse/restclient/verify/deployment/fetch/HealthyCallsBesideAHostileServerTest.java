package io.quarkiverse.restclient.verify.deployment.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Level;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.restclient.verify.deployment.Calls;
import io.quarkiverse.restclient.verify.deployment.Hello;
import io.quarkiverse.restclient.verify.deployment.Pki;
import io.quarkiverse.restclient.verify.testpki.IncompleteChainScenarios;
import io.quarkiverse.restclient.verify.testpki.SlowHttpServer;
import io.quarkiverse.restclient.verify.testpki.TlsTestServer;
import io.quarkus.test.QuarkusUnitTest;

/**
 * A server whose caIssuers URL never answers holds its own handshake for the look-up budget, but not the event loop:
 * calls to a healthy server, on the same client and on another client of the same Vert.x instance, keep their
 * latency, and Vert.x reports no blocked thread. One event loop makes the test deterministic: every connection shares
 * it, as two of eight did when the fetch still ran on {@code vert.x-eventloop-thread-*}.
 */
class HealthyCallsBesideAHostileServerTest {

    static final IncompleteChainScenarios PKI = IncompleteChainScenarios.shared("healthy-beside-hostile");
    static final Path ROOT = Pki.bundle(Pki.tempDir("healthy-beside-hostile").resolve("root.pem"),
            PKI.root().certificate());
    static final SlowHttpServer SILENT = SlowHttpServer.silent();
    static final TlsTestServer HOSTILE = TlsTestServer.start(PKI.intermediate().server("hostile.test",
            List.of("localhost"), List.of("127.0.0.1"), List.of(SILENT.url("/never.cer"))).withoutIntermediates());
    static final TlsTestServer HEALTHY = TlsTestServer.start(PKI.intermediate().server("healthy.test",
            List.of("localhost"), List.of("127.0.0.1")));
    /** Far below the 3 s that a look-up may hold its own handshake, far above a handshake on a loaded machine. */
    static final Duration HEALTHY_BOUND = Duration.ofMillis(1500);

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Hello.class, Pki.class, Calls.class, Repairing.class,
                    Other.class))
            .overrideConfigKey("quarkus.vertx.event-loops-pool-size", "1")
            .overrideConfigKey("quarkus.rest-client.verify-lookup-allow", "127.0.0.1")
            .overrideConfigKey("quarkus.rest-client.repairing.verify", ROOT.toString())
            .overrideConfigKey("quarkus.rest-client.repairing.verify-fetch-intermediates", "true")
            .overrideConfigKey("quarkus.rest-client.other.verify", ROOT.toString())
            .setLogRecordPredicate(r -> r.getLoggerName().startsWith("io.vertx"))
            .assertLogRecords(records -> assertThat(records)
                    .filteredOn(r -> r.getLevel().intValue() >= Level.WARNING.intValue())
                    .extracting(r -> r.getMessage())
                    .noneMatch(message -> message != null && message.contains("has been blocked")));

    @AfterAll
    static void stopServers() {
        HOSTILE.close();
        HEALTHY.close();
        SILENT.close();
    }

    @Test
    void healthyCallsKeepTheirLatencyWhileAnIssuerUrlNeverAnswers() throws Exception {
        // Warm both clients up: building a client is not what is measured.
        assertThat(Calls.call(Repairing.class, HEALTHY.uri()).ok()).isTrue();
        assertThat(Calls.call(Other.class, HEALTHY.uri()).ok()).isTrue();
        ExecutorService hostileCalls = Executors.newFixedThreadPool(2);
        try {
            List<Future<Calls.Outcome>> hostile = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                hostile.add(hostileCalls.submit(() -> Calls.call(Repairing.class, HOSTILE.uri())));
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (SILENT.connections() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(SILENT.connections()).as("the hostile handshake is waiting for its caIssuers URL").isPositive();
            List<Duration> sameClient = new ArrayList<>();
            List<Duration> otherClient = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                sameClient.add(timed(Repairing.class));
                otherClient.add(timed(Other.class));
            }
            assertThat(sameClient).as("healthy calls on the client that repairs chains").allSatisfy(
                    took -> assertThat(took).isLessThan(HEALTHY_BOUND));
            assertThat(otherClient).as("healthy calls on another client").allSatisfy(
                    took -> assertThat(took).isLessThan(HEALTHY_BOUND));
            for (Future<Calls.Outcome> call : hostile) {
                assertThat(call.get().ok()).as("the hostile server's chain cannot be completed").isFalse();
            }
        } finally {
            hostileCalls.shutdownNow();
        }
    }

    private static Duration timed(Class<? extends Hello> client) {
        long start = System.nanoTime();
        Calls.Outcome outcome = Calls.call(client, HEALTHY.uri());
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(outcome.ok()).as(outcome.detail()).isTrue();
        return took;
    }

    @RegisterRestClient(configKey = "repairing")
    public interface Repairing extends Hello {
    }

    @RegisterRestClient(configKey = "other")
    public interface Other extends Hello {
    }
}
