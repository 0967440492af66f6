package io.quarkiverse.restclient.verify.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;

import io.quarkiverse.restclient.verify.TrustReloadFailedEvent;
import io.quarkiverse.restclient.verify.TrustReloadedEvent;
import io.quarkiverse.restclient.verify.config.ClientKeys;
import io.quarkiverse.restclient.verify.trust.Printable;
import io.quarkiverse.restclient.verify.trust.Reloadable;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ArcContainer;
import io.quarkus.tls.CertificateUpdatedEvent;
import io.quarkus.tls.TlsConfiguration;

/**
 * Checks the files behind every client's trust and client certificate, puts changed content into use, and tells the
 * world: one INFO line and one {@link TrustReloadedEvent} per client, one ERROR line per bad content, and a
 * {@link CertificateUpdatedEvent} so that the REST client renews its SSL context (a resumed TLS session would
 * otherwise skip the new trust).
 */
public final class TrustReloader {

    private static final Logger LOG = Logger.getLogger(TrustReloader.class);
    private static final Duration STALL_GRACE = Duration.ofMinutes(1);
    private static final String VERIFY_RELOAD_PERIOD = ClientKeys.global("verify-reload-period");

    private final Collection<ClientTrust> clients;
    private final Function<String, TlsConfiguration> tlsConfigurations;
    private final Function<String, OpenConnections> connections;
    private final ExpiryWatch expiry;
    // What the periodic loop is doing, for the readiness check: a loop that stops completing rounds is reported.
    private volatile Duration period;
    private volatile Instant lastRound;
    private volatile String checking;
    private volatile Instant checkingSince;
    private volatile boolean reloadBeforeEachRequest;

    /**
     * @param clients the clients to check, as they are resolved (a live view)
     * @param tlsConfigurations the TLS configuration a client was built with, by its name; null when none was built
     * @param connections the open connections of a client, by the name of its TLS configuration; null when none
     */
    TrustReloader(Collection<ClientTrust> clients, Function<String, TlsConfiguration> tlsConfigurations,
            Function<String, OpenConnections> connections, ExpiryWatch expiry) {
        this.clients = clients;
        this.tlsConfigurations = tlsConfigurations;
        this.connections = connections;
        this.expiry = expiry;
    }

    /** Dev mode: check the files before each request, so an edited bundle counts on the next call. */
    void reloadBeforeEachRequest() {
        reloadBeforeEachRequest = true;
    }

    /** Whether the files are checked before each request (dev mode without a reload period). */
    public boolean reloadsBeforeEachRequest() {
        return reloadBeforeEachRequest;
    }

    /** Called before each request of a client: in dev mode, checks the client's files first. */
    public void beforeRequest(ClientTrust client) {
        if (reloadBeforeEachRequest) {
            reloadFilesOf(client);
        }
    }

    /** Checks every file-based source once; never throws. */
    void reloadAll() {
        reload(files -> true);
    }

