package io.quarkiverse.restclient.verify.benchmarks.app;

import java.io.InputStream;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The calls of the engine benchmark ({@link EngineRun}), one client per engine and connection policy, all trusting the
 * server through {@code verify=<bundle>}; application.properties sets {@code ssl-engine} and
 * {@code keep-alive-enabled} of each.
 */
@Path("/")
public interface EngineClient {

    @GET
    String hello();

    /** {@code bytes} bytes, read as they arrive. */
    @GET
    @Path("download")
    InputStream download(@QueryParam("bytes") long bytes);

    /** The JDK's engine, a new connection for every call. */
    @RegisterRestClient(configKey = "engine-jdk-new")
    interface JdkNew extends EngineClient {
    }

    /** BoringSSL, a new connection for every call. */
    @RegisterRestClient(configKey = "engine-openssl-new")
    interface BoringSslNew extends EngineClient {
    }

    /** The JDK's engine, keeping its connection. */
    @RegisterRestClient(configKey = "engine-jdk-kept")
    interface JdkKept extends EngineClient {
    }

    /** BoringSSL, keeping its connection. */
    @RegisterRestClient(configKey = "engine-openssl-kept")
    interface BoringSslKept extends EngineClient {
    }
}
