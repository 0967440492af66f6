package io.quarkiverse.restclient.verify.runtime.restclient;

import org.eclipse.microprofile.rest.client.RestClientBuilder;
import org.eclipse.microprofile.rest.client.spi.RestClientListener;

/**
 * Gives every REST client its trust as it is built, whether it is a CDI bean ({@code @RestClient}) or built with
 * {@code QuarkusRestClientBuilder} / {@code RestClientBuilder}: both go through the same builder, which calls the
 * MicroProfile listeners before it creates the HTTP client.
 */
public class VerifyRestClientListener implements RestClientListener {

    @Override
    public void onNewClient(Class<?> serviceInterface, RestClientBuilder builder) {
        RestClientWiring.apply(serviceInterface, builder);
    }
}
