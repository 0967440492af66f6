package io.quarkiverse.restclient.verify.it;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The ledger service: mutual TLS, with a client certificate issued by the company CA. */
@RegisterRestClient(configKey = "ledger")
@Path("/")
public interface LedgerClient {

    @GET
    String hello();
}
