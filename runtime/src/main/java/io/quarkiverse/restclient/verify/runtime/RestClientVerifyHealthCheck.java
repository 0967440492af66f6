package io.quarkiverse.restclient.verify.runtime;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.quarkiverse.restclient.verify.trust.Reloadable;

/**
 * The readiness check {@code rest-client-verify}, registered when the application has {@code quarkus-smallrye-health}:
 * one data entry per REST client with the trust it uses, and a failed reload when its files changed to something
 * unusable (the client then keeps the trust it had, so the check stays UP).
 */
@Readiness
@ApplicationScoped
public class RestClientVerifyHealthCheck implements HealthCheck {

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("rest-client-verify").up();
        for (ClientTrust client : VerifiedClients.all()) {
            response.withData(client.clientName(), status(client));
        }
        return response.build();
    }

    private static String status(ClientTrust client) {
        if (!client.managed()) {
            return "own TLS settings (" + client.ownTlsSetting().orElse("?") + ")";
        }
        StringBuilder status = new StringBuilder(client.material().get().description());
        client.certificate().ifPresent(certificate -> status.append("; presents ").append(certificate.description()));
        failure(status, client.trust().get(), client.origin());
        client.certificateFiles()
                .ifPresent(files -> failure(status, files, client.verifyKey().replace(".verify", ".cert")));
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
