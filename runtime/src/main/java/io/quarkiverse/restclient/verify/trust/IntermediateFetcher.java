package io.quarkiverse.restclient.verify.trust;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fetches certificates from caIssuers URLs within {@link FetchLimits}, and remembers them: by URL, and as the issuer
 * of the certificate that named the URL, each until the fetched certificate expires. One instance serves every
 * client of an application, so a server that always omits its intermediate costs one fetch in all.
 * <p>
 * A fetch sends a plain GET without credentials or cookies, follows only redirects that keep the scheme, and accepts
 * only a DER certificate or a DER PKCS#7 bundle. What it returns is never trusted by itself: callers only offer it
 * to the client's trust as part of the server's chain.
 */
public final class IntermediateFetcher {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    private final FetchLimits limits;
    private final Map<String, Remembered<Fetched>> byUrl;
    /** By the certificate itself: its hash code is cached and equality compares encodings, so no digest per lookup. */
    private final Map<X509Certificate, Remembered<KnownIssuer>> byCertificate;
    private final Map<String, CompletableFuture<Fetched>> inFlight = new ConcurrentHashMap<>();
    private final Deque<Instant> recentFetches = new ArrayDeque<>();
    private final Map<String, HttpClient> clients = new ConcurrentHashMap<>();
    private final AtomicLong fetches = new AtomicLong();

    /** A fetcher with these limits and empty caches. */
    public IntermediateFetcher(FetchLimits limits) {
        this.limits = limits;
        this.byUrl = bounded(limits.maxCacheEntries());
        this.byCertificate = bounded(limits.maxCacheEntries());
    }

    /** The limits this fetcher keeps. */
    public FetchLimits limits() {
        return limits;
    }

    /** How many HTTP fetches were made so far (cache hits not counted). */
    public long fetches() {
        return fetches.get();
    }

    /**
     * What a URL gave: the certificates, or why there are none.
     *
     * @param certificates the certificates of the response, empty on failure
     * @param failure why the URL gave no certificate, in words, or null
     */
    public record Fetched(List<X509Certificate> certificates, String failure) {

        static Fetched failed(String failure) {
            return new Fetched(List.of(), failure);
        }
    }

    /**
     * The remembered issuer of a certificate.
     *
     * @param certificate the issuer
     * @param url where it was fetched from
     */
    public record KnownIssuer(X509Certificate certificate, String url) {
    }

    /** The issuer fetched earlier for this certificate, if it is still valid. */
    public Optional<KnownIssuer> knownIssuer(X509Certificate certificate) {
        return remembered(byCertificate, certificate);
    }

    /** Remembers the issuer of a certificate until either of them expires. */
    public void rememberIssuer(X509Certificate certificate, KnownIssuer issuer) {
        Instant until = earlier(certificate.getNotAfter().toInstant(), issuer.certificate().getNotAfter().toInstant());
        remember(byCertificate, certificate, issuer, until);
    }

    /** What this URL gave when it was last fetched, if that is still remembered. */
    public Optional<Fetched> cached(String url) {
        return remembered(byUrl, url);
    }

    /**
     * The certificates at this URL, from the cache or fetched now. Concurrent callers for one URL share one fetch. A
     * fetch over the per-minute limit is not made, and that answer is not remembered.
     *
     * @param proxy the HTTP proxy of the client, if it has one
     */
    public Fetched fetch(String url, Optional<InetSocketAddress> proxy) {
        Optional<Fetched> cached = cached(url);
        if (cached.isPresent()) {
            return cached.get();
        }
        CompletableFuture<Fetched> mine = new CompletableFuture<>();
        CompletableFuture<Fetched> running = inFlight.putIfAbsent(url, mine);
        if (running != null) {
            // Bounded by the other caller's time-out.
            return running.join();
        }
        try {
            Fetched result;
            if (!takeFetchSlot()) {
                result = Fetched.failed("not fetched: the limit of " + limits.maxFetchesPerMinute()
                        + " fetches per minute is reached");
            } else {
                fetches.incrementAndGet();
                result = download(url, proxy);
                Instant until = result.failure() != null ? Instant.now().plus(limits.failureMemory())
                        : result.certificates().stream().map(c -> c.getNotAfter().toInstant())
                                .min(Instant::compareTo).orElse(Instant.now());
                remember(byUrl, url, result, until);
            }
            mine.complete(result);
            return result;
        } finally {
            // Whatever went wrong, callers waiting for this fetch must not wait forever.
            mine.complete(Fetched.failed("failed"));
            inFlight.remove(url, mine);
        }
    }

    private synchronized boolean takeFetchSlot() {
        Instant now = Instant.now();
        while (!recentFetches.isEmpty() && recentFetches.peekFirst().isBefore(now.minus(MINUTE))) {
            recentFetches.pollFirst();
        }
        if (recentFetches.size() >= limits.maxFetchesPerMinute()) {
            return false;
        }
        recentFetches.addLast(now);
        return true;
    }

