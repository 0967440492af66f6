package io.quarkiverse.restclient.verify.it;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** A partner API whose CA is kept in an OpenSSL hashed directory, on top of the JDK default trust. */
@RegisterRestClient(configKey = "partner")
@Path("/")
public interface PartnerClient {

    @GET
    String hello();
}
