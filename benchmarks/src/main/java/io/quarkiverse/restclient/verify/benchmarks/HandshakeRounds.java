package io.quarkiverse.restclient.verify.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.net.ssl.SSLContext;

/**
 * Full handshakes with the extension's trust chain and with the JDK's PKIX trust manager, alternated in one JVM: each
 * round times a block of handshakes with each client (the order swaps every round), so a load change on the shared
 * machine hits both. Prints the median block time of each, the throughput ratio of the medians and the median of the
 * rounds' own ratios.
 * <p>
 * Arguments: handshakes per block (default 200), warm-up rounds (default 10), measured rounds (default 20), and
 * {@code control} to run the JDK client against a second, identical JDK client instead: the ratio that the harness
 * itself produces when nothing differs.
 */
public final class HandshakeRounds {

    private HandshakeRounds() {
    }

    public static void main(String[] args) throws Exception {
        int handshakes = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int warmupRounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        boolean control = args.length > 3 && args[3].equals("control");
        List<Long> extensionTimes = new ArrayList<>();
        List<Long> jdkTimes = new ArrayList<>();
        List<Double> roundRatios = new ArrayList<>();
        try (HandshakeFixture fixture = new HandshakeFixture()) {
            SSLContext candidate = control ? fixture.jdkControlContext : fixture.extensionContext;
            for (int round = 0; round < warmupRounds + rounds; round++) {
                long extension;
                long jdk;
                if (round % 2 == 0) {
                    extension = time(fixture, candidate, handshakes);
                    jdk = time(fixture, fixture.jdkContext, handshakes);
                } else {
                    jdk = time(fixture, fixture.jdkContext, handshakes);
                    extension = time(fixture, candidate, handshakes);
                }
                if (round >= warmupRounds) {
                    extensionTimes.add(extension);
                    jdkTimes.add(jdk);
                    roundRatios.add((double) jdk / extension);
                }
            }
        }
        double extensionMedian = median(extensionTimes);
        double jdkMedian = median(jdkTimes);
        System.out.printf(Locale.ROOT, "%d handshakes per block, %d warm-up and %d measured rounds, JDK %s%s%n",
                handshakes, warmupRounds, rounds, System.getProperty("java.version"),
                control ? ", CONTROL: a second JDK client in place of the extension's" : "");
        System.out.printf(Locale.ROOT, "%s: %.0f handshakes/s (median block %.1f ms, min %.1f, max %.1f)%n",
                control ? "JDK PKIX (2nd)" : "extension chain", handshakes / (extensionMedian / 1e9),
                extensionMedian / 1e6, min(extensionTimes) / 1e6, max(extensionTimes) / 1e6);
        System.out.printf(Locale.ROOT, "JDK PKIX: %.0f handshakes/s (median block %.1f ms, min %.1f, max %.1f)%n",
                handshakes / (jdkMedian / 1e9), jdkMedian / 1e6, min(jdkTimes) / 1e6, max(jdkTimes) / 1e6);
        System.out.printf(Locale.ROOT, "throughput ratio %s / JDK: %.3f (ratio of medians), %.3f (median of round"
                + " ratios)%n", control ? "JDK (2nd)" : "extension", jdkMedian / extensionMedian,
                medianOf(roundRatios));
    }

    private static long time(HandshakeFixture fixture, SSLContext context, int handshakes) throws Exception {
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
