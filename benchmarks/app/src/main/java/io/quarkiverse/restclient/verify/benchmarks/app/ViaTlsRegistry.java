package io.quarkiverse.restclient.verify.benchmarks.app;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The same server, trusted through the REST client's own TLS configuration:
 * {@code quarkus.tls.bench.trust-store.pem.certs=<bundle>}.
 */
@RegisterRestClient(configKey = "via-tls-registry")
@Path("/")
public interface ViaTlsRegistry {

    @GET
    String hello();
}
