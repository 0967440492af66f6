package io.quarkiverse.restclient.verify.demo;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The inventory service, with nothing configured: the JDK default trust. */
@RegisterRestClient(configKey = "with-default-trust")
@Path("/")
public interface InventoryWithDefaultTrust {

    @GET
    String hello();
}
