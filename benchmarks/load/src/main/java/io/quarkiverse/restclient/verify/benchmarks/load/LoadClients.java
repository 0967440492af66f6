package io.quarkiverse.restclient.verify.benchmarks.load;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The REST clients of the load run, one per kind of server and connection; their URLs and trust are set in
 * application.properties.
 */
public final class LoadClients {

    private LoadClients() {
    }

    /** The healthy server over kept-alive connections. */
    @RegisterRestClient(configKey = "healthy-keep-alive")
    @Path("/")
    public interface HealthyKeepAlive {
        @GET
        String hello();
    }

    /** The healthy server with a new connection for every call. */
    @RegisterRestClient(configKey = "healthy-churn")
    @Path("/")
    public interface HealthyChurn {
        @GET
        String hello();
    }

    /** A server whose root is added to and removed from the bundle every other second. */
    @RegisterRestClient(configKey = "rotating-root")
    @Path("/")
    public interface RotatingRoot {
        @GET
        String hello();
    }

    /** A server whose certificate names an OCSP responder that trickles its answer, under soft-fail revocation. */
    @RegisterRestClient(configKey = "trickling-ocsp")
    @Path("/")
    public interface TricklingOcsp {
        @GET
        String hello();
    }

    /** A server that leaves out its intermediate, whose caIssuers URL never answers. */
    @RegisterRestClient(configKey = "silent-ca-issuers")
    @Path("/")
    public interface SilentCaIssuers {
        @GET
        String hello();
    }

    /** A port that speaks plain HTTP. */
    @RegisterRestClient(configKey = "plain-http")
    @Path("/")
    public interface PlainHttp {
        @GET
        String hello();
    }

    /** A server presenting a new certificate on every connection. */
    @RegisterRestClient(configKey = "new-chain")
    @Path("/")
    public interface NewChain {
        @GET
        String hello();
    }
}
