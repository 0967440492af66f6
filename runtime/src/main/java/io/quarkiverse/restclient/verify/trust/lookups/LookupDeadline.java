package io.quarkiverse.restclient.verify.trust.lookups;

import java.time.Duration;

/**
 * When a network look-up must have its whole answer. Each look-up has its own deadline ({@link #LOOK_UP}), and the
 * look-ups of one handshake share a budget ({@link #HANDSHAKE_BUDGET}): the outermost trust-manager layer that may
 * look something up opens the budget for the thread that runs the handshake's checks, and every look-up made there
 * ends at its own deadline or at the budget's, whichever comes first.
 */
public final class LookupDeadline {

    /** How long one look-up (connecting, redirects and the whole answer) may take. */
    public static final Duration LOOK_UP = Duration.ofSeconds(2);
    /** How long all look-ups of one handshake (fetched intermediates, OCSP and CRL) may take together. */
    public static final Duration HANDSHAKE_BUDGET = Duration.ofSeconds(3);

    private static final ThreadLocal<LookupDeadline> HANDSHAKE = new ThreadLocal<>();

    private final long end;
    private final long allowedNanos;

    private LookupDeadline(long end, long allowedNanos) {
        this.end = end;
        this.allowedNanos = allowedNanos;
    }

    /** A deadline this long from now. */
    public static LookupDeadline in(Duration duration) {
        long nanos = Math.max(0, duration.toNanos());
        return new LookupDeadline(System.nanoTime() + nanos, nanos);
    }

    /**
     * The deadline of a look-up that may take {@code perLookUp}, cut to the budget of the handshake this thread is
     * checking, if one is open.
     */
    public static LookupDeadline forLookUp(Duration perLookUp) {
        LookupDeadline own = in(perLookUp);
        LookupDeadline handshake = HANDSHAKE.get();
        return handshake == null ? own : own.earlier(handshake);
    }

    /**
     * Opens the look-up budget of the handshake this thread checks, unless one is open already (an outer layer's),
     * and closes it again when the returned scope closes.
     */
    public static Scope handshake(Duration budget) {
        if (HANDSHAKE.get() != null) {
            return () -> {
            };
        }
        HANDSHAKE.set(in(budget));
        return HANDSHAKE::remove;
    }

    /** The earlier of the two. */
    public LookupDeadline earlier(LookupDeadline other) {
        if (other.end - end >= 0) {
            return this;
        }
        long now = System.nanoTime();
        return new LookupDeadline(other.end, Math.max(0, Math.min(allowedNanos, other.end - now)));
    }

    /** The time left, zero once it passed. */
    public long remainingNanos() {
        return Math.max(0, end - System.nanoTime());
    }

    /** The time left in milliseconds, at least 1 while any is left, 0 once it passed. */
    public int remainingMillis() {
        long nanos = remainingNanos();
        return nanos == 0 ? 0 : (int) Math.max(1, Math.min(Integer.MAX_VALUE, nanos / 1_000_000));
    }

    /** Whether it passed. */
    public boolean passed() {
        return remainingNanos() == 0;
    }

    /** How long it allowed when it was set, for messages. */
    public Duration allowed() {
        return Duration.ofMillis(Math.round(allowedNanos / 1_000_000.0));
    }

    /** An open handshake budget; closing it ends the budget on this thread. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
