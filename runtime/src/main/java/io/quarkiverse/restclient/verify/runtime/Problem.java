package io.quarkiverse.restclient.verify.runtime;

import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * One voice for what the extension refuses at start-up or when a client is built: which client, the property as the
 * user wrote it, what is wrong with it, and the fix, always in that order:
 * {@code REST client 'inventory': quarkus.rest-client.inventory.cert-key-password does not open ... Fix: set ...}.
 * Every kind of such message is a {@link Kind}, so that a test can list them and check that each speaks this way.
 *
 * @param kind what sort of problem this is
 * @param client the client's name, or null for a property of every client
 * @param property the property as written (with its value where the value is the problem), e.g.
 *        {@code quarkus.rest-client.inventory.verify-host=ture}
 * @param what what is wrong, as it continues after the property, e.g. {@code is not a boolean}
 * @param fix the fix, or null when {@code what} already ends with one (a file's own message)
 */
public record Problem(Kind kind, String client, String property, String what, String fix) {

    /** The kinds of problems, one per sentence shape. */
    public enum Kind {
        /** Two settings that decide the same thing differently. */
        CONTRADICTION,
        /** A setting that cannot act, e.g. pins under {@code verify=false}. */
        CANNOT_ACT,
        /** A setting that needs another one, e.g. a key without its certificate. */
        INCOMPLETE,
        /** A file or value that does not load; the file's own message says why and how to fix it. */
        NOT_USABLE,
        /** A password that does not open the client certificate, or none for a protected one. */
        WRONG_PASSWORD,
        /** A value that is not one of the words the property takes. */
        NOT_A_WORD,
        /** Something {@code verify-insecure=deny} forbids. */
        DENIED
    }

    /** The message: {@code REST client 'c': <property> <what>. Fix: <fix>}. */
    public String message() {
        StringBuilder message = new StringBuilder();
        if (client != null) {
            message.append("REST client '").append(client).append("': ");
        }
        message.append(property);
        if (!what.startsWith(":") && !what.startsWith(",")) {
            message.append(' ');
        }
        message.append(what);
        if (fix != null) {
            message.append(". Fix: ").append(fix);
        }
        return message.toString();
    }

    /** As a start-up failure, with its cause. */
    public ConfigurationException failure(Throwable cause) {
        return cause == null ? new ConfigurationException(message()) : new ConfigurationException(message(), cause);
    }

    /** As a failure of building a client in code. */
    public IllegalStateException refusal() {
        return new IllegalStateException(message());
    }
}
