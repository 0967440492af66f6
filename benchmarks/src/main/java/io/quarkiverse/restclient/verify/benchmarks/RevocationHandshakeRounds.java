package io.quarkiverse.restclient.verify.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.net.ssl.SSLContext;

/**
 * Full handshakes with {@code verify-revocation=stapled} and with {@code off}, alternated in one JVM against one
 * stapling server (the order swaps every round). Prints the median block time of each and the throughput ratio
 * stapled / off (goal: at least 0.9).
 * <p>
 * Arguments: handshakes per block (default 200), warm-up rounds (default 10), measured rounds (default 20).
 */
public final class RevocationHandshakeRounds {

    private RevocationHandshakeRounds() {
    }

    public static void main(String[] args) throws Exception {
        int handshakes = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int warmupRounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        List<Long> stapledTimes = new ArrayList<>();
        List<Long> offTimes = new ArrayList<>();
        List<Double> roundRatios = new ArrayList<>();
        try (RevocationHandshakeFixture fixture = new RevocationHandshakeFixture()) {
            for (int round = 0; round < warmupRounds + rounds; round++) {
                long stapled;
                long off;
                if (round % 2 == 0) {
                    stapled = time(fixture, fixture.stapledContext, handshakes);
                    off = time(fixture, fixture.offContext, handshakes);
                } else {
                    off = time(fixture, fixture.offContext, handshakes);
                    stapled = time(fixture, fixture.stapledContext, handshakes);
                }
                if (round >= warmupRounds) {
                    stapledTimes.add(stapled);
                    offTimes.add(off);
                    roundRatios.add((double) off / stapled);
                }
            }
        }
        double stapledMedian = median(stapledTimes);
        double offMedian = median(offTimes);
        System.out.printf(Locale.ROOT, "%d handshakes per block, %d warm-up and %d measured rounds, JDK %s%n",
                handshakes, warmupRounds, rounds, System.getProperty("java.version"));
        System.out.printf(Locale.ROOT, "stapled: %.0f handshakes/s (median block %.1f ms)%n",
                handshakes / (stapledMedian / 1e9), stapledMedian / 1e6);
        System.out.printf(Locale.ROOT, "off: %.0f handshakes/s (median block %.1f ms)%n",
                handshakes / (offMedian / 1e9), offMedian / 1e6);
        List<Double> sorted = new ArrayList<>(roundRatios);
        sorted.sort(null);
        System.out.printf(Locale.ROOT, "throughput ratio stapled / off: %.3f (ratio of medians), %.3f (median of"
                + " round ratios)%n", offMedian / stapledMedian, sorted.get(sorted.size() / 2));
    }

    private static long time(RevocationHandshakeFixture fixture, SSLContext context, int handshakes)
            throws Exception {
        long start = System.nanoTime();
        for (int i = 0; i < handshakes; i++) {
            fixture.handshakeAndGet(context);
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
