package io.quarkiverse.restclient.verify.benchmarks.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.quarkus.runtime.QuarkusApplication;

/**
 * Times the same number of sequential keep-alive requests through each client, alternately, in several rounds (the
 * first rounds are warm-up; the order swaps every round), and prints each client's median round time, the throughput
 * ratio of the medians and the median of the rounds' own ratios. Settings: {@code -Dbench.requests} (per client and
 * round, default 2000), {@code -Dbench.warmup-rounds} (10), {@code -Dbench.rounds} (20).
 */
public class ThroughputRun implements QuarkusApplication {

    /** The server started by {@link ThroughputMain}, to report how many connections the clients opened. */
    static KeepAliveServer server;

    @Inject
    @RestClient
    ViaVerify viaVerify;

    @Inject
    @RestClient
    ViaTlsRegistry viaTlsRegistry;

    @Inject
    @RestClient
    ViaTlsRegistryControl viaTlsRegistryControl;

    /** Times a second TLS-registry client in place of the verify client: the ratio when nothing differs. */
    @ConfigProperty(name = "bench.control", defaultValue = "false")
    boolean control;

    @ConfigProperty(name = "bench.requests", defaultValue = "2000")
    int requests;

    @ConfigProperty(name = "bench.warmup-rounds", defaultValue = "10")
    int warmupRounds;

    @ConfigProperty(name = "bench.rounds", defaultValue = "20")
    int rounds;

    @Override
    public int run(String... args) {
        Supplier<String> candidate = control ? viaTlsRegistryControl::hello : viaVerify::hello;
        String name = control ? "tls-registry (2nd)" : "verify";
        List<Long> verifyTimes = new ArrayList<>();
        List<Long> registryTimes = new ArrayList<>();
        List<Long> roundRatios = new ArrayList<>();
        for (int round = 0; round < warmupRounds + rounds; round++) {
            // The order alternates, so neither client always runs right after the other.
            long verify;
            long registry;
            if (round % 2 == 0) {
                verify = time(candidate);
                registry = time(viaTlsRegistry::hello);
            } else {
                registry = time(viaTlsRegistry::hello);
                verify = time(candidate);
            }
            boolean measured = round >= warmupRounds;
            if (measured) {
                verifyTimes.add(verify);
                registryTimes.add(registry);
                // Per mille, to keep one median helper.
                roundRatios.add(Math.round(1000.0 * registry / verify));
            }
            System.out.printf(Locale.ROOT, "round %2d%s: %s %7.1f ms, tls-registry %7.1f ms%n", round + 1,
                    measured ? "" : " (warm-up)", name, verify / 1e6, registry / 1e6);
        }
        double verifyMedian = median(verifyTimes);
        double registryMedian = median(registryTimes);
        System.out.printf(Locale.ROOT, "%d requests per client and round, %d measured rounds%n", requests, rounds);
        System.out.printf(Locale.ROOT, "median: %s %.1f ms (%.0f requests/s), tls-registry %.1f ms (%.0f requests/s)%n",
                name, verifyMedian / 1e6, requests / (verifyMedian / 1e9), registryMedian / 1e6,
                requests / (registryMedian / 1e9));
        System.out.printf(Locale.ROOT, "throughput ratio %s / tls-registry: %.3f (ratio of medians), %.3f (median of"
                + " round ratios)%n", name, registryMedian / verifyMedian, median(roundRatios) / 1000);
        System.out.printf(Locale.ROOT, "server: %d connections, %d requests%n", server.connections(),
                server.requests());
        return 0;
    }

    private long time(Supplier<String> call) {
        long start = System.nanoTime();
        for (int i = 0; i < requests; i++) {
            if (!"hello".equals(call.get())) {
                throw new IllegalStateException("unexpected response");
            }
        }
        return System.nanoTime() - start;
    }

    private static double median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2.0;
    }
}
