package io.quarkiverse.restclient.verify.it;

import java.net.URI;
import java.util.function.Supplier;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.quarkiverse.restclient.verify.SslVerificationException;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;

/** Calls each REST client and reports the outcome, so tests can drive the application over HTTP. */
@Path("/call")
@Produces(MediaType.TEXT_PLAIN)
public class CallResource {

    @Inject
    @RestClient
    InventoryClient inventory;

    @Inject
    @RestClient
    PartnerClient partner;

    @Inject
    @RestClient
    LedgerClient ledger;

    @Inject
    @RestClient
    SupplierClient supplier;

    @ConfigProperty(name = "partner.url")
    URI partnerUrl;

    @GET
    @Path("/inventory")
    public Response inventory() {
        return call(inventory::hello);
    }

    @GET
    @Path("/partner")
    public Response partner() {
        return call(partner::hello);
    }

    @GET
    @Path("/ledger")
    public Response ledger() {
        return call(ledger::hello);
    }

    @GET
    @Path("/supplier")
    public Response supplier() {
        return call(supplier::hello);
    }

    /** The inventory client, built in code and pointed at the partner server: its bundle does not cover it. */
    @GET
    @Path("/inventory-to-partner")
    public Response inventoryToPartner() {
        InventoryClient client = QuarkusRestClientBuilder.newBuilder().baseUri(partnerUrl).build(InventoryClient.class);
        return call(client::hello);
    }

    /** Builds the audit client, which only code knows about; its trust is loaded now, not at start-up. */
    @GET
    @Path("/build-audit")
    public Response buildAudit() {
        try {
            QuarkusRestClientBuilder.newBuilder().baseUri(partnerUrl).build(AuditClient.class);
            return Response.ok("built").build();
        } catch (RuntimeException e) {
            return Response.serverError().entity(e.getMessage()).build();
        }
    }

    /** Builds the archive client, which only code knows about; its trust and its meters come now. */
    @GET
    @Path("/build-archive")
    public Response buildArchive() {
        QuarkusRestClientBuilder.newBuilder().baseUri(partnerUrl).build(ArchiveClient.class);
        return Response.ok("built").build();
    }

    private static Response call(Supplier<String> client) {
        try {
            return Response.ok(client.get()).build();
        } catch (SslVerificationException e) {
            // The explanation is made for people: pass it on whole.
            return Response.status(Response.Status.BAD_GATEWAY).entity(e.reason() + "\n" + e.getMessage()).build();
        } catch (RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            return Response.status(Response.Status.BAD_GATEWAY)
                    .entity(e.getClass().getSimpleName() + ": " + root.getClass().getName() + ": " + root.getMessage())
                    .build();
        }
    }
}
