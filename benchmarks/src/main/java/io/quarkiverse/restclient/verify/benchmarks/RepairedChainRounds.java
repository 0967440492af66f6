package io.quarkiverse.restclient.verify.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Full handshakes with a server that omits its intermediate (repaired from the cache after the first fetch) and with
 * the same server sending its full chain, alternated in one JVM with one client (see {@link RepairedChainFixture}):
 * each round times a block of handshakes with each server, the order swapping every round. Prints the median block
 * times, the throughput ratio of the medians and the median of the rounds' own ratios.
 * <p>
 * Arguments: handshakes per block (default 200), warm-up rounds (default 10), measured rounds (default 20).
 */
public final class RepairedChainRounds {

    private RepairedChainRounds() {
    }

    public static void main(String[] args) throws Exception {
        int handshakes = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int warmupRounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        List<Long> repairedTimes = new ArrayList<>();
        List<Long> fullTimes = new ArrayList<>();
        List<Double> roundRatios = new ArrayList<>();
        try (RepairedChainFixture fixture = new RepairedChainFixture()) {
            for (int round = 0; round < warmupRounds + rounds; round++) {
                long repaired;
                long full;
                if (round % 2 == 0) {
                    repaired = time(fixture, fixture.repaired, handshakes);
                    full = time(fixture, fixture.full, handshakes);
                } else {
                    full = time(fixture, fixture.full, handshakes);
                    repaired = time(fixture, fixture.repaired, handshakes);
                }
                if (round >= warmupRounds) {
                    repairedTimes.add(repaired);
                    fullTimes.add(full);
                    roundRatios.add((double) full / repaired);
                }
            }
        }
        double repairedMedian = median(repairedTimes);
        double fullMedian = median(fullTimes);
        System.out.printf(Locale.ROOT, "%d handshakes per block, %d warm-up and %d measured rounds, JDK %s%n",
                handshakes, warmupRounds, rounds, System.getProperty("java.version"));
        System.out.printf(Locale.ROOT, "repaired chain: %.0f handshakes/s (median block %.1f ms, min %.1f, max %.1f)%n",
                handshakes / (repairedMedian / 1e9), repairedMedian / 1e6, min(repairedTimes) / 1e6,
                max(repairedTimes) / 1e6);
        System.out.printf(Locale.ROOT, "full chain: %.0f handshakes/s (median block %.1f ms, min %.1f, max %.1f)%n",
                handshakes / (fullMedian / 1e9), fullMedian / 1e6, min(fullTimes) / 1e6, max(fullTimes) / 1e6);
        System.out.printf(Locale.ROOT, "throughput ratio repaired / full: %.3f (ratio of medians), %.3f (median of"
                + " round ratios)%n", fullMedian / repairedMedian, medianOf(roundRatios));
    }

    private static long time(RepairedChainFixture fixture, HandshakeServer server, int handshakes) throws Exception {
        long start = System.nanoTime();
        for (int i = 0; i < handshakes; i++) {
            fixture.handshakeAndGet(server);
        }
        return System.nanoTime() - start;
    }

    private static double median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2.0;
    }

    private static double medianOf(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    private static long min(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).min().orElseThrow();
    }

    private static long max(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).max().orElseThrow();
    }
}
