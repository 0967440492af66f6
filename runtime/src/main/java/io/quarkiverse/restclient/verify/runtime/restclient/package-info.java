/**
 * The only package that touches the internals of the Quarkus REST client: its builder implementation (the TLS
 * configuration it is handed, the fields of TLS calls made in code, read by reflection), the request context's abort
 * handler chain, and the client configuration's context resolvers.
 * <p>
 * The REST client offers no public API for these, so a Quarkus upgrade may move them. Keeping them here, behind
 * {@code RestClientInternalsCanaryTest}, which checks each of them by name, makes such a move fail one test that names
 * the internal and the class of this package that uses it, instead of a client quietly losing its trust. The rest of
 * the extension reaches the REST client only through the MicroProfile and Jakarta REST APIs.
 */
package io.quarkiverse.restclient.verify.runtime.restclient;
