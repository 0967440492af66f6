package io.quarkiverse.restclient.verify.runtime;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** What this extension adds to the application, decided when it is built. */
@ConfigMapping(prefix = "quarkus.rest-client")
@ConfigRoot(phase = ConfigPhase.BUILD_TIME)
public interface RestClientVerifyBuildTimeConfig {

    /** The readiness check of the REST clients' trust. */
    @WithName("verify-health")
    Health verifyHealth();

    /** The readiness check of the REST clients' trust. */
    interface Health {

        /**
         * Whether the readiness check `rest-client-verify` is registered when the application has
         * `quarkus-smallrye-health`: one entry per REST client with its trust, certificates close to expiry and
         * failed reloads.
         */
        @WithDefault("true")
        boolean enabled();
    }
}
