package io.quarkiverse.restclient.verify.runtime;

import java.net.URI;
import java.time.Instant;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.eclipse.microprofile.rest.client.RestClientBuilder;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.logging.Logger;

import io.quarkiverse.restclient.verify.SslVerificationException;
import io.quarkiverse.restclient.verify.diagnosis.DiagnosisContext;
import io.quarkiverse.restclient.verify.diagnosis.EvidenceLog;
import io.quarkiverse.restclient.verify.diagnosis.HandshakeDiagnosis;
import io.quarkiverse.restclient.verify.diagnosis.HandshakeEvidence;
import io.quarkiverse.restclient.verify.trust.Reloadable;
import io.quarkiverse.restclient.verify.trust.TrustMaterial;
import io.quarkus.rest.client.reactive.runtime.RestClientBuilderImpl;
import io.vertx.core.http.HttpClient;

/**
 * The trust of every REST client of the running application, resolved at start-up for the interfaces known at build
 * time and on first use for any other interface a builder is given.
 */
public final class VerifiedClients {

    private static final Logger LOG = Logger.getLogger(VerifiedClients.class);
    private static final int MAX_RECENT_FAILURES = 20;

    private static volatile VerifiedClients current;

    private final ClientTrustResolver resolver;
    private final Map<String, ClientTrust> clients = new ConcurrentHashMap<>();
    private final Map<String, EvidenceLog> evidence = new ConcurrentHashMap<>();
    private final Map<String, VerifyTlsConfiguration> tlsConfigurations = new ConcurrentHashMap<>();
    private final Map<String, OpenConnections> connections = new ConcurrentHashMap<>();
    private final TrustReloader reloader;
    private final Map<String, String> failures = new ConcurrentHashMap<>();
    private final Deque<RecentFailure> recentFailures = new ConcurrentLinkedDeque<>();
    private final List<Consumer<SslVerificationException>> failureObservers = new CopyOnWriteArrayList<>();
    private final InsecurePolicy policy;
    private final ExpiryWatch expiry;
    private final IntermediateRepairs repairs = new IntermediateRepairs();
    private volatile boolean reloadBeforeEachRequest;

    VerifiedClients(ClientTrustResolver resolver, InsecurePolicy policy, ExpiryWatch expiry) {
        this.resolver = resolver;
        this.policy = policy;
        this.expiry = expiry;
        this.reloader = new TrustReloader(clients.values(), tlsConfigurations::get, connections::get, expiry);
    }

    ExpiryWatch expiry() {
        return expiry;
    }

    /** The servers repaired with fetched intermediates, and the fetcher all clients share. */
    IntermediateRepairs repairs() {
        return repairs;
    }

    /** The running application's clients, or null before start-up and after shut-down. */
    static VerifiedClients current() {
        return current;
    }

    /**
     * Why a client's trust could not be loaded at all (a client first built after start-up), by its config key, else
     * its interface name.
     */
    Map<String, String> failures() {
        return failures;
    }

    /**
     * How a client skips verification, as the setting to change: {@code quarkus.rest-client.legacy.verify=false},
     * {@code quarkus.rest-client.x.verify-host=false} on a managed client, or the builder's {@code verifyHost(false)};
     * empty for a client that verifies (or whose TLS the extension leaves alone).
     */
    static Optional<String> insecurity(ClientTrust trust, boolean builderVerifyHostOff) {
        if (!trust.managed()) {
            return Optional.empty();
        }
        if (trust.insecure()) {
            return Optional.of(trust.origin() + "=false");
        }
        if (trust.hostCheckOffBy().isPresent()) {
            return trust.hostCheckOffBy();
        }
        return builderVerifyHostOff ? Optional.of("verifyHost(false) on its builder") : Optional.empty();
    }

    TrustReloader reloader() {
        return reloader;
    }

    /** Dev mode: check the files before each request, so an edited bundle counts on the next call. */
    void reloadBeforeEachRequest() {
        reloadBeforeEachRequest = true;
    }

    static void beforeRequest(Class<?> serviceInterface) {
        VerifiedClients instance = current;
        if (instance != null && instance.reloadBeforeEachRequest) {
            ClientTrust trust = instance.clients.get(serviceInterface.getName());
            if (trust != null) {
                instance.reloader.reloadFilesOf(trust);
            }
        }
    }

    /**
     * Watches the connections of a managed client's HTTP client, so that a change that removes trust reaches them.
     * Called before each request; the first request of an HTTP client comes before its first connection.
     */
    static void watchConnections(String tlsConfigurationName, HttpClient httpClient) {
        VerifiedClients instance = current;
        if (instance == null || tlsConfigurationName == null || httpClient == null) {
            return;
        }
        OpenConnections open = instance.connections.get(tlsConfigurationName);
        if (open != null) {
            open.watch(httpClient);
        }
    }