    private Fetched download(String url, Optional<InetSocketAddress> proxy) {
        URI uri;
        try {
            uri = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            return Fetched.failed("not a valid URL");
        }
        if (!httpOrHttps(uri)) {
            return Fetched.failed("ignored: only http and https URLs are followed");
        }
        HttpClient client = client(proxy);
        long deadline = System.nanoTime() + limits.timeout().toNanos();
        for (int redirects = 0;; redirects++) {
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(limits.timeout()).GET()
                    .header("Accept", "application/pkix-cert, application/pkcs7-mime").build();
            HttpResponse<byte[]> response;
            CompletableFuture<HttpResponse<byte[]>> sent = client.sendAsync(request,
                    info -> new CappedBody(limits.maxBytes(), info.headers().firstValueAsLong("content-length")
                            .orElse(-1)));
            try {
                // One deadline for connecting, redirects and the whole body: a slow server cannot hold a handshake.
                response = sent.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                sent.cancel(true);
                return Fetched.failed("unreachable (no complete answer within " + limits.timeout().toMillis()
                        + " ms)");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Fetched.failed("interrupted");
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                while (cause.getCause() != null && !(cause instanceof TooLarge) && !(cause instanceof ConnectException)) {
                    cause = cause.getCause();
                }
                if (cause instanceof TooLarge) {
                    return Fetched.failed("too large (more than " + limits.maxBytes() + " bytes)");
                }
                if (cause instanceof ConnectException) {
                    return Fetched.failed("unreachable (connection refused)");
                }
                return Fetched.failed("unreachable (" + cause.getClass().getSimpleName()
                        + (cause.getMessage() == null ? "" : ": " + cause.getMessage()) + ")");
            }
            int status = response.statusCode();
            if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
                Optional<String> location = response.headers().firstValue("location");
                if (location.isEmpty()) {
                    return Fetched.failed("HTTP status " + status + " without a location");
                }
                URI next;
                try {
                    next = uri.resolve(location.get().trim());
                } catch (IllegalArgumentException e) {
                    return Fetched.failed("redirected to an invalid URL");
                }
                if (!uri.getScheme().equalsIgnoreCase(String.valueOf(next.getScheme()))) {
                    return Fetched.failed("redirected to " + next + ", which is not followed (a redirect may not"
                            + " change the scheme)");
                }
                if (redirects >= limits.maxRedirects()) {
                    return Fetched.failed("more than " + limits.maxRedirects() + " redirects");
                }
                uri = next;
                continue;
            }
            if (status != 200) {
                return Fetched.failed("HTTP status " + status);
            }
            return parse(response.body());
        }
    }

    /** A DER certificate or a DER PKCS#7 bundle; PEM and anything else is refused. */
    static Fetched parse(byte[] body) {
        // A DER SEQUENCE starts with 0x30; PEM text, HTML error pages and the like do not.
        if (body.length == 0 || body[0] != 0x30) {
            return Fetched.failed("not a certificate (neither DER X.509 nor PKCS#7)");
        }
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            try {
                return new Fetched(List.of((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(body))),
                        null);
            } catch (CertificateException notOne) {
                List<X509Certificate> bundle = factory.generateCertPath(new ByteArrayInputStream(body), "PKCS7")
                        .getCertificates().stream().map(X509Certificate.class::cast).toList();
                return bundle.isEmpty() ? Fetched.failed("a PKCS#7 bundle without certificates")
                        : new Fetched(bundle, null);
            }
        } catch (CertificateException | RuntimeException e) {
            return Fetched.failed("not a certificate (neither DER X.509 nor PKCS#7)");
        }
    }

    private HttpClient client(Optional<InetSocketAddress> proxy) {
        String key = proxy.map(InetSocketAddress::toString).orElse("direct");
        return clients.computeIfAbsent(key, k -> HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(limits.timeout())
                // Redirects are followed by hand, so each target is checked; no cookie handler, no authenticator.
                .followRedirects(HttpClient.Redirect.NEVER)
                .proxy(proxy.map(ProxySelector::of).orElse(HttpClient.Builder.NO_PROXY))
                .build());
    }

    static boolean httpOrHttps(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static <K, V> Map<K, Remembered<V>> bounded(int max) {
        return new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<K, Remembered<V>> eldest) {
                return size() > max;
            }
        };
    }

    private static <K, V> Optional<V> remembered(Map<K, Remembered<V>> cache, K key) {
        synchronized (cache) {
            Remembered<V> entry = cache.get(key);
            if (entry == null) {
                return Optional.empty();
            }
            if (Instant.now().isAfter(entry.until())) {
                cache.remove(key);
                return Optional.empty();
            }
            return Optional.of(entry.value());
        }
    }

    private static <K, V> void remember(Map<K, Remembered<V>> cache, K key, V value, Instant until) {
        synchronized (cache) {
            cache.put(key, new Remembered<>(value, until));
        }
    }

    private record Remembered<V>(V value, Instant until) {
    }

    /** The response body was larger than the limit. */
    private static final class TooLarge extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooLarge() {
            super(null, null, false, false);
        }
    }

    /** Collects a response body and gives up, cancelling the download, once it passes the limit. */
    private static final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {

        private final int max;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private Flow.Subscription subscription;

        CappedBody(int max, long announced) {
            this.max = max;
            if (announced > max) {
                result.completeExceptionally(new TooLarge());
            }
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            if (result.isDone()) {
                subscription.cancel();
            } else {
                subscription.request(Long.MAX_VALUE);
            }
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer buffer : buffers) {
                if (body.size() + buffer.remaining() > max) {
                    result.completeExceptionally(new TooLarge());
                    subscription.cancel();
                    return;
                }
                byte[] bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                body.writeBytes(bytes);
            }
        }

        @Override
        public void onError(Throwable failure) {
            result.completeExceptionally(failure);
        }

        @Override
        public void onComplete() {
            result.complete(body.toByteArray());
        }
    }
}
