package io.quarkiverse.restclient.verify.it;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/**
 * Another client only ever built in code (see {@link AuditClient}), whose CA file is there from the start: its meters
 * appear when it is first built.
 */
@Path("/")
public interface ArchiveClient {

    @GET
    String hello();
}
