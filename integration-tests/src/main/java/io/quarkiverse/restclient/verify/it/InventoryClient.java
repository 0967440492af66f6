package io.quarkiverse.restclient.verify.it;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** An internal service behind the company CA: trusts exactly the corporate bundle. */
@RegisterRestClient(configKey = "inventory")
@Path("/")
public interface InventoryClient {

    @GET
    String hello();
}
