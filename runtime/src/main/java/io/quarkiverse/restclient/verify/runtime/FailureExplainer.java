package io.quarkiverse.restclient.verify.runtime;

import java.net.URI;
import java.time.Instant;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.jboss.logging.Logger;

import io.quarkiverse.restclient.verify.SslVerificationException;
import io.quarkiverse.restclient.verify.diagnosis.ClientCertificateRequests;
import io.quarkiverse.restclient.verify.diagnosis.DiagnosisContext;
import io.quarkiverse.restclient.verify.diagnosis.HandshakeDiagnosis;
import io.quarkiverse.restclient.verify.diagnosis.HandshakeEvidence;
import io.quarkiverse.restclient.verify.diagnosis.OtherTrust;
import io.quarkiverse.restclient.verify.trust.Reloadable;
import io.quarkiverse.restclient.verify.trust.anchors.TrustMaterial;

/**
 * Explains the TLS failures of the clients' calls as {@link SslVerificationException}s, tells the observers of
 * explained failures (such as the metrics), and keeps the latest ones for the Dev UI.
 */
public final class FailureExplainer {

    private static final Logger LOG = Logger.getLogger(FailureExplainer.class);
    private static final int MAX_RECENT_FAILURES = 20;

    private final ClientTlsConfigurations tls;
    private final IntermediateRepairs repairs;
    /** The application's class loader at start-up, where the Mozilla bundle's artifact is looked up. */
    private final ClassLoader classLoader = Thread.currentThread().getContextClassLoader();
    private final Deque<RecentFailure> recentFailures = new ConcurrentLinkedDeque<>();
    private final List<Consumer<SslVerificationException>> failureObservers = new CopyOnWriteArrayList<>();

    FailureExplainer(ClientTlsConfigurations tls, IntermediateRepairs repairs) {
        this.tls = tls;
        this.repairs = repairs;
    }

    /**
     * The failure of a call explained as a {@code SslVerificationException} when it is a TLS failure, else the
     * failure itself. Logged once at DEBUG with the full chain.
     *
     * @param trust the trust of the client whose call failed
     */
    public Throwable explain(ClientTrust trust, Throwable failure, URI requested) {
        return explain(trust, failure, requested, null);
    }

