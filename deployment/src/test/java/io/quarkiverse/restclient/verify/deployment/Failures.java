package io.quarkiverse.restclient.verify.deployment;

import io.quarkus.runtime.configuration.ConfigurationException;

/** Finds the configuration error behind a failed start. */
public final class Failures {

    private Failures() {
    }

    public static ConfigurationException configurationError(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof ConfigurationException) {
                return (ConfigurationException) t;
            }
        }
        throw new AssertionError("start-up failed without a ConfigurationException", thrown);
    }
}
