package io.quarkiverse.restclient.verify.runtime;

/** What the application allows of clients that skip verification: {@code verify=false} or hostname checks off. */
public enum InsecurePolicy {
    /** Allowed, without a warning. */
    ALLOW,
    /** Allowed, with a warning per client at start-up. */
    WARN,
    /** Refused: the start (or the building of such a client) fails, naming each client and property. */
    DENY
}
