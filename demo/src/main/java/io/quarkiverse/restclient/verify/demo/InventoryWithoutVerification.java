package io.quarkiverse.restclient.verify.demo;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The inventory service, with {@code verify=false}: nothing is checked. */
@RegisterRestClient(configKey = "without-verification")
@Path("/")
public interface InventoryWithoutVerification {

    @GET
    String hello();
}
