package io.quarkiverse.restclient.verify.runtime;

import java.util.List;

/**
 * Where a REST client's trust came from, in the order they are asked: its own {@code verify} property, the global one,
 * an environment variable of Python requests or curl, nothing (the JDK default trust), or the client's own TLS settings
 * which the extension leaves alone. {@link #description()} is the text start-up lines and messages show in brackets.
 */
public sealed interface TrustOrigin {

    /** The text shown for this origin: a property name, {@code environment variable X} or {@code nothing configured}. */
    String description();

    /** The client's own {@code verify} property, e.g. {@code quarkus.rest-client.github.verify}. */
    record ClientProperty(String key) implements TrustOrigin {

        @Override
        public String description() {
            return key;
        }
    }

    /** The {@code verify} property of every client, {@code quarkus.rest-client.verify}. */
    record GlobalProperty(String key) implements TrustOrigin {

        @Override
        public String description() {
            return key;
        }
    }

    /**
     * An environment variable, e.g. {@code REQUESTS_CA_BUNDLE}, read because nothing in the configuration says more.
     *
     * @param nearMisses properties written for the client that are one or two letters away from this extension's,
     *        as sentences ({@code quarkus.rest-client.inventory.verfy is not a property; did you mean verify?}): the
     *        likely reason the variable was read at all
     */
    record EnvironmentVariable(String name, List<String> nearMisses) implements TrustOrigin {

        /** A variable read with no near miss written for the client. */
        public EnvironmentVariable(String name) {
            this(name, List.of());
        }

        public EnvironmentVariable {
            nearMisses = List.copyOf(nearMisses);
        }

        @Override
        public String description() {
            return "environment variable " + name;
        }
    }

    /** Nothing configured: the client uses the JDK default trust. */
    record JdkDefault() implements TrustOrigin {

        @Override
        public String description() {
            return "nothing configured";
        }
    }

    /**
     * The client's own TLS setting, such as {@code quarkus.rest-client.x.trust-store}: the extension leaves its trust
     * alone.
     */
    record OwnTlsSettings(String setting) implements TrustOrigin {

        @Override
        public String description() {
            return setting;
        }
    }
}
