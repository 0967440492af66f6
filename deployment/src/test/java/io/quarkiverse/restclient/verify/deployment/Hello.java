package io.quarkiverse.restclient.verify.deployment;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** What every test server answers: {@code hello from <subject>}. */
@Path("/")
public interface Hello {

    @GET
    String hello();
}
