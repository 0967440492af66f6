package io.quarkiverse.restclient.verify.trust.fetch;

import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
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
import java.util.concurrent.atomic.AtomicLong;

import io.quarkiverse.restclient.verify.trust.Printable;
import io.quarkiverse.restclient.verify.trust.lookups.LookupAddresses;
import io.quarkiverse.restclient.verify.trust.lookups.LookupDeadline;
import io.quarkiverse.restclient.verify.trust.lookups.PkiLookups;

/**
 * Fetches certificates from caIssuers URLs within {@link FetchLimits}, and remembers them: by URL, and as the issuer
 * of the certificate that named the URL, each until the fetched certificate expires. One instance serves every
 * client of an application, so a server that always omits its intermediate costs one fetch in all.
 * <p>
 * A fetch sends a plain GET through {@link PkiLookups} (one deadline, allowed addresses only, no credentials or
 * cookies), follows only redirects that keep the scheme, and accepts only a DER certificate or a DER PKCS#7 bundle.
 * What it returns is never trusted by itself: callers only offer it to the client's trust as part of the server's
 * chain, and only a chain the client's trust accepted makes the fetcher remember it for other handshakes.
 */
public final class IntermediateFetcher {

    /** What a caIssuers URL serving PEM is told: the fix is on the server, in the words of the RFC. */
    static final String PEM_REFUSED = "this is PEM; serve the DER certificate (RFC 5280 4.2.2.1): the server's operator"
            + " can convert it with openssl x509 -in ca.pem -outform der -out ca.cer; PEM is refused here as browsers"
            + " refuse it";

    private static final Duration MINUTE = Duration.ofMinutes(1);

    private final FetchLimits limits;
    private final Map<String, Remembered<Fetched>> byUrl;
    /** By the certificate itself: its hash code is cached and equality compares encodings, so no digest per lookup. */
    private final Map<X509Certificate, Remembered<KnownIssuer>> byCertificate;
    private final Deque<Instant> recentFetches = new ArrayDeque<>();
    /** Each server's fetches of the last minute; bounded like the caches. */
    private final Map<String, Deque<Instant>> byServer;
    private final PkiLookups lookups = new PkiLookups();
    private final AtomicLong fetches = new AtomicLong();