    /**
     * The failure of a call explained as a {@code SslVerificationException} when it is a TLS failure, else the
     * failure itself. Logged once at DEBUG with the full chain.
     *
     * @param trust the trust of the client whose call failed
     * @param engine the client's TLS engine, which the explanation names where the engines differ; null for the JDK's
     */
    public Throwable explain(ClientTrust trust, Throwable failure, URI requested, DiagnosisContext.Engine engine) {
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof SslVerificationException) {
                // Already explained, e.g. when a caller hands an explained failure back.
                return t;
            }
        }
        try {
            ClientCertificateRequests requests = tls.clientCertificateRequests(trust.interfaceName());
            // The chain of the handshake that failed travels with the failure; nothing is looked up afterwards.
            Optional<HandshakeEvidence> seen = HandshakeDiagnosis.evidenceOf(failure);
            // The URI of the failed request; the configured one when the request's is unknown.
            Optional<URI> target = Optional.ofNullable(requested).filter(uri -> uri.getHost() != null)
                    .or(trust::url);
            URI url = target.orElse(null);
            String host = url != null ? url.getHost() : seen.map(HandshakeEvidence::host).orElse(null);
            int port = url != null ? port(url) : seen.map(HandshakeEvidence::port).orElse(-1);
            DiagnosisContext context = context(trust, requests, host, port, otherTrust(trust), engine);
            Optional<SslVerificationException> explained = closedForTrust(trust, failure, host, port)
                    .map(closed -> HandshakeDiagnosis.explainClosedConnection(failure, context, closed))
                    .or(() -> HandshakeDiagnosis.explain(failure, context, seen));
            explained.ifPresent(e -> {
                LOG.debugf("%s", e.getMessage());
                recordFailure(e);
            });
            return explained.map(Throwable.class::cast).orElse(failure);
        } catch (RuntimeException e) {
            // Explaining must never hide the original failure.
            LOG.debugf(e, "Cannot explain a failure of REST client %s", trust.interfaceName());
            return failure;
        }
    }

    /**
     * Why the connection of a request that failed with "Connection was closed" was closed by this client, if it was
     * because the trust now in use rejects its chain (a reload or an anchor's expiry raced the request).
     */
    private Optional<HandshakeEvidence> closedForTrust(ClientTrust trust, Throwable failure, String host, int port) {
        boolean closed = HandshakeDiagnosis.causesOf(failure).stream()
                .anyMatch(t -> t.getClass().getName().equals("io.vertx.core.http.HttpClosedException")
                        || "Connection was closed".equals(t.getMessage()));
        OpenConnections open = closed ? tls.connections(ClientTlsConfigurations.tlsConfigurationName(trust)) : null;
        return open == null ? Optional.empty() : open.closedForTrust(host, port);
    }

    /**
     * The trust this application could use besides the client's own, which the explanation of a chain rejected for
     * want of a trusted CA asks: the other sources, and the intermediates other clients fetched (when this client does
     * not fetch them itself). Reads nothing until asked.
     */
    public OtherTrust otherTrust(ClientTrust trust) {
        if (!trust.managed() || trust.insecure()) {
            return OtherTrust.NONE;
        }
        TrustMaterial material = trust.material().get();
        boolean fetches = trust.fetchIntermediates().isPresent();
        return new OtherTrust(material.spec(), classLoader, System::getenv, fetches ? null : material.trustManager(),
                fetches ? null : repairs.fetcher(),
                skipped -> LOG.debugf("Trust source skipped while explaining a failure of REST client %s: %s",
                        trust.clientName(), skipped));
    }

    /** What the diagnosis needs to know about the client, for a call to this host and port; no other trust asked. */
    public static DiagnosisContext context(ClientTrust trust, ClientCertificateRequests requests, String host,
            int port) {
        return context(trust, requests, host, port, OtherTrust.NONE);
    }

    /**
     * What the diagnosis needs to know about the client, for a call to this host and port.
     *
     * @param other the trust the application could use besides the client's, from {@link #otherTrust}
     */
    public static DiagnosisContext context(ClientTrust trust, ClientCertificateRequests requests, String host,
            int port, OtherTrust other) {
        return context(trust, requests, host, port, other, null);
    }

    /**
     * What the diagnosis needs to know about the client, for a call to this host and port, on its TLS engine.
     *
     * @param other the trust the application could use besides the client's, from {@link #otherTrust}
     * @param engine the client's TLS engine; null for the JDK's
     */
    public static DiagnosisContext context(ClientTrust trust, ClientCertificateRequests requests, String host,
            int port, OtherTrust other, DiagnosisContext.Engine engine) {
        String value = trust.material().map(m -> m.spec().value()).orElse(null);
        String described = trust.material().map(m -> m.description() + " [" + trust.origin().description() + "]")
                .orElse("its own TLS settings (" + trust.ownTlsSetting().orElse("?") + ")")
                + trust.trust().map(FailureExplainer::brokenOnDisk).orElse("") + nearMisses(trust.origin());
        boolean replacesDefault = trust.material().map(m -> !m.spec().includesJdkDefault()).orElse(false);
        List<String> accepted = requests == null || host == null ? null
                : requests.of(host, port).orElse(null);
        return new DiagnosisContext(trust.clientName(), trust.keys(), described, value, replacesDefault, host,
                port, accepted, trust.clientCertificate(), other, engine);
    }

    /**
     * Why an environment variable was read at all when a property written for the client was one or two letters off:
     * {@code ; quarkus.rest-client.inventory.verfy is not a property; did you mean verify? This client's trust came
     * from REQUESTS_CA_BUNDLE instead}.
     */
    static String nearMisses(TrustOrigin origin) {
        if (!(origin instanceof TrustOrigin.EnvironmentVariable variable) || variable.nearMisses().isEmpty()) {
            return "";
        }
        return "; " + String.join(" ", variable.nearMisses()) + " This client's trust came from " + variable.name()
                + " instead";
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

    /** The port of a URL, the scheme's default when it has none. */
    public static int port(URI url) {
        if (url.getPort() > 0) {
            return url.getPort();
        }
        return "http".equalsIgnoreCase(url.getScheme()) ? 80 : 443;
    }

    /** Called with each explained failure, such as by the metrics when the application has Micrometer. */
    public void onExplainedFailure(Consumer<SslVerificationException> observer) {
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
    public List<RecentFailure> recentFailures() {
        return List.copyOf(recentFailures);
    }

    /**
     * An explained failure and when it happened.
     *
     * @param at when the failure was explained
     * @param failure the explanation
     */
    public record RecentFailure(Instant at, SslVerificationException failure) {
    }
}
