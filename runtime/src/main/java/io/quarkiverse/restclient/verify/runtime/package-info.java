/**
 * The Quarkus wiring: configuration, resolving each REST client's trust, its TLS configuration, reloads and expiry
 * revalidation of open connections, and explaining failures. The sub-packages attach the REST client, Dev UI, health
 * and metrics.
 */
package io.quarkiverse.restclient.verify.runtime;
