package io.quarkiverse.restclient.verify.it;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/**
 * A client only ever built in code, with no {@code @RegisterRestClient}: the build does not know it, so its trust is
 * loaded when it is first built.
 */
@Path("/")
public interface AuditClient {

    @GET
    String hello();
}
