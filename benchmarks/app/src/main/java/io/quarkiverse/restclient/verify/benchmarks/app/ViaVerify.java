package io.quarkiverse.restclient.verify.benchmarks.app;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The server, trusted through this extension: {@code verify=<bundle>}. */
@RegisterRestClient(configKey = "via-verify")
@Path("/")
public interface ViaVerify {

    @GET
    String hello();
}
