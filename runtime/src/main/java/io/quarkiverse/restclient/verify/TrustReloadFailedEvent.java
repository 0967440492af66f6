package io.quarkiverse.restclient.verify;

/**
 * Fired (as a CDI event) once per REST client when its trust or client certificate files changed to content that
 * cannot be used. The client keeps the material it had; the event comes once per bad content, not once per check.
 *
 * @param clientName the client's config key, else its interface name
 * @param property where the files are configured, e.g. {@code quarkus.rest-client.github.verify}
 * @param source the files as configured, e.g. {@code /certs/corp.pem}
 * @param reason why the new content cannot be used
 */
public record TrustReloadFailedEvent(String clientName, String property, String source, String reason) {
}