    /**
     * Checks every file-based source now and then every period, on a daemon thread of its own; a failure of any kind
     * (even an {@link Error}) is reported and the next round still runs.
     *
     * @return stops the loop
     */
    Runnable start(Duration every) {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "rest-client-verify-reload");
            thread.setDaemon(true);
            return thread;
        });
        period = every;
        lastRound = Instant.now();
        long millis = every.toMillis();
        // A task that throws is never run again by the executor: nothing may escape a round.
        scheduler.scheduleWithFixedDelay(this::round, millis, millis, TimeUnit.MILLISECONDS);
        return scheduler::shutdownNow;
    }

    /** One round of the periodic loop. */
    void round() {
        try {
            reloadAll();
        } catch (Throwable e) {
            LOG.errorf(e, "A reload round of the REST client trust files failed; the next round runs as planned");
        }
        lastRound = Instant.now();
    }

    /**
     * Why the periodic loop looks stuck: no round completed for three periods (plus a minute for slow disks), with
     * what it has been reading since when; empty while it keeps up or when no loop runs.
     */
    public Optional<String> stalled(Instant now) {
        Duration every = period;
        Instant last = lastRound;
        if (every == null || last == null) {
            return Optional.empty();
        }
        Instant due = last.plus(every.multipliedBy(3)).plus(STALL_GRACE);
        if (!now.isAfter(due)) {
            return Optional.empty();
        }
        String source = checking;
        Instant since = checkingSince;
        return Optional.of("no reload round has completed since " + last + " (" + VERIFY_RELOAD_PERIOD + "="
                + every.toString().substring(2).toLowerCase(Locale.ROOT) + ")"
                + (source != null && since != null ? "; it has been checking " + Printable.text(source) + " since "
                        + since : "")
                + ". Rotated files are no longer seen; find what blocks the thread rest-client-verify-reload (a"
                + " thread dump shows it) and restart the application");
    }

    /** Checks only the files of this client (dev mode, before each of its requests); never throws. */
    void reloadFilesOf(ClientTrust client) {
        reload(files -> client.trust().orElse(null) == files || client.certificateFiles().orElse(null) == files
                || client.revocation().crls().orElse(null) == files);
    }

    private void reload(Predicate<Reloadable<?>> which) {
        Map<Reloadable<?>, Users<?>> users = new IdentityHashMap<>();
        for (ClientTrust client : clients) {
            client.trust().ifPresent(trust -> Users.add(users, trust, client));
            client.certificateFiles().ifPresent(certificate -> Users.add(users, certificate, client));
            client.revocation().crls().ifPresent(crls -> Users.add(users, crls, client));
        }
        users.values().forEach(using -> {
            if (!which.test(using.files)) {
                return;
            }
            checkingSince = Instant.now();
            checking = using.files.source();
            try {
                check(using);
            } catch (Throwable e) {
                // Even an Error: one client's files must not stop the others from rotating.
                LOG.errorf(e, "Cannot check %s for changes; the other clients' files are still checked",
                        Printable.text(using.files.source()));
            } finally {
                checking = null;
            }
        });
        // Certificates reloaded, or simply closer to their end: warn once each.
        expiry.warnOnce(clients, Instant.now());
    }

    /** Reloadable files of one kind and the clients that use them. */
    private static final class Users<M extends Reloadable.Kind<M>> {

        final Reloadable<M> files;
        final List<ClientTrust> clients = new ArrayList<>();

        private Users(Reloadable<M> files) {
            this.files = files;
        }

        static <M extends Reloadable.Kind<M>> void add(Map<Reloadable<?>, Users<?>> users, Reloadable<M> files,
                ClientTrust client) {
            users.computeIfAbsent(files, f -> new Users<>(files)).clients.add(client);
        }
    }

    private <M extends Reloadable.Kind<M>> void check(Users<M> using) {
        Reloadable<M> files = using.files;
        Reloadable.Outcome<M> outcome = files.reload();
        switch (outcome.change()) {
            case RELOADED:
                for (ClientTrust client : using.clients) {
                    String property = property(client, files);
                    String changes = outcome.current().whatChanged(outcome.previous());
                    LOG.infof("REST client '%s' [%s]: reloaded %s: %s; %s", client.clientName(), property,
                            files.source(), changes, outcome.current().inUse());
                    reachOpenConnections(client, files, outcome.current());
                    fire(new TrustReloadedEvent(client.clientName(), property, files.source(), changes));
                }
                break;
            case FAILED:
                LOG.errorf("%s changed, but the new content cannot be used: %s. Still in use: the content loaded"
                        + " before, by %s. Fix the file; it is checked again on the next reload",
                        Printable.text(files.source()), Printable.text(outcome.failure()), using.clients.stream()
                                .map(client -> "REST client '" + client.clientName() + "' [" + property(client, files)
                                        + "]")
                                .collect(Collectors.joining(", ")));
                for (ClientTrust client : using.clients) {
                    fire(new TrustReloadFailedEvent(client.clientName(), property(client, files), files.source(),
                            outcome.failure()));
                }
                break;
            case RECOVERED:
                LOG.infof("%s holds the content in use again; nothing changed", files.source());
                break;
            default:
                break;
        }
    }

    private static String property(ClientTrust client, Reloadable<?> files) {
        if (client.revocation().crls().orElse(null) == files) {
            return client.revocation().crlProperty();
        }
        return client.trust().orElse(null) == files ? client.origin().description() : client.keys().cert();
    }

    /**
     * Makes the change reach the client's open connections and resumable TLS sessions before the reload is announced:
     * new trust closes the connections whose server chain it rejects (and renews the SSL context if a session could be
     * resumed with such a chain); a new client certificate or new CRLs close them all, so the next request presents or
     * is checked against them.
     */
    private void reachOpenConnections(ClientTrust client, Reloadable<?> files, Reloadable.Kind<?> current) {
        String name = ClientTlsConfigurations.tlsConfigurationName(client);
        TlsConfiguration configuration = tlsConfigurations.apply(name);
        OpenConnections open = connections.apply(name);
        if (configuration == null || open == null) {
            // No HTTP client built with this trust yet, or verify=false: nothing open can be more trusted than now.
            return;
        }
        OpenConnections.Revalidation done = current.judgesOpenConnections()
                .map(trust -> open.revalidate(trust, configuration.getSSLOptions()))
                .orElseGet(() -> open.closeAll(configuration.getSSLOptions()));
        if (done.acted()) {
            LOG.infof("REST client '%s' [%s]: %s", client.clientName(), property(client, files), done.describe());
            // Observers of the TLS registry's event learn that this client's SSL context was renewed.
            fire(new CertificateUpdatedEvent(name, configuration));
        }
    }

    private static void fire(Object event) {
        ArcContainer container = Arc.container();
        if (container != null && container.isRunning()) {
            container.beanManager().getEvent().select(Object.class).fire(event);
        }
    }
}
