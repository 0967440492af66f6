package io.quarkiverse.restclient.verify;

/**
 * Fired (as a CDI event) once per REST client when a reload put new trust or a new client certificate into use.
 * Observe it with {@code void onReload(@Observes TrustReloadedEvent event)}.
 *
 * @param clientName the client's config key, else its interface name
 * @param property where the reloaded files are configured, e.g. {@code quarkus.rest-client.github.verify} or
 *        {@code environment variable REQUESTS_CA_BUNDLE}
 * @param source the files as configured, e.g. {@code /certs/corp.pem}
 * @param changes what changed, e.g. {@code added 'CN=Corp Root 2'; removed 'CN=Corp Root 1'}
 */
public record TrustReloadedEvent(String clientName, String property, String source, String changes) {
}
