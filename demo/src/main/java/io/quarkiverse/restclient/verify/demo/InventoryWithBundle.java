package io.quarkiverse.restclient.verify.demo;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The inventory service, trusting the corporate CA bundle: {@code verify=<bundle>}. */
@RegisterRestClient(configKey = "with-bundle")
@Path("/")
public interface InventoryWithBundle {

    @GET
    String hello();
}
