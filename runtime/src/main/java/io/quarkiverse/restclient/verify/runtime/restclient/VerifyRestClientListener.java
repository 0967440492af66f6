package io.quarkiverse.restclient.verify.runtime.restclient;

import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.microprofile.rest.client.RestClientBuilder;
import org.eclipse.microprofile.rest.client.spi.RestClientListener;

import io.quarkiverse.restclient.verify.runtime.VerifyRuntime;
import io.quarkiverse.restclient.verify.runtime.engine.ClientEngines;

/**
 * Gives every REST client its trust as it is built, whether it is a CDI bean ({@code @RestClient}) or built with
 * {@code QuarkusRestClientBuilder} / {@code RestClientBuilder}: both go through the same builder, which calls the
 * MicroProfile listeners before it creates the HTTP client.
 * <p>
 * The REST client finds its listeners with {@link java.util.ServiceLoader}, so a listener is no bean and cannot be
 * given the running extension by injection: it is the one place that holds it (and the clients' TLS engines) in a
 * static field, between start-up and shut-down.
 */
public class VerifyRestClientListener implements RestClientListener {

    private static final AtomicReference<VerifyRuntime> RUNNING = new AtomicReference<>();
    private static final AtomicReference<ClientEngines> ENGINES = new AtomicReference<>();

    /** Called at start-up: the clients built from now on get this running extension's trust. */
    static void start(VerifyRuntime running) {
        RUNNING.set(running);
    }

    /** Called at shut-down: clients built from now on are told that no trust is set up for them. */
    static void stop(VerifyRuntime running) {
        // A dev-mode restart may already have started the next one.
        RUNNING.compareAndSet(running, null);
    }

    /** Called at start-up: the clients built from now on run on the engines these decide. */
    static void engines(ClientEngines engines) {
        ENGINES.set(engines);
    }

    /** Called at shut-down. */
    static void stopEngines(ClientEngines engines) {
        ENGINES.compareAndSet(engines, null);
    }

    @Override
    public void onNewClient(Class<?> serviceInterface, RestClientBuilder builder) {
        RestClientWiring.apply(RUNNING.get(), ENGINES.get(), serviceInterface, builder);
    }
}
