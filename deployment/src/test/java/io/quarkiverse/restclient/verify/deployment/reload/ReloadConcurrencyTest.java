package io.quarkiverse.restclient.verify.deployment.reload;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.restclient.verify.deployment.Calls;
import io.quarkiverse.restclient.verify.deployment.Hello;
import io.quarkiverse.restclient.verify.deployment.Pki;
import io.quarkiverse.restclient.verify.deployment.ReloadEvents;
import io.quarkiverse.restclient.verify.testpki.MountedDirectory;
import io.quarkiverse.restclient.verify.testpki.Pem;
import io.quarkiverse.restclient.verify.testpki.ServerCase;
import io.quarkiverse.restclient.verify.testpki.ServerScenarios;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.quarkus.test.QuarkusUnitTest;

/**
 * Requests keep flowing while the bundle is swapped over and over between two versions that both trust the server:
 * every handshake sees the old or the new trust, so not a single request fails because of a swap.
 */
class ReloadConcurrencyTest {

    static final ServerScenarios PKI = ServerScenarios.shared("reload-concurrency");
    static final String ONE_CA = Pem.certificates(PKI.trustedRoot().certificate());
    static final String TWO_CAS = Pem.certificates(PKI.unknownRoot().certificate(), PKI.trustedRoot().certificate());
    static final MountedDirectory SECRET = MountedDirectory.create(
            Pki.tempDir("reload-concurrency").resolve("secret"), Map.of("ca.pem", ONE_CA));

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Hello.class, Pki.class, Calls.class, ReloadEvents.class,
                    Busy.class))
            .overrideConfigKey("quarkus.rest-client.busy.verify", SECRET.file("ca.pem").toString())
            .overrideConfigKey("quarkus.rest-client.verify-reload-period", "10ms");

    @AfterAll
    static void stopServers() {
        PKI.close();
    }

    @Test
    void noRequestFailsBecauseOfASwap() throws Exception {
        Hello client = QuarkusRestClientBuilder.newBuilder().baseUri(PKI.server(ServerCase.GOOD_CHAIN).uri())
                .build(Busy.class);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger calls = new AtomicInteger();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        ExecutorService callers = Executors.newFixedThreadPool(4);
        List<Future<?>> work = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            work.add(callers.submit(() -> {
                while (running.get()) {
                    Calls.Outcome outcome = Calls.call(client);
                    calls.incrementAndGet();
                    if (!outcome.ok()) {
                        failures.add(outcome.detail());
                    }
                }
            }));
        }
        // At least three seconds, and on a loaded machine until the amounts asserted below are reached.
        long start = System.nanoTime();
        long end = start + Duration.ofSeconds(3).toNanos();
        long deadline = start + Duration.ofSeconds(60).toNanos();
        int swaps = 0;
        while (System.nanoTime() < end || (System.nanoTime() < deadline && (calls.get() <= 100 || reloads() <= 20))) {
            SECRET.update(Map.of("ca.pem", swaps++ % 2 == 0 ? TWO_CAS : ONE_CA));
            Thread.sleep(25);
        }
        running.set(false);
        for (Future<?> future : work) {
            future.get(30, TimeUnit.SECONDS);
        }
        callers.shutdown();

        long reloads = reloads();
        Logger.getLogger(ReloadConcurrencyTest.class).infof("%d requests during %d swaps and %d reloads: %d failed",
                calls.get(), swaps, reloads, failures.size());
        assertThat(failures).as("failed requests out of %d", calls.get()).isEmpty();
        assertThat(calls.get()).as("requests made during the swaps").isGreaterThan(100);
        assertThat(reloads).as("reloads seen by the application, out of %d swaps", swaps).isGreaterThan(20);
    }

    private static long reloads() {
        return ReloadEvents.RELOADED.stream().filter(e -> e.clientName().equals("busy")).count();
    }

    @RegisterRestClient(configKey = "busy")
    public interface Busy extends Hello {
    }
}
