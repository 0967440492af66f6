package io.quarkiverse.restclient.verify.runtime.metrics;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkiverse.restclient.verify.SslVerificationException;
import io.quarkiverse.restclient.verify.TrustReloadFailedEvent;
import io.quarkiverse.restclient.verify.TrustReloadedEvent;
import io.quarkiverse.restclient.verify.runtime.ClientTrust;
import io.quarkiverse.restclient.verify.runtime.VerifyRuntime;
import io.quarkus.runtime.StartupEvent;

/**
 * Micrometer meters of the REST clients' TLS, registered only when the application has {@code quarkus-micrometer}:
 * explained TLS failures by client and reason, seconds until the earliest expiry of each client's own CAs and client
 * certificate, reloads and failed reloads by client, and handshakes completed with a fetched intermediate.
 */
@Singleton
public class RestClientVerifyMetrics {

    static final String FAILURES = "rest.client.verify.failures";
    static final String EXPIRY = "rest.client.verify.expiry.seconds";
    static final String RELOADS = "rest.client.verify.reloads";
    static final String RELOAD_FAILURES = "rest.client.verify.reload.failures";
    static final String REPAIRS = "rest.client.verify.intermediate.repairs";

    private final MeterRegistry registry;
    private final VerifyRuntime running;

    RestClientVerifyMetrics(MeterRegistry registry, VerifyRuntime running) {
        this.registry = registry;
        this.running = running;
    }

    void start(@Observes StartupEvent event) {
        running.explainer().onExplainedFailure(this::failed);
        running.repairs().onRepair(this::repaired);
        // Clients first built in code after start-up get their meters when they are resolved.
        running.clients().onResolved(this::watch);
        running.clients().all().forEach(this::watch);
    }

    /** The expiry gauge and the reload counters of a client; registering them again returns the same meters. */
    private void watch(ClientTrust client) {
        if (earliestExpiry(client).isEmpty()) {
            // Only the JDK's or the system's CAs: their expiry is their maintainers' to watch.
            return;
        }
        String interfaceName = client.interfaceName();
        Gauge.builder(EXPIRY, () -> running.clients().find(interfaceName).flatMap(RestClientVerifyMetrics::earliestExpiry)
                .map(notAfter -> (double) (notAfter.toEpochMilli() - System.currentTimeMillis()) / 1000)
                .orElse(Double.NaN))
                .description("Seconds until the earliest expiry among the client's own CA certificates and client"
                        + " certificate (negative once expired)")
                .baseUnit("seconds")
                .tag("client", client.clientName())
                .register(registry);
        // Zero before the first reload, so that a dashboard can tell "none yet" from "not measured".
        reloads(client.clientName());
        reloadFailures(client.clientName());
    }

    void reloaded(@Observes TrustReloadedEvent event) {
        reloads(event.clientName()).increment();
    }

    void reloadFailed(@Observes TrustReloadFailedEvent event) {
        reloadFailures(event.clientName()).increment();
    }

    private void failed(SslVerificationException failure) {
        Counter.builder(FAILURES)
                .description("TLS failures of REST client calls, explained by rest-client-verify")
                .tag("client", failure.clientName())
                .tag("reason", failure.reason().name())
                .register(registry)
                .increment();
    }

    private void repaired(String client) {
        Counter.builder(REPAIRS)
                .description("Handshakes whose server chain lacked an intermediate that was fetched from its caIssuers"
                        + " URL (verify-fetch-intermediates); the server should send it")
                .tag("client", client)
                .register(registry)
                .increment();
    }

    private Counter reloads(String client) {
        return Counter.builder(RELOADS).description("Trust or client certificate files loaded again after a change")
                .tag("client", client).register(registry);
    }

    private Counter reloadFailures(String client) {
        return Counter.builder(RELOAD_FAILURES)
                .description("Changed trust or client certificate files that could not be used (the last good content"
                        + " stays in use)")
                .tag("client", client).register(registry);
    }

    /** The earliest end of validity among the client's own CAs and its client certificate chain, if it has any. */
    static Optional<Instant> earliestExpiry(ClientTrust client) {
        List<X509Certificate> own = new ArrayList<>();
        client.material().ifPresent(material -> own.addAll(material.configuredAnchors()));
        client.certificate().ifPresent(certificate -> own.addAll(certificate.chain()));
        return own.stream().map(certificate -> certificate.getNotAfter().toInstant()).min(Instant::compareTo);
    }
}
