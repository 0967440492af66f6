package io.quarkiverse.restclient.verify.trust.fetch;

import java.time.Duration;

import io.quarkiverse.restclient.verify.trust.lookups.LookupDeadline;

/**
 * The bounds on fetching missing intermediates from the caIssuers URLs of an untrusted certificate: the URL comes
 * from a server that is not trusted yet, so every cost it can cause is capped.
 *
 * @param maxBytes the largest response accepted; an intermediate is 1 to 2 KiB, a PKCS#7 bundle a few
 * @param timeout the deadline of one fetch: resolving, connecting, redirects and the whole response (the look-ups of
 *        one handshake also share {@link LookupDeadline#HANDSHAKE_BUDGET})
 * @param maxDepth how many certificates one chain may be extended by
 * @param maxFetchesPerHandshake how many URLs one handshake may fetch
 * @param maxFetchesPerMinute how many URLs the whole application may fetch per minute; one server may use a quarter
 *        of them ({@link #maxFetchesPerServerPerMinute()}), so a server cannot use up the others' fetches
 * @param maxRedirects how many redirects (to the same scheme) one fetch follows
 * @param maxCacheEntries how many URLs and how many certificates are remembered, each
 * @param failureMemory how long a failed URL is remembered before it is fetched again
 */
public record FetchLimits(int maxBytes, Duration timeout, int maxDepth, int maxFetchesPerHandshake,
        int maxFetchesPerMinute, int maxRedirects, int maxCacheEntries, Duration failureMemory) {

    /** The limits used by REST clients. */
    public static final FetchLimits DEFAULT = new FetchLimits(64 * 1024, Duration.ofSeconds(2), 4, 4, 20, 3, 256,
            Duration.ofMinutes(1));

    /** How many URLs may be fetched per minute for the chains of one server: a quarter of the application's, at least 1. */
    public int maxFetchesPerServerPerMinute() {
        return Math.max(1, maxFetchesPerMinute / 4);
    }
}
