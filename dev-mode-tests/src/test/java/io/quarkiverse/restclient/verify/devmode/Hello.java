package io.quarkiverse.restclient.verify.devmode;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** What every test server answers. */
@Path("/")
public interface Hello {

    @GET
    String hello();
}
