package io.quarkiverse.restclient.verify.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import javax.net.ssl.X509ExtendedTrustManager;

import org.jboss.logging.Logger;

import io.quarkiverse.restclient.verify.trust.RecentlyUsed;
import io.quarkiverse.restclient.verify.trust.fetch.ChainRepair;
import io.quarkiverse.restclient.verify.trust.fetch.FetchLimits;
import io.quarkiverse.restclient.verify.trust.fetch.IntermediateFetcher;
import io.quarkiverse.restclient.verify.trust.fetch.IntermediateFetchingTrustManager;
import io.quarkiverse.restclient.verify.trust.lookups.PkiLookups;

/**
 * The servers whose chains were completed with fetched intermediates, for the log (one INFO per server), the
 * readiness check and the Dev UI; and the one fetcher, with its cache, that all clients of the application share.
 */
public final class IntermediateRepairs {

    private static final Logger LOG = Logger.getLogger(IntermediateRepairs.class);
    /** Servers remembered per client; a client calling more servers than this is not listed further. */
    private static final int MAX_SERVERS = 256;
    /**
     * Servers remembered as logged, the least recently repaired dropped first: past it a server may be logged again,
     * and a stream of new servers never grows the set nor silences the log for new ones.
     */
    static final int MAX_LOGGED = 256;

    private final IntermediateFetcher fetcher = new IntermediateFetcher(FetchLimits.DEFAULT);
    private final Map<String, Map<String, ChainRepair>> byClient = new ConcurrentHashMap<>();
    private final Set<String> logged = RecentlyUsed.set(MAX_LOGGED);
    private final List<Consumer<String>> observers = new CopyOnWriteArrayList<>();

    /** Tells the observer the client's name each time a handshake of that client was completed by a repair. */
    public void onRepair(Consumer<String> observer) {
        observers.add(observer);
    }

    /** The trust-manager layer that repairs chains for this client, or nothing when it does not fetch. */
    public UnaryOperator<X509ExtendedTrustManager> layer(ClientTrust client) {
        if (client.fetchIntermediates().isEmpty() || client.insecure()) {
            return UnaryOperator.identity();
        }
        IntermediateFetching fetching = client.fetchIntermediates().get();
        return delegate -> new IntermediateFetchingTrustManager(delegate, fetcher, fetching.proxy(),
                fetching.addresses(), repair -> repaired(client, repair));
    }

    /**
     * The layer that judges a client's chains again (after a reload, at an expiry) as its handshakes did: completed
     * with the intermediates fetched before, from the cache and with no network; the identity when it does not fetch.
     */
    public UnaryOperator<X509ExtendedTrustManager> knownIssuers(ClientTrust client) {
        if (client.fetchIntermediates().isEmpty() || client.insecure()) {
            return UnaryOperator.identity();
        }
        return delegate -> IntermediateFetchingTrustManager.fromCache(delegate, fetcher);
    }

    /** The fetcher shared by every client. */
    IntermediateFetcher fetcher() {
        return fetcher;
    }

    /** Called by the client's trust manager for each handshake completed by a repair; package-private for tests. */
    void repaired(ClientTrust client, ChainRepair repair) {
        observers.forEach(observer -> observer.accept(client.clientName()));
        String server = repair.server() + " " + repair.omitted();
        Map<String, ChainRepair> servers = byClient.computeIfAbsent(client.clientName(),
                name -> new ConcurrentHashMap<>());
        if (servers.size() < MAX_SERVERS) {
            servers.putIfAbsent(server, repair);
        }
        if (logged.add(server)) {
            LOG.infof("server %s omits its %s; fetched from %s; the server should send %s (REST client '%s', %s)",
                    repair.server(), omitted(repair), urls(repair),
                    repair.omitted().size() == 1 ? "it" : "them", client.clientName(),
                    client.fetchIntermediates().get().property());
        }
    }

    /** How many servers are remembered as logged, for tests that bound them. */
    int loggedCount() {
        return logged.size();
    }

    /** One line per server this client reached only with fetched intermediates. */
    public List<String> repairedServers(ClientTrust client) {
        List<String> lines = new ArrayList<>();
        Map<String, ChainRepair> servers = byClient.get(client.clientName());
        if (servers != null) {
            servers.values().forEach(repair -> lines.add(repair.server() + " omits its " + omitted(repair)
                    + " (fetched from " + urls(repair) + ")"));
        }
        lines.sort(null);
        return lines;
    }

    /** The URLs, escaped: they come from the server's certificates. */
    private static String urls(ChainRepair repair) {
        return String.join(", ", repair.urls().stream().map(PkiLookups::shown).toList());
    }

    private static String omitted(ChainRepair repair) {
        List<String> quoted = repair.omitted().stream().map(subject -> "'" + subject + "'").toList();
        return (quoted.size() == 1 ? "intermediate " : "intermediates ") + String.join(", ", quoted);
    }
}