    /** The name of the TLS configuration a managed client is built with; the REST client renews it by this name. */
    static String tlsConfigurationName(ClientTrust trust) {
        return "rest-client-verify-" + trust.clientName();
    }

    static void install(VerifiedClients clients) {
        current = clients;
    }

    static void uninstall() {
        current = null;
    }

    /** The trust of a client known to the running application, by interface name. */
    public static Optional<ClientTrust> of(String interfaceName) {
        VerifiedClients instance = current;
        return instance == null ? Optional.empty() : Optional.ofNullable(instance.clients.get(interfaceName));
    }

    /** Every client of this application resolved so far, ordered by client name. */
    static Collection<ClientTrust> all(VerifiedClients instance) {
        Map<String, ClientTrust> byName = new TreeMap<>();
        instance.clients.values().forEach(client -> byName.put(client.clientName(), client));
        return byName.values();
    }

    ClientTrust resolve(String interfaceName, Optional<String> configKey) {
        try {
            ClientTrust trust = clients.computeIfAbsent(interfaceName, name -> resolver.resolve(name, configKey));
            failures.remove(configKey.orElse(interfaceName));
            return trust;
        } catch (RuntimeException e) {
            failures.put(configKey.orElse(interfaceName), e.getMessage());
            throw e;
        }
    }

    static void apply(Class<?> serviceInterface, RestClientBuilder builder) {
        VerifiedClients instance = current;
        if (instance == null) {
            // Said aloud: silently, the client would run on the REST client's own trust instead of its verify.
            LOG.warnf("REST client %s is built before this extension has set up the clients' trust (before the"
                    + " application started, or after it stopped), so its verify, cert and related settings do not"
                    + " apply to it. Fix: build the client once the application has started, e.g. on first use or in"
                    + " an observer of StartupEvent", serviceInterface.getName());
            return;
        }
        ClientTrust trust = instance.resolve(serviceInterface.getName(), configKeyOf(serviceInterface));
        // Every client gets its TLS failures explained, also one whose trust the extension leaves alone.
        builder.register(new ExplainingRequestFilter(serviceInterface));
        if (trust.trust().isEmpty()) {
            return;
        }
        if (!(builder instanceof RestClientBuilderImpl)) {
            LOG.debugf("REST client '%s' is built by %s, which this extension cannot configure", trust.clientName(),
                    builder.getClass().getName());
            return;
        }
        RestClientBuilderImpl impl = (RestClientBuilderImpl) builder;
        ProgrammaticTlsSettings programmatic = ProgrammaticTlsSettings.of(impl);
        if (!trust.explicit() && (!programmatic.known() || programmatic.trustSetting().isPresent())) {
            // The builder's own trust is more specific than a global or environment default: leave it alone.
            return;
        }
        if (trust.explicit() && programmatic.trustSetting().isPresent()
                && !programmatic.trustSetting().get().startsWith("tlsConfiguration")) {
            throw new IllegalStateException("REST client '" + trust.clientName() + "': " + trust.origin()
                    + " and the builder's " + programmatic.trustSetting().get() + " both set its trust, and they"
                    + " contradict each other. Fix: remove the call from the code, or remove " + trust.origin());
        }
        if (instance.policy == InsecurePolicy.DENY) {
            insecurity(trust, programmatic.verifyHostOff()).ifPresent(setting -> {
                throw new IllegalStateException("REST client '" + trust.clientName() + "' skips TLS verification ("
                        + setting + "), and quarkus.rest-client.verify-insecure=deny forbids that. Fix: trust the"
                        + " server's CA with " + trust.verifyKey() + "=/path/to/ca.pem and keep hostname checks on");
            });
        }
        boolean verifyHost = trust.verifyHost() && !programmatic.verifyHostOff();
        EvidenceLog log = instance.evidence.computeIfAbsent(trust.interfaceName(), name -> new EvidenceLog());
        VerifyTlsConfiguration configuration = new VerifyTlsConfiguration(tlsConfigurationName(trust),
                trust.trust().get(), verifyHost, trust.alpn(), log, trust.certificateFiles(), trust.revocation(),
                instance.repairs.layer(trust));
        instance.tlsConfigurations.put(configuration.getName(), configuration);
        if (!trust.insecure()) {
            instance.connections.computeIfAbsent(configuration.getName(),
                    name -> new OpenConnections(trust.clientName()));
            // Asked before the application's own resolvers of Vert.x options, which could switch verification off.
            TrustKeepingOptionsResolver keeping = new TrustKeepingOptionsResolver(trust, verifyHost, instance.policy,
                    impl.getConfiguration());
            impl.register(keeping, Integer.MIN_VALUE);
            // The builder's own customizers run after its TLS configuration; this one runs after them.
            impl.httpClientOptionsCustomizer(keeping.lastCustomizer());
        }
        impl.tlsConfiguration(configuration);
    }

