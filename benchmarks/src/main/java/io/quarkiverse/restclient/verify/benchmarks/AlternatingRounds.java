package io.quarkiverse.restclient.verify.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The harness behind the alternating-rounds mains ({@link HandshakeRounds}, {@link RepairedChainRounds},
 * {@link RevocationHandshakeRounds}): each round times a block of handshakes with the candidate and one with the
 * baseline in one JVM, the order swapping every round, so a load change on the shared machine hits both. It reports
 * the median block time of each side, the throughput ratio of the medians and the median of the rounds' own ratios.
 * <p>
 * Arguments, in this order: handshakes per block (default 200), warm-up rounds (default 10), measured rounds (default
 * 20). A main may read more arguments after these.
 */
final class AlternatingRounds {

    /** One full handshake and one GET with one side; a block is this, repeated. */
    @FunctionalInterface
    interface Handshake {
        void handshakeAndGet() throws Exception;
    }

    /**
     * One side of the comparison: its name on its own line (e.g. "extension chain"), its shorter name in the ratio line
     * (e.g. "extension"), and its handshake.
     */
    record Side(String name, String ratioName, Handshake handshake) {
    }

    final int handshakes;
    final int warmupRounds;
    final int rounds;

    private AlternatingRounds(int handshakes, int warmupRounds, int rounds) {
        this.handshakes = handshakes;
        this.warmupRounds = warmupRounds;
        this.rounds = rounds;
    }

    /** Reads handshakes per block, warm-up rounds and measured rounds from the first three arguments. */
    static AlternatingRounds fromArguments(String[] args) {
        return new AlternatingRounds(args.length > 0 ? Integer.parseInt(args[0]) : 200,
                args.length > 1 ? Integer.parseInt(args[1]) : 10, args.length > 2 ? Integer.parseInt(args[2]) : 20);
    }

    /** Runs the warm-up and measured rounds, the candidate first in even rounds and the baseline first in odd ones. */
    Outcome alternate(Side candidate, Side baseline) throws Exception {
        List<Long> candidateTimes = new ArrayList<>();
        List<Long> baselineTimes = new ArrayList<>();
        List<Double> roundRatios = new ArrayList<>();
        for (int round = 0; round < warmupRounds + rounds; round++) {
            long candidateTime;
            long baselineTime;
            if (round % 2 == 0) {
                candidateTime = time(candidate);
                baselineTime = time(baseline);
            } else {
                baselineTime = time(baseline);
                candidateTime = time(candidate);
            }
            if (round >= warmupRounds) {
                candidateTimes.add(candidateTime);
                baselineTimes.add(baselineTime);
                roundRatios.add((double) baselineTime / candidateTime);
            }
        }
        return new Outcome(candidate, baseline, candidateTimes, baselineTimes, roundRatios);
    }

    private long time(Side side) throws Exception {
        long start = System.nanoTime();
        for (int i = 0; i < handshakes; i++) {
            side.handshake().handshakeAndGet();
        }
        return System.nanoTime() - start;
    }

    /** The measured block times of both sides and the rounds' throughput ratios (baseline time / candidate time). */
    final class Outcome {

        private final Side candidate;
        private final Side baseline;
        private final List<Long> candidateTimes;
        private final List<Long> baselineTimes;
        private final List<Double> roundRatios;

        private Outcome(Side candidate, Side baseline, List<Long> candidateTimes, List<Long> baselineTimes,
                List<Double> roundRatios) {
            this.candidate = candidate;
            this.baseline = baseline;
            this.candidateTimes = candidateTimes;
            this.baselineTimes = baselineTimes;
            this.roundRatios = roundRatios;
        }

        /**
         * Prints the run's settings (followed by runNote, empty for none), each side's throughput with its median,
         * shortest and longest block, and the ratio line.
         */
        void print(String runNote) {
            printSettings(runNote);
            printSide(candidate, candidateTimes);
            printSide(baseline, baselineTimes);
            printRatios(median(roundRatios));
        }

        /**
         * Prints the lines as {@link RevocationHandshakeRounds} always has, so that its runs compare with the figures
         * recorded in the README: no shortest and longest block, and of an even number of round ratios the upper of the
         * two middle ones rather than their mean.
         */
        void printMediansOnly() {
            printSettings("");
            printSideMedianOnly(candidate, candidateTimes);
            printSideMedianOnly(baseline, baselineTimes);
            List<Double> sorted = new ArrayList<>(roundRatios);
            sorted.sort(null);
            printRatios(sorted.get(sorted.size() / 2));
        }

        private void printSettings(String runNote) {
            System.out.printf(Locale.ROOT, "%d handshakes per block, %d warm-up and %d measured rounds, JDK %s%s%n",
                    handshakes, warmupRounds, rounds, System.getProperty("java.version"), runNote);
        }

        private void printSide(Side side, List<Long> times) {
            double median = median(times);
            System.out.printf(Locale.ROOT, "%s: %.0f handshakes/s (median block %.1f ms, min %.1f, max %.1f)%n",
                    side.name(), handshakes / (median / 1e9), median / 1e6, min(times) / 1e6, max(times) / 1e6);
        }

        private void printSideMedianOnly(Side side, List<Long> times) {
            double median = median(times);
            System.out.printf(Locale.ROOT, "%s: %.0f handshakes/s (median block %.1f ms)%n", side.name(),
                    handshakes / (median / 1e9), median / 1e6);
        }

        private void printRatios(double medianOfRoundRatios) {
            System.out.printf(Locale.ROOT, "throughput ratio %s / %s: %.3f (ratio of medians), %.3f (median of round"
                    + " ratios)%n", candidate.ratioName(), baseline.ratioName(),
                    median(baselineTimes) / median(candidateTimes), medianOfRoundRatios);
        }
    }

    private static double median(List<? extends Number> values) {
        List<Double> sorted = new ArrayList<>();
        for (Number value : values) {
            sorted.add(value.doubleValue());
        }
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
