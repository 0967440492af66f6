package io.quarkiverse.restclient.verify.runtime;

import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.X509ExtendedTrustManager;

import org.jboss.logging.Logger;

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
 * After a reload, {@link #revalidate} judges every open connection's chain with the new trust: a rejected connection
 * is shut down (an idle one at once, a busy one when its requests are answered), a trusted one is kept. If any chain
 * seen since the client's SSL context was made is rejected, the context is renewed, which drops every session that
 * could be resumed; when the change only adds trust, nothing is closed or renewed and no handshake is spent.
 */
final class OpenConnections {

    private static final Logger LOG = Logger.getLogger("io.quarkiverse.restclient.verify");
    /** A busy connection finishes its requests first; the REST client's own timeouts end a request sooner. */
    private static final long BUSY_GRACE_MINUTES = 60;
    /** How long a reload waits for idle connections to close and for renewed SSL contexts, off the event loop. */
    private static final long WAIT_MILLIS = 5_000;
    /**
     * A connection whose handshake was checked just before a revalidation may report itself just after it: such
     * connections are judged on arrival for a while.
     */
    private static final long RECHECK_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final String clientName;
    private final Consumer<OpenConnections> onOpened;
    private final Set<HttpClient> clients = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));
    private final Map<HttpConnection, X509Certificate[]> open = new ConcurrentHashMap<>();
    /** The chains of every handshake since the SSL context was made: a session of any of them may be resumed. */
    private final Set<List<X509Certificate>> resumable = ConcurrentHashMap.newKeySet();
    /** The latest revalidation: null before the first. */
    private volatile Judge latest;

    /**
     * @param onOpened told when a TLS connection opens with a chain not seen since the SSL context was made, and after a
     *        revalidation, e.g. to plan a revalidation at the earliest expiry
     */
    OpenConnections(String clientName, Consumer<OpenConnections> onOpened) {
        this.clientName = clientName;
        this.onOpened = onOpened;
    }

    /** Starts watching the connections of an HTTP client of this REST client; once per HTTP client. */
    void watch(HttpClient client) {
        if (clients.add(client)) {
            client.connectionHandler(this::opened);
        }
    }

    private void opened(HttpConnection connection) {
        if (!connection.isSsl()) {
            return;
        }
        X509Certificate[] chain = chain(connection);
        if (chain == null) {
            return;
        }
        connection.closeHandler(closed -> open.remove(connection));
        open.put(connection, chain);
        // Most new connections resume a session of a chain already planned for: only a new chain can bring an earlier
        // expiry, and waking the planner's thread for every connection costs a context switch per handshake.
        boolean newChain = resumable.add(List.of(chain));
        Judge judge = latest;
        if (judge != null && System.nanoTime() - judge.at < RECHECK_NANOS
                && !judge.trusts(chain, authType(connection.sslSession()))) {
            open.remove(connection);
            shutDown(connection);
            return;
        }
        if (newChain) {
            onOpened.accept(this);
        }
    }

    /** The chains of the open connections and of the sessions that could be resumed. */
    List<List<X509Certificate>> chains() {
        List<List<X509Certificate>> chains = new ArrayList<>(resumable);
        open.values().forEach(chain -> chains.add(List.of(chain)));
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
        Judge judge = new Judge(trust, new ConcurrentHashMap<>(), System.nanoTime());
        latest = judge;
        List<Future<Void>> closing = new ArrayList<>();
        int closed = 0;
        int kept = 0;
        for (Map.Entry<HttpConnection, X509Certificate[]> entry : open.entrySet()) {
            HttpConnection connection = entry.getKey();
            if (judge.trusts(entry.getValue(), authType(connection.sslSession()))) {
                kept++;
            } else if (open.remove(connection) != null) {
                closing.add(shutDown(connection));
                closed++;
            }
        }
        boolean renew = false;
        for (List<X509Certificate> chain : resumable) {
            if (!judge.trusts(chain.toArray(new X509Certificate[0]), "UNKNOWN")) {
                renew = true;
                break;
            }
        }
        if (renew) {
            closing.addAll(renew(renewed));
        }
        await(closing);
        // The trust may now hold CAs that expire sooner: plan again, as a new chain would.
        if (!open.isEmpty()) {
            onOpened.accept(this);
        }
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
        resumable.clear();
        open.values().forEach(chain -> resumable.add(List.of(chain)));
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
    private record Judge(X509ExtendedTrustManager trust, Map<List<X509Certificate>, Boolean> verdicts, long at) {

        boolean trusts(X509Certificate[] chain, String authType) {
            return verdicts.computeIfAbsent(List.of(chain), c -> {
                try {
                    trust.checkServerTrusted(chain, authType);
                    return true;
                } catch (CertificateException | RuntimeException e) {
                    return false;
                }
            });
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
