package io.quarkiverse.restclient.verify.benchmarks.app;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.quarkus.runtime.QuarkusApplication;

/**
 * Times the same number of sequential keep-alive requests through each client, alternately, in several rounds (the
 * first rounds are warm-up; the order swaps every round), and prints each client's median round time, the throughput
 * ratio of the medians and the median of the rounds' own ratios. Settings: {@code -Dbench.requests} (per client and
 * round, default 2000), {@code -Dbench.warmup-rounds} (10), {@code -Dbench.rounds} (20), {@code -Dbench.keep-alive}
 * ({@code false}: every call opens a new connection, as application.properties sets for both clients).
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
        List<Long> verifyCpu = new ArrayList<>();
        List<Long> registryCpu = new ArrayList<>();
        List<Long> verifyAllocated = new ArrayList<>();
        List<Long> registryAllocated = new ArrayList<>();
        List<Long> verifySwitches = new ArrayList<>();
        List<Long> registrySwitches = new ArrayList<>();
        for (int round = 0; round < warmupRounds + rounds; round++) {
            // The order alternates, so neither client always runs right after the other.
            Cost verifyCost;
            Cost registryCost;
            if (round % 2 == 0) {
                verifyCost = time(candidate);
                registryCost = time(viaTlsRegistry::hello);
            } else {
                registryCost = time(viaTlsRegistry::hello);
                verifyCost = time(candidate);
            }
            long verify = verifyCost.nanos;
            long registry = registryCost.nanos;
            boolean measured = round >= warmupRounds;
            if (measured) {
                verifyTimes.add(verify);
                registryTimes.add(registry);
                verifyCpu.add(verifyCost.cpuNanos);
                registryCpu.add(registryCost.cpuNanos);
                verifyAllocated.add(verifyCost.allocatedBytes);
                registryAllocated.add(registryCost.allocatedBytes);
                verifySwitches.add(verifyCost.switches);
                registrySwitches.add(registryCost.switches);
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
        // Less sensitive to other load on the machine than wall time: what the whole process spent per call.
        System.out.printf(Locale.ROOT, "per call (medians, whole process): %s %.0f µs CPU, %.1f KB allocated;"
                + " tls-registry %.0f µs CPU, %.1f KB allocated%n", name, median(verifyCpu) / 1e3 / requests,
                median(verifyAllocated) / 1024.0 / requests, median(registryCpu) / 1e3 / requests,
                median(registryAllocated) / 1024.0 / requests);
        if (!verifySwitches.contains(-1L)) {
            System.out.printf(Locale.ROOT, "voluntary context switches per call (whole process): %s %.2f,"
                    + " tls-registry %.2f%n", name, median(verifySwitches) / requests,
                    median(registrySwitches) / requests);
        }
        System.out.printf(Locale.ROOT, "server: %d connections, %d requests, %d resumed TLS sessions, %s%n",
                server.connections(), server.requests(), server.resumedHandshakes(), server.protocols());
        return 0;
    }

    private Cost time(Supplier<String> call) {
        long cpu = processCpuNanos();
        long allocated = allocatedBytes();
        long switches = voluntarySwitches();
        long start = System.nanoTime();
        for (int i = 0; i < requests; i++) {
            if (!"hello".equals(call.get())) {
                throw new IllegalStateException("unexpected response");
            }
        }
        long nanos = System.nanoTime() - start;
        long switched = voluntarySwitches();
        return new Cost(nanos, processCpuNanos() - cpu, allocatedBytes() - allocated,
                switches < 0 || switched < 0 ? -1 : switched - switches);
    }

    /**
     * One client's round: wall time, CPU time of the process, bytes allocated by its live threads, and how often its
     * threads went to sleep waiting for another (-1 where the system does not say).
     */
    private record Cost(long nanos, long cpuNanos, long allocatedBytes, long switches) {
    }

    /** Voluntary context switches of the process's threads so far, from Linux's /proc; -1 elsewhere. */
    private static long voluntarySwitches() {
        Path tasks = Path.of("/proc/self/task");
        if (!Files.isDirectory(tasks)) {
            return -1;
        }
        long total = 0;
        try (Stream<Path> threads = Files.list(tasks)) {
            for (Path thread : (Iterable<Path>) threads::iterator) {
                try {
                    for (String line : Files.readAllLines(thread.resolve("status"))) {
                        if (line.startsWith("voluntary_ctxt_switches:")) {
                            total += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                        }
                    }
                } catch (IOException e) {
                    // The thread ended meanwhile.
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return total;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long allocatedBytes() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long total = 0;
        for (long bytes : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
            total += Math.max(0, bytes);
        }
        return total;
    }

    private static double median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2.0;
    }
}