    /**
     * The failure of a call explained as a {@code SslVerificationException} when it is a TLS failure, else the
     * failure itself. Logged once at DEBUG with the full chain.
     */
    static Throwable explain(Class<?> serviceInterface, Throwable failure, URI requested) {
        VerifiedClients instance = current;
        if (instance == null) {
            return failure;
        }
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof SslVerificationException) {
                // Already explained, e.g. when a caller hands an explained failure back.
                return t;
            }
        }
        try {
            ClientTrust trust = instance.resolve(serviceInterface.getName(), configKeyOf(serviceInterface));
            EvidenceLog log = instance.evidence.get(trust.interfaceName());
            // The chain of the handshake that failed travels with the failure; nothing is looked up afterwards.
            Optional<HandshakeEvidence> seen = HandshakeDiagnosis.evidenceOf(failure);
            // The URI of the failed request; the configured one when the request's is unknown.
            Optional<URI> target = Optional.ofNullable(requested).filter(uri -> uri.getHost() != null)
                    .or(trust::url);
            URI url = target.orElse(null);
            String host = url != null ? url.getHost() : seen.map(HandshakeEvidence::host).orElse(null);
            int port = url != null ? port(url) : seen.map(HandshakeEvidence::port).orElse(-1);
            DiagnosisContext context = context(trust, log, host, port);
            Optional<SslVerificationException> explained = HandshakeDiagnosis.explain(failure, context, seen);
            explained.ifPresent(e -> {
                LOG.debugf("%s", e.getMessage());
                instance.recordFailure(e);
            });
            return explained.map(Throwable.class::cast).orElse(failure);
        } catch (RuntimeException e) {
            // Explaining must never hide the original failure.
            LOG.debugf(e, "Cannot explain a failure of REST client %s", serviceInterface.getName());
            return failure;
        }
    }

    /** What the diagnosis needs to know about the client, for a call to this host and port. */
    static DiagnosisContext context(ClientTrust trust, EvidenceLog log, String host, int port) {
        String value = trust.material().map(m -> m.spec().value()).orElse(null);
        String described = trust.material().map(m -> m.description() + " [" + trust.origin() + "]")
                .orElse("its own TLS settings (" + trust.ownTlsSetting().orElse("?") + ")")
                + trust.trust().map(VerifiedClients::brokenOnDisk).orElse("");
        boolean replacesDefault = trust.material().map(m -> !m.spec().includesJdkDefault()).orElse(false);
        List<String> accepted = log == null || host == null ? null
                : log.clientCertificateRequest(host, port).orElse(null);
        return new DiagnosisContext(trust.clientName(), trust.keys(), described, value, replacesDefault, host,
                port, accepted, trust.clientCertificate());
    }

    /** Why the trust in use is not what the files hold now, while their new content does not load. */
    static String brokenOnDisk(Reloadable<TrustMaterial> trust) {
        String failure = trust.failure();
        Instant since = trust.failingSince();
        if (failure == null || since == null) {
            return "";
        }
        return "; the bundle on disk is broken since " + since + ": " + failure + "; still using the content loaded at "
                + trust.loadedAt();
    }

    /** Called with each explained failure, such as by the metrics when the application has Micrometer. */
    void onExplainedFailure(Consumer<SslVerificationException> observer) {
        failureObservers.add(observer);
    }

    private void recordFailure(SslVerificationException failure) {
        for (Consumer<SslVerificationException> observer : failureObservers) {
            observer.accept(failure);
        }
        recentFailures.addFirst(new RecentFailure(Instant.now(), failure));
        while (recentFailures.size() > MAX_RECENT_FAILURES) {
            recentFailures.pollLast();
        }
    }

    /** The latest explained failures, newest first (at most twenty). */
    List<RecentFailure> recentFailures() {
        return List.copyOf(recentFailures);
    }

    /** An explained failure and when it happened. */
    record RecentFailure(Instant at, SslVerificationException failure) {
    }

    static int port(URI url) {
        if (url.getPort() > 0) {
            return url.getPort();
        }
        return "http".equalsIgnoreCase(url.getScheme()) ? 80 : 443;
    }

    static Optional<String> configKeyOf(Class<?> serviceInterface) {
        RegisterRestClient annotation = serviceInterface.getAnnotation(RegisterRestClient.class);
        if (annotation == null || annotation.configKey().isBlank()) {
            return Optional.empty();
        }
        return Optional.of(annotation.configKey());
    }
}
