package io.quarkiverse.restclient.verify.it;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** A supplier API whose server sends only its own certificate; the client fetches the missing intermediate. */
@RegisterRestClient(configKey = "supplier")
@Path("/")
public interface SupplierClient {

    @GET
    String hello();
}
