package io.quarkiverse.restclient.verify.devmode;

import java.util.UUID;
import java.util.function.Supplier;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.quarkiverse.restclient.verify.SslVerificationException;

/** Calls the clients and answers {@code OK} or {@code FAIL <reason>}; {@code /dev/boot} tells restarts apart. */
@Path("/dev")
@Produces(MediaType.TEXT_PLAIN)
public class DevCallResource {

    /** New with every start of the application: a live reload (restart) changes it. */
    static final String BOOT = UUID.randomUUID().toString();

    @Inject
    @RestClient
    ShippedClient shipped;

    @Inject
    @RestClient
    MountedClient mounted;

    @GET
    @Path("/boot")
    public String boot() {
        return BOOT;
    }

    @GET
    @Path("/shipped")
    public String shipped() {
        return call(shipped::hello);
    }

    @GET
    @Path("/mounted")
    public String mounted() {
        return call(mounted::hello);
    }

    private static String call(Supplier<String> call) {
        try {
            call.get();
            return "OK";
        } catch (SslVerificationException e) {
            return "FAIL " + e.reason();
        }
    }
}
