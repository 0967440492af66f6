package io.quarkiverse.restclient.verify.benchmarks.load;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Call latencies counted in fixed buckets of 10 µs up to 10 s (8 MB each), allocated once: the harness measures the
 * application's
 * heap, so its own bookkeeping must not grow with the number of calls (a list of every latency did, by about 20 bytes
 * a call).
 */
final class Latencies {

    private static final long BUCKET_NANOS = 10_000;
    private static final int BUCKETS = 1_000_000;

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS + 1);

    void record(long nanos) {
        counts.incrementAndGet((int) Math.min(BUCKETS, Math.max(0, nanos / BUCKET_NANOS)));
    }

    /** E.g. {@code 1234 calls, p50 1.77 ms, p99 49.65 ms}; each percentile is its bucket's upper edge. */
    String describe() {
        long total = 0;
        for (int i = 0; i <= BUCKETS; i++) {
            total += counts.get(i);
        }
        if (total == 0) {
            return "no calls";
        }
        return String.format(Locale.ROOT, "%d calls, p50 %.2f ms, p99 %.2f ms", total, percentile(total, 0.50),
                percentile(total, 0.99));
    }

    private double percentile(long total, double p) {
        long rank = (long) Math.ceil(total * p);
        long seen = 0;
        for (int i = 0; i <= BUCKETS; i++) {
            seen += counts.get(i);
            if (seen >= rank) {
                return (i + 1) * BUCKET_NANOS / 1e6;
            }
        }
        return BUCKETS * BUCKET_NANOS / 1e6;
    }
}
