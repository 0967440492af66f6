package io.quarkiverse.restclient.verify.runtime.health;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.quarkiverse.restclient.verify.runtime.ClientTrust;
import io.quarkiverse.restclient.verify.runtime.VerifyRuntime;
import io.quarkiverse.restclient.verify.trust.Printable;
import io.quarkiverse.restclient.verify.trust.Reloadable;

/**
 * The readiness check {@code rest-client-verify}, registered when the application has {@code quarkus-smallrye-health}:
 * one data entry per REST client with the trust it uses, certificates close to expiry, and a failed reload when its
 * files changed to something unusable (the client then keeps the trust it had, so the check stays UP), and the servers
 * reached only by fetching the intermediate they leave out ({@code verify-fetch-intermediates}). It is DOWN
 * while a client's trust could not be loaded at all, and when the reload loop
 * ({@code quarkus.rest-client.verify-reload-period}) has not completed a round for three periods: rotated files are
 * then no longer seen.
 */
@Readiness
@ApplicationScoped
public class RestClientVerifyHealthCheck implements HealthCheck {

    private final VerifyRuntime running;

    @Inject
    RestClientVerifyHealthCheck(VerifyRuntime running) {
        this.running = running;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("rest-client-verify").up();
        Instant now = Instant.now();
        running.expiry().warnOnce(running.clients().all(), now);
        for (ClientTrust client : running.clients().all()) {
            StringBuilder status = new StringBuilder(status(client));
            for (String expiring : running.expiry().expiring(client, now)) {
                status.append("; EXPIRY: ").append(expiring);
            }
            for (String repaired : running.repairs().repairedServers(client)) {
                // Still UP: the calls work, but the server should send its full chain.
                status.append("; INCOMPLETE CHAIN REPAIRED: ").append(repaired);
            }
            response.withData(client.clientName(), Printable.text(status.toString()));
        }
        running.reloader().stalled(now).ifPresent(stalled -> response.down().withData("reload", "STALLED: " + stalled));
        // A client whose trust could not be loaded at all cannot make a single call.
        running.clients().failures().forEach(
                (client, failure) -> response.down().withData(client, "NOT LOADED: " + Printable.text(failure)));
        return response.build();
    }

    private static String status(ClientTrust client) {
        if (!client.managed()) {
            return "own TLS settings (" + client.ownTlsSetting().orElse("?") + ")";
        }
        StringBuilder status = new StringBuilder(client.material().get().description());
        client.certificate().ifPresent(certificate -> status.append("; presents ").append(certificate.description()));
        failure(status, client.trust().get(), client.origin().description());
        client.certificateFiles()
                .ifPresent(files -> failure(status, files, client.keys().cert()));
        client.revocation().crls().ifPresent(crls -> {
            failure(status, crls, client.revocation().crlProperty());
            // A CRL past its nextUpdate misses the revocations since: replace it before it is trusted too long.
            for (String stale : crls.current().stale(Instant.now())) {
                status.append("; STALE CRL: ").append(stale);
            }
        });
        return status.toString();
    }

    private static void failure(StringBuilder status, Reloadable<?> files, String property) {
        String failure = files.failure();
        if (failure != null) {
            status.append("; RELOAD FAILED for ").append(files.source()).append(" [").append(property).append("]: ")
                    .append(failure).append(" (the content loaded before is still in use)");
        }
    }
}
