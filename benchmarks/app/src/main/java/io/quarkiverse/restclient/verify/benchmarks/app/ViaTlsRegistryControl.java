package io.quarkiverse.restclient.verify.benchmarks.app;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * A second client exactly like {@link ViaTlsRegistry}, for a control run: what the harness measures when nothing
 * differs.
 */
@RegisterRestClient(configKey = "via-tls-registry-control")
@Path("/")
public interface ViaTlsRegistryControl {

    @GET
    String hello();
}
