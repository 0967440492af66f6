package io.quarkiverse.restclient.verify.runtime;

import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.X509ExtendedTrustManager;

import org.jboss.logging.Logger;

import io.quarkiverse.restclient.verify.diagnosis.HandshakeEvidence;
import io.quarkiverse.restclient.verify.trust.RecentlyUsed;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.SSLOptions;

/**
 * The TLS connections one REST client has open, each with the server chain it was established with, so that a change
 * that removes trust reaches them: the REST client keeps connections alive and resumes TLS sessions, and neither
 * passes the trust manager again.
 * <p>
 * After a reload, {@link #revalidate} judges every open connection's chain with the new trust, completed as its
 * handshake was with the intermediates fetched before (from the cache, with no network): a rejected connection
 * is shut down (an idle one at once, a busy one when its requests are answered), a trusted one is kept. If any chain
 * that a session could still be resumed with is rejected, the context is renewed, which drops every session that
 * could be resumed; when the change only adds trust, nothing is closed or renewed and no handshake is spent.
 * <p>
 * What is kept grows with what is open, not with history: one entry per open connection, and one resumable chain per
 * server (host and port, as the JDK's and OpenSSL's client session caches key sessions), dropped when the session's
 * lifetime is over, at most {@link #MAX_RESUMABLE}. A chain forgotten because of that bound makes the next
 * revalidation renew the SSL context: a resumption is lost, never a trust check.
 */
final class OpenConnections {

    private static final Logger LOG = Logger.getLogger(OpenConnections.class);
    /** A busy connection finishes its requests first; the REST client's own timeouts end a request sooner. */
    private static final long BUSY_GRACE_MINUTES = 60;
    /** How long a reload waits for idle connections to close and for renewed SSL contexts, off the event loop. */
    private static final long WAIT_MILLIS = 5_000;
    /**
     * A connection whose handshake was checked just before a revalidation may report itself just after it: such
     * connections are judged on arrival for a while.
     */
    private static final long RECHECK_NANOS = TimeUnit.SECONDS.toNanos(5);

    /**
     * The most servers whose resumable session is remembered per client: far above the servers one client calls, far
     * below what a client that meets a new server (or a new chain) on every connection would pile up.
     */
    static final int MAX_RESUMABLE = 1024;
    /**
     * The most TLS sessions the client's SSL context keeps for resumption: the JDK keeps 20,480 by default, each with
     * its server's chain, so a client that meets many servers (or a server with a new chain on every connection) would
     * hold tens of megabytes of sessions that no revalidation judges. As many as the chains remembered here.
     */
    static final int SESSION_CACHE_SIZE = MAX_RESUMABLE;
    /** A session's lifetime when its context does not say: the JDK's default session timeout. */
    static final long DEFAULT_SESSION_MILLIS = TimeUnit.HOURS.toMillis(24);
    /**
     * How long a connection closed for trust explains a request that fails because of the close: a waiting request
     * fails at once, a busy connection's requests are answered first.
     */
    static final long CLOSE_EXPLAINS_MILLIS = TimeUnit.SECONDS.toMillis(30);
    /** The most servers whose connections closed for trust are remembered, to explain the requests that fail. */
    static final int MAX_CLOSED = 256;

