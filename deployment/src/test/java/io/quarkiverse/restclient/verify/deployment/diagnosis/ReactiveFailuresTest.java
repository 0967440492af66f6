package io.quarkiverse.restclient.verify.deployment.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.restclient.verify.SslVerificationException;
import io.quarkiverse.restclient.verify.SslVerificationException.Reason;
import io.quarkiverse.restclient.verify.deployment.Pki;
import io.quarkiverse.restclient.verify.testpki.ServerCase;
import io.quarkiverse.restclient.verify.testpki.ServerScenarios;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** Uni, CompletionStage and Multi methods fail with the same explanation as blocking ones. */
class ReactiveFailuresTest {

    static final ServerScenarios PKI = ServerScenarios.shared("reactive");
    static final String CORP = Pki.bundle(Pki.tempDir("reactive").resolve("corp.pem"), PKI.trustedRoot().certificate())
            .toString();

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Pki.class, Reactive.class))
            .overrideConfigKey("quarkus.rest-client.reactive.verify", CORP)
            .overrideConfigKey("quarkus.rest-client.reactive.url", PKI.server(ServerCase.UNKNOWN_ROOT).uri().toString());

    @Inject
    @RestClient
    Reactive client;

    @AfterAll
    static void stopServers() {
        PKI.close();
    }

    @Test
    void uni() {
        assertExplained(failureOf(client.uni()));
    }

    @Test
    void completionStage() throws InterruptedException {
        try {
            client.completionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            throw new AssertionError("the call must fail");
        } catch (ExecutionException e) {
            assertExplained(e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void multi() {
        assertExplained(failureOf(client.multi().collect().asList()));
    }

    @Test
    void builtClientsFailTheSameWay() throws InterruptedException {
        Reactive built = QuarkusRestClientBuilder.newBuilder().baseUri(PKI.server(ServerCase.UNKNOWN_ROOT).uri())
                .build(Reactive.class);
        assertExplained(failureOf(built.uni()));
        assertExplained(failureOf(built.multi().collect().asList()));
        try {
            built.completionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            throw new AssertionError("the call must fail");
        } catch (ExecutionException e) {
            assertExplained(e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError(e);
        }
    }

    private static Throwable failureOf(Uni<?> uni) {
        try {
            uni.await().atMost(Duration.ofSeconds(10));
        } catch (RuntimeException e) {
            return e;
        }
        throw new AssertionError("the call must fail");
    }

    private static void assertExplained(Throwable failure) {
        assertThat(failure).isInstanceOf(SslVerificationException.class);
        assertThat(((SslVerificationException) failure).reason()).isEqualTo(Reason.UNKNOWN_ISSUER);
        assertThat(failure.getMessage()).contains("quarkus.rest-client.reactive.verify=");
    }

    @RegisterRestClient(configKey = "reactive")
    @Path("/")
    public interface Reactive {

        @GET
        Uni<String> uni();

        @GET
        CompletionStage<String> completionStage();

        @GET
        Multi<String> multi();
    }
}
