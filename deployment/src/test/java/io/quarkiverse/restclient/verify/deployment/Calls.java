package io.quarkiverse.restclient.verify.deployment;

import java.net.URI;

import javax.net.ssl.SSLException;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;

/** Calls a REST client and reports how it went, in one word and the evidence. */
public final class Calls {

    private Calls() {
    }

    /** "OK" with the body, or "FAIL" with the innermost cause, for a client built against this URI. */
    public static Outcome call(Class<? extends Hello> client, URI uri) {
        Hello hello = QuarkusRestClientBuilder.newBuilder().baseUri(uri).build(client);
        return call(hello);
    }

    public static Outcome call(Hello hello) {
        try {
            return new Outcome(true, hello.hello(), null);
        } catch (RuntimeException e) {
            return new Outcome(false, null, e);
        }
    }

    /** What a call did: the body on success, the exception otherwise. */
    public record Outcome(boolean ok, String body, RuntimeException failure) {

        /** Whether the call failed in the TLS handshake (not, say, with a connection refused). */
        public boolean tlsFailure() {
            for (Throwable t = failure; t != null; t = t.getCause()) {
                if (t instanceof SSLException) {
                    return true;
                }
            }
            return false;
        }

        /** The innermost cause's message: the JDK's own words for the failure. */
        public String detail() {
            if (failure == null) {
                return body;
            }
            Throwable root = failure;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            return root.getClass().getSimpleName() + ": " + root.getMessage();
        }

        /** "OK", "TLS" for a handshake failure, or "ERROR" for anything else. */
        public String word() {
            return ok ? "OK" : tlsFailure() ? "TLS" : "ERROR";
        }
    }
}
