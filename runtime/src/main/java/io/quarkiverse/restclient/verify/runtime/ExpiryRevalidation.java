package io.quarkiverse.restclient.verify.runtime;

import java.security.cert.X509Certificate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import javax.security.auth.x500.X500Principal;

import org.jboss.logging.Logger;

import io.quarkiverse.restclient.verify.trust.anchors.CaDirectory;
import io.quarkiverse.restclient.verify.trust.anchors.TrustMaterial;
import io.quarkus.tls.TlsConfiguration;

/**
 * Reaches a client's open connections when a certificate they were trusted on expires: a CA of the client's trust
 * (in a hashed directory, one filed under a name of the chain), or a certificate of a server chain that a connection
 * (or a TLS session that could be resumed) was established with.
 * A new handshake judges dates itself, but a pooled connection or a resumed session passes no trust manager again,
 * so at the earliest such notAfter the connections are judged again ({@link OpenConnections#revalidate}) by the
 * client's trust as it is then: what it rejects is shut down, and the SSL context is renewed if a session could be
 * resumed on a chain it rejects.
 * <p>
 * Planning is incremental: a new connection plans from its own chain (and the CAs of the trust, whose earliest
 * expiry is computed once per loaded material), not from every chain held; the full set is scanned only after a
 * revalidation ran, and it is bounded by {@link OpenConnections}.
 */
final class ExpiryRevalidation implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ExpiryRevalidation.class);
    /** Judged just after the notAfter, never on its last millisecond. */
    private static final long MARGIN_MILLIS = 50;

    private final Function<String, TlsConfiguration> configurations;
    private final Map<String, Planned> planned = new ConcurrentHashMap<>();
    private final Map<String, AnchorsExpiry> anchorsExpiries = new ConcurrentHashMap<>();
    private volatile ScheduledExecutorService scheduler;
    private volatile boolean closed;

    /** @param configurations the TLS configuration of a client, by its name; null when none was built */
    ExpiryRevalidation(Function<String, TlsConfiguration> configurations) {
        this.configurations = configurations;
    }

    /** The next revalidation of one client's connections, and when it runs. */
    private record Planned(long at, ScheduledFuture<?> task) {
    }

    /**
     * Plans the revalidation of a client's connections at the earliest notAfter to come among its CAs and the chain
     * a connection was just established with; called when a connection opens. The plan is made on this class's own
     * thread: looking CAs up in a hashed directory reads files, which the event loop must not wait for. An earlier
     * plan is kept.
     */
    void plan(ClientTrust client, OpenConnections open, List<X509Certificate> chain) {
        if (closed || client.material().map(TrustMaterial::insecure).orElse(true)) {
            return;
        }
        try {
            scheduler().execute(() -> planNow(client, open, List.of(chain)));
        } catch (RejectedExecutionException e) {
            // Shut down with the application.
        }
    }

    /** Plans from these chains; returns how many certificates were looked at, for tests that bound the work. */
    int planNow(ClientTrust client, OpenConnections open, List<List<X509Certificate>> chains) {
        Optional<TrustMaterial> material = client.material().filter(m -> !m.insecure());
        if (material.isEmpty() || closed || chains.isEmpty()) {
            return 0;
        }
        long now = System.currentTimeMillis();
        String name = ClientTlsConfigurations.tlsConfigurationName(client);
        long earliest = anchorsExpiry(name, material.get(), now);
        Set<X509Certificate> certificates = trustedOn(material.get(), chains);
        for (X509Certificate certificate : certificates) {
            long expiry = certificate.getNotAfter().getTime();
            if (expiry >= now && expiry < earliest) {
                earliest = expiry;
            }
        }
        if (earliest == Long.MAX_VALUE) {
            return certificates.size();
        }
        long at = earliest + 1 + MARGIN_MILLIS;
        planned.compute(name, (key, previous) -> {
            if (previous != null && !previous.task().isDone() && previous.at() <= at) {
                return previous;
            }
            if (previous != null) {
                previous.task().cancel(false);
            }
            return new Planned(at, scheduler().schedule(() -> revalidate(client, open), Math.max(0, at - now),
                    TimeUnit.MILLISECONDS));
        });
        return certificates.size();
    }

    /**
     * The earliest notAfter to come among the CAs of the trust, computed again only when the material was reloaded or
     * that CA has expired: one entry per client.
     */
    private long anchorsExpiry(String name, TrustMaterial material, long now) {
        AnchorsExpiry known = anchorsExpiries.get(name);
        if (known != null && known.material() == material && known.at() >= now) {
            return known.at();
        }
        long earliest = Long.MAX_VALUE;
        for (X509Certificate anchor : material.anchors()) {
            long expiry = anchor.getNotAfter().getTime();
            if (expiry >= now && expiry < earliest) {
                earliest = expiry;
            }
        }
        anchorsExpiries.put(name, new AnchorsExpiry(material, earliest));
        return earliest;
    }

    /** The earliest expiry to come among a material's CAs. */
    private record AnchorsExpiry(TrustMaterial material, long at) {
    }

    /**
     * The certificates these chains may have been trusted on besides the CAs of the trust: their own, and in a hashed
     * directory the certificates filed under the name of a chain certificate or of its issuer (looked up through the
     * directory's per-name cache).
     */
    private static Set<X509Certificate> trustedOn(TrustMaterial material, List<List<X509Certificate>> chains) {
        Set<X509Certificate> certificates = new HashSet<>();
        Set<X500Principal> names = new HashSet<>();
        for (List<X509Certificate> chain : chains) {
            for (X509Certificate certificate : chain) {
                certificates.add(certificate);
                names.add(certificate.getSubjectX500Principal());
                names.add(certificate.getIssuerX500Principal());
            }
        }
        for (CaDirectory directory : material.directories()) {
            if (directory.isHashed()) {
                names.forEach(name -> certificates.addAll(directory.findBySubjectForPlanning(name)));
            }
        }
        return certificates;
    }

    private void revalidate(ClientTrust client, OpenConnections open) {
        String name = ClientTlsConfigurations.tlsConfigurationName(client);
        planned.remove(name);
        try {
            TlsConfiguration configuration = configurations.apply(name);
            Optional<TrustMaterial> material = client.material();
            if (configuration != null && material.isPresent()) {
                OpenConnections.Revalidation done = open.revalidate(material.get().trustManager(),
                        configuration.getSSLOptions());
                if (done.acted()) {
                    LOG.infof("REST client '%s': a certificate its connections were trusted on has expired; %s",
                            client.clientName(), done.describe());
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "REST client '%s': cannot judge its open connections again after a certificate expired",
                    client.clientName());
        }
        // After a revalidation every chain still held is planned for again: bounded by OpenConnections.
        planNow(client, open, open.chains());
    }

    private ScheduledExecutorService scheduler() {
        ScheduledExecutorService current = scheduler;
        if (current == null) {
            synchronized (this) {
                current = scheduler;
                if (current == null) {
                    current = Executors.newSingleThreadScheduledExecutor(task -> {
                        Thread thread = new Thread(task, "rest-client-verify-expiry");
                        thread.setDaemon(true);
                        return thread;
                    });
                    scheduler = current;
                }
            }
        }
        return current;
    }

    @Override
    public void close() {
        closed = true;
        ScheduledExecutorService current = scheduler;
        if (current != null) {
            current.shutdownNow();
        }
        planned.clear();
        anchorsExpiries.clear();
    }
}