    /** A fetcher with these limits and empty caches. */
    public IntermediateFetcher(FetchLimits limits) {
        this.limits = limits;
        this.byUrl = bounded(limits.maxCacheEntries());
        this.byCertificate = bounded(limits.maxCacheEntries());
        this.byServer = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Deque<Instant>> eldest) {
                return size() > limits.maxCacheEntries();
            }
        };
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
     * The certificates at this URL, from the cache or fetched now, for a client that may connect only where public
     * addresses are.
     *
     * @param proxy the HTTP proxy of the client, if it has one
     */
    public Fetched fetch(String url, Optional<InetSocketAddress> proxy) {
        return fetch(url, proxy, LookupAddresses.publicOnly(), null, LookupDeadline.forLookUp(limits.timeout()));
    }

    /**
     * The certificates at this URL, from the cache or fetched now, by the deadline. Concurrent callers for one URL
     * share one request. A fetch over the per-minute limits (of the application, and of one server's share of it) is
     * not made. What a URL gave is remembered by URL only once a chain completed with it was trusted
     * ({@link #remember}); failures are remembered for {@link FetchLimits#failureMemory()}.
     *
     * @param proxy the HTTP proxy of the client, if it has one
     * @param addresses where the fetch may connect
     * @param server the server whose chain needs the certificate ({@code host:port}), which the per-server share is
     *        counted for; null to count the URL's host
     */
    public Fetched fetch(String url, Optional<InetSocketAddress> proxy, LookupAddresses addresses, String server,
            LookupDeadline deadline) {
        Optional<Fetched> cached = cached(url);
        if (cached.isPresent()) {
            return cached.get();
        }
        URI uri;
        try {
            uri = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            return Fetched.failed("not a valid URL");
        }
        if (!httpOrHttps(uri)) {
            return Fetched.failed("ignored: only http and https URLs are followed");
        }
        if (deadline.passed()) {
            return Fetched.failed("not fetched: the handshake's look-up budget of "
                    + LookupDeadline.HANDSHAKE_BUDGET.toMillis() + " ms is used up");
        }
        String share = (server == null ? uri.getHost() : server).toLowerCase(Locale.ROOT);
        Optional<String> over = takeFetchSlot(share);
        if (over.isPresent()) {
            return Fetched.failed(over.get());
        }
        fetches.incrementAndGet();
        Fetched result = download(uri, proxy, addresses, deadline);
        if (result.failure() != null) {
            remember(byUrl, url, result, Instant.now().plus(limits.failureMemory()));
        }
        return result;
    }

    /**
     * Remembers what a URL gave, once a chain completed with it was trusted: until the first of its certificates
     * expires. Nothing a server's URL answered is shared with other handshakes before that, so a decoy answered once
     * cannot stand in for the real issuer afterwards.
     */
    public void remember(String url, Fetched fetched) {
        if (fetched.failure() == null && !fetched.certificates().isEmpty()) {
            Instant until = fetched.certificates().stream().map(c -> c.getNotAfter().toInstant())
                    .min(Instant::compareTo).orElse(Instant.now());
            remember(byUrl, url, fetched, until);
        }
    }

    /** Takes a slot of the application's fetches per minute and of this server's share; why not, when not. */
    private synchronized Optional<String> takeFetchSlot(String server) {
        Instant now = Instant.now();
        Instant minuteAgo = now.minus(MINUTE);
        while (!recentFetches.isEmpty() && recentFetches.peekFirst().isBefore(minuteAgo)) {
            recentFetches.pollFirst();
        }
        Deque<Instant> mine = byServer.computeIfAbsent(server, s -> new ArrayDeque<>());
        while (!mine.isEmpty() && mine.peekFirst().isBefore(minuteAgo)) {
            mine.pollFirst();
        }
        if (recentFetches.size() >= limits.maxFetchesPerMinute()) {
            return Optional.of("not fetched: the limit of " + limits.maxFetchesPerMinute()
                    + " fetches per minute is reached");
        }
        if (mine.size() >= limits.maxFetchesPerServerPerMinute()) {
            return Optional.of("not fetched: the limit of " + limits.maxFetchesPerServerPerMinute()
                    + " fetches per minute for one server (" + Printable.text(server, Printable.MAX_NAME)
                    + ") is reached");
        }
        recentFetches.addLast(now);
        mine.addLast(now);
        return Optional.empty();
    }

    private Fetched download(URI uri, Optional<InetSocketAddress> proxy, LookupAddresses addresses,
            LookupDeadline deadline) {
        try {
            PkiLookups.Response response = lookups.sendAndWait(PkiLookups.Request.get(uri,
                    "application/pkix-cert, application/pkcs7-mime", limits.maxBytes(), limits.maxRedirects()),
                    proxy, addresses, deadline);
            if (response.status() != 200) {
                return Fetched.failed("HTTP status " + response.status());
            }
            return parse(response.body());
        } catch (PkiLookups.Failure e) {
            switch (e.kind()) {
                case REFUSED:
                    return Fetched.failed("not fetched: " + e.getMessage());
                case TOO_LARGE:
                case REDIRECT:
                    return Fetched.failed(e.getMessage());
                default:
                    return Fetched.failed("unreachable (" + e.getMessage() + ")");
            }
        }
    }

    /**
     * A DER certificate or a DER PKCS#7 bundle; PEM and anything else is refused. RFC 5280 4.2.2.1 names DER for
     * caIssuers, and browsers refuse PEM there too: accepting it here would hide a server fault that breaks them.
     */
    static Fetched parse(byte[] body) {
        // A DER SEQUENCE starts with 0x30; PEM text, HTML error pages and the like do not.
        if (body.length == 0 || body[0] != 0x30) {
            return Fetched.failed(isPem(body) ? PEM_REFUSED : "not a certificate (neither DER X.509 nor PKCS#7)");
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

    /** Whether the body starts, after a byte order mark and white space, with a PEM armour line. */
    private static boolean isPem(byte[] body) {
        String start = new String(body, 0, Math.min(body.length, 128), StandardCharsets.ISO_8859_1);
        return start.replace("\u00ef\u00bb\u00bf", "").stripLeading().startsWith("-----BEGIN ");
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
}