    private final String clientName;
    private final UnaryOperator<X509ExtendedTrustManager> knownIssuers;
    private final BiConsumer<OpenConnections, List<X509Certificate>> onOpened;
    private final Set<HttpClient> clients = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));
    private final Map<HttpConnection, Seen> open = new ConcurrentHashMap<>();
    /**
     * Per server, the chain of the latest session with it since the SSL context was made, which a new connection may
     * resume: the client session caches keep one session per host and port.
     */
    private final Map<String, Seen> resumable = new LinkedHashMap<>();
    /** Whether a resumable chain was dropped at {@link #MAX_RESUMABLE}, so that only a renewal is sure to reach it. */
    private boolean forgotten;
    /** The latest revalidation while connections are judged on arrival after it, else null. */
    private final AtomicReference<Judge> latest = new AtomicReference<>();
    /** Per server, the latest connection closed because the trust now in use rejects its chain, and why. */
    private final Map<String, HandshakeEvidence> closedForTrust = RecentlyUsed.map(MAX_CLOSED);

    /**
     * @param onOpened told when a TLS connection opens with a chain not remembered for its server, and after a
     *        revalidation, with a chain, e.g. to plan a revalidation at the
     *        chain's expiry
     */
    OpenConnections(String clientName, BiConsumer<OpenConnections, List<X509Certificate>> onOpened) {
        this(clientName, UnaryOperator.identity(), onOpened);
    }

    /**
     * @param knownIssuers wraps the trust a revalidation is given, so that a chain a handshake completed with fetched
     *        intermediates is judged with them again (from the cache, no network), as its handshake was
     * @param onOpened told when a TLS connection opens with a chain not remembered for its server, and after a
     *        revalidation, with a chain
     */
    OpenConnections(String clientName, UnaryOperator<X509ExtendedTrustManager> knownIssuers,
            BiConsumer<OpenConnections, List<X509Certificate>> onOpened) {
        this.clientName = clientName;
        this.knownIssuers = knownIssuers;
        this.onOpened = onOpened;
    }

    /** A connection's server chain, the server its session is cached for, and until when it can be resumed. */
    record Seen(List<X509Certificate> chain, String server, long resumableUntil) {
    }

    /** Starts watching the connections of an HTTP client of this REST client; once per HTTP client. */
    void watch(HttpClient client) {
        if (clients.add(client)) {
            client.connectionHandler(this::opened);
        }
    }

    void opened(HttpConnection connection) {
        if (!connection.isSsl()) {
            return;
        }
        X509Certificate[] chain = chain(connection);
        if (chain == null) {
            return;
        }
        Seen seen = seen(connection, chain);
        connection.closeHandler(closed -> open.remove(connection));
        open.put(connection, seen);
        boolean newChain = remember(seen);
        Judge judge = latest.get();
        if (judge != null && System.nanoTime() - judge.at >= RECHECK_NANOS) {
            // Its verdicts are of no more use: not kept until the next revalidation.
            latest.compareAndSet(judge, null);
        } else if (judge != null) {
            CertificateException rejection = judge.rejection(chain, authType(connection.sslSession()));
            if (rejection != null) {
                // Its handshake was accepted by the trust before the change; a request waits for it and fails when
                // it closes, explained by closedForTrust.
                open.remove(connection);
                closedForTrust(seen, rejection);
                shutDown(connection);
                return;
            }
        }
        // Most new connections resume a session of a chain already planned for: only a new chain can bring an earlier
        // expiry, and waking the planner's thread for every connection costs a context switch per handshake.
        if (newChain) {
            onOpened.accept(this, seen.chain());
        }
    }

    private static Seen seen(HttpConnection connection, X509Certificate[] chain) {
        SSLSession session = connection.sslSession();
        long now = System.currentTimeMillis();
        if (session == null) {
            return new Seen(List.of(chain), String.valueOf(connection.remoteAddress()), now + DEFAULT_SESSION_MILLIS);
        }
        SSLSessionContext context = session.getSessionContext();
        bound(context);
        int timeoutSeconds = context == null ? 0 : context.getSessionTimeout();
        long lifetime = timeoutSeconds > 0 ? TimeUnit.SECONDS.toMillis(timeoutSeconds) : DEFAULT_SESSION_MILLIS;
        // A resumed session keeps its creation time: its lifetime is not extended by being used.
        long created = session.getCreationTime() > 0 ? Math.min(session.getCreationTime(), now) : now;
        return new Seen(List.of(chain), session.getPeerHost() + ":" + session.getPeerPort(), created + lifetime);
    }

    /** Bounds the session cache of the client's SSL context; a renewed context is bounded at its first connection. */
    static void bound(SSLSessionContext context) {
        if (context != null && context.getSessionCacheSize() != SESSION_CACHE_SIZE) {
            context.setSessionCacheSize(SESSION_CACHE_SIZE);
        }
    }

    /**
     * Keeps the chain as the one a session with its server may be resumed with; drops what no session can use.
     *
     * @return whether the server's chain is new: not the one remembered for it (a resumed session's certificates are
     *         the same objects, so this is mostly a reference comparison)
     */
    private boolean remember(Seen seen) {
        synchronized (resumable) {
            Seen previous = resumable.remove(seen.server());
            resumable.put(seen.server(), seen);
            if (resumable.size() > MAX_RESUMABLE) {
                dropEnded(System.currentTimeMillis());
            }
            Iterator<Seen> oldest = resumable.values().iterator();
            while (resumable.size() > MAX_RESUMABLE) {
                oldest.next();
                oldest.remove();
                forgotten = true;
            }
            return previous == null || !previous.chain().equals(seen.chain());
        }
    }

    /** Forgets the chains whose sessions can no longer be resumed; called with the lock held. */
    private void dropEnded(long now) {
        resumable.values().removeIf(seen -> seen.resumableUntil() <= now);
    }

    /** The chains of the open connections and of the sessions that could still be resumed. */
    List<List<X509Certificate>> chains() {
        List<List<X509Certificate>> chains = new ArrayList<>();
        synchronized (resumable) {
            dropEnded(System.currentTimeMillis());
            resumable.values().forEach(seen -> chains.add(seen.chain()));
        }
        open.values().forEach(seen -> chains.add(seen.chain()));
        return chains;
    }

    /**
     * Judges every open connection, and every chain a session could be resumed with, by this trust; closes what it
     * rejects and renews the SSL contexts when a resumable session is rejected.
     *
     * @param trust the trust now in use
     * @param renewed the SSL options the client's HTTP clients are renewed with
     * @return what was done, for the reload's log line
     */
    Revalidation revalidate(X509ExtendedTrustManager trust, SSLOptions renewed) {
        Judge judge = new Judge(knownIssuers.apply(trust), new ConcurrentHashMap<>(), System.nanoTime());
        latest.set(judge);
        List<Future<Void>> closing = new ArrayList<>();
        int closed = 0;
        int kept = 0;
        for (Map.Entry<HttpConnection, Seen> entry : open.entrySet()) {
            HttpConnection connection = entry.getKey();
            CertificateException rejection = judge.rejection(entry.getValue().chain().toArray(new X509Certificate[0]),
                    authType(connection.sslSession()));
            if (rejection == null) {
                kept++;
            } else if (open.remove(connection) != null) {
                closedForTrust(entry.getValue(), rejection);
                closing.add(shutDown(connection));
                closed++;
            }
        }
        boolean renew;
        List<List<X509Certificate>> resumableChains = new ArrayList<>();
        synchronized (resumable) {
            dropEnded(System.currentTimeMillis());
            // A forgotten chain cannot be judged: only a renewal is sure to keep its session from being resumed.
            renew = forgotten;
            resumable.values().forEach(seen -> resumableChains.add(seen.chain()));
        }
        for (List<X509Certificate> chain : resumableChains) {
            if (renew) {
                break;
            }
            renew = judge.rejection(chain.toArray(new X509Certificate[0]), "UNKNOWN") != null;
        }
        if (renew) {
            closing.addAll(renew(renewed));
        }
        await(closing);
        // The trust may now hold a CA that expires sooner: plan again, as a new chain would have.
        open.values().stream().findFirst().ifPresent(seen -> onOpened.accept(this, seen.chain()));
        return new Revalidation(closed, kept, renew);
    }

    /** Closes every connection (a new client certificate must be presented on the next request) and renews. */
    Revalidation closeAll(SSLOptions renewed) {
        List<Future<Void>> closing = new ArrayList<>();
        int closed = 0;
        for (HttpConnection connection : List.copyOf(open.keySet())) {
            if (open.remove(connection) != null) {
                closing.add(shutDown(connection));
                closed++;
            }
        }
        closing.addAll(renew(renewed));
        await(closing);
        return new Revalidation(closed, 0, true);
    }

    /** New SSL contexts for the HTTP clients: sessions of the old ones cannot be resumed. */
    private List<Future<Void>> renew(SSLOptions renewed) {
        // Chains of connections still open stay resumable only in the old context, which new connections no longer use.
        synchronized (resumable) {
            resumable.clear();
            forgotten = false;
            open.values().forEach(seen -> resumable.put(seen.server(), seen));
        }
        List<Future<Void>> renewing = new ArrayList<>();
        List<HttpClient> current;
        synchronized (clients) {
            current = new ArrayList<>(clients);
        }
        for (HttpClient client : current) {
            // Forced: the options are the same object as before, and only a new context forgets the old sessions.
            renewing.add(client.updateSSLOptions(renewed, true).<Void> mapEmpty());
        }
        return renewing;
    }

    private void closedForTrust(Seen seen, CertificateException rejection) {
        int colon = seen.server().lastIndexOf(':');
        String host = colon > 0 ? seen.server().substring(0, colon) : seen.server();
        int port = -1;
        try {
            port = colon > 0 ? Integer.parseInt(seen.server().substring(colon + 1)) : -1;
        } catch (NumberFormatException e) {
            // A server known only by its remote address: explained without a port.
        }
        closedForTrust.put(key(host, port), new HandshakeEvidence(host, port, seen.chain(), rejection, Instant.now()));
    }

    /**
     * Why this client recently closed its connection to this server, if it did because the trust now in use rejects
     * the connection's chain: explains a request that fails because the connection it waited for was closed.
     */
    Optional<HandshakeEvidence> closedForTrust(String host, int port) {
        if (host == null) {
            return Optional.empty();
        }
        HandshakeEvidence closed = closedForTrust.get(key(host, port));
        if (closed == null || closed.at().plusMillis(CLOSE_EXPLAINS_MILLIS).isBefore(Instant.now())) {
            return Optional.empty();
        }
        return Optional.of(closed);
    }

    private static String key(String host, int port) {
        return host.toLowerCase(java.util.Locale.ROOT) + ":" + port;
    }

    private Future<Void> shutDown(HttpConnection connection) {
        try {
            return connection.shutdown(BUSY_GRACE_MINUTES, TimeUnit.MINUTES);
        } catch (RuntimeException e) {
            LOG.debugf(e, "REST client '%s': cannot shut a connection down gracefully; closing it", clientName);
            return connection.close();
        }
    }

    /** Waits, off the event loop only, so that the next request after a reload finds the connections gone. */
    private void await(List<Future<Void>> futures) {
        if (futures.isEmpty() || Context.isOnEventLoopThread()) {
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MILLIS);
        for (Future<Void> future : futures) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            try {
                // A busy connection's future completes after its requests: the deadline bounds the wait.
                future.toCompletionStage().toCompletableFuture().get(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                LOG.debugf(e, "REST client '%s': a connection did not close or an SSL context did not renew in time",
                        clientName);
            }
        }
    }

    /**
     * One trust and its verdicts, by chain: most connections of a client present the same chain, so each is judged
     * once per revalidation.
     */
    private record Judge(X509ExtendedTrustManager trust, Map<List<X509Certificate>, Optional<CertificateException>> verdicts,
            long at) {

        /** Why this trust rejects the chain, or null when it trusts it. */
        CertificateException rejection(X509Certificate[] chain, String authType) {
            Optional<CertificateException> verdict = verdicts.get(List.of(chain));
            if (verdict == null) {
                verdict = Optional.ofNullable(judge(chain, authType));
                // Bounded like the chains themselves: past the bound a chain is judged without remembering it.
                if (verdicts.size() < MAX_RESUMABLE) {
                    verdicts.put(List.of(chain), verdict);
                }
            }
            return verdict.orElse(null);
        }

        private CertificateException judge(X509Certificate[] chain, String authType) {
            try {
                trust.checkServerTrusted(chain, authType);
                return null;
            } catch (CertificateException e) {
                return e;
            } catch (RuntimeException e) {
                return new CertificateException(e.getMessage(), e);
            }
        }
    }

    private static X509Certificate[] chain(HttpConnection connection) {
        try {
            List<Certificate> certificates = connection.peerCertificates();
            X509Certificate[] chain = new X509Certificate[certificates.size()];
            for (int i = 0; i < chain.length; i++) {
                if (!(certificates.get(i) instanceof X509Certificate)) {
                    return null;
                }
                chain[i] = (X509Certificate) certificates.get(i);
            }
            return chain.length == 0 ? null : chain;
        } catch (SSLPeerUnverifiedException | RuntimeException e) {
            return null;
        }
    }

    /** The key exchange the JDK names when it checks a server: from the cipher suite up to TLS 1.2. */
    static String authType(SSLSession session) {
        if (session == null || "TLSv1.3".equals(session.getProtocol())) {
            return "UNKNOWN";
        }
        String suite = session.getCipherSuite();
        int with = suite == null ? -1 : suite.indexOf("_WITH_");
        return with > 4 && suite.startsWith("TLS_") ? suite.substring(4, with) : "UNKNOWN";
    }

    /**
     * What a revalidation did.
     *
     * @param closed connections shut down because their server chain is no longer trusted
     * @param kept connections kept because their chain is still trusted
     * @param renewed whether the SSL contexts were renewed, so that no earlier session is resumed
     */
    record Revalidation(int closed, int kept, boolean renewed) {

        /** Whether anything was closed or renewed: worth a log line. */
        boolean acted() {
            return closed > 0 || renewed;
        }

        /** E.g. {@code closed 1 open connection whose server chain it no longer trusts, kept 0; ...}. */
        String describe() {
            return "closed " + closed + " open connection" + (closed == 1 ? "" : "s") + " whose server chain it no"
                    + " longer trusts, kept " + kept + (renewed ? "; earlier TLS sessions are no longer resumed" : "");
        }
    }
}
