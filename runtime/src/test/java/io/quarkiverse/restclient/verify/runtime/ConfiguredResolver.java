package io.quarkiverse.restclient.verify.runtime;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * A {@link ClientTrustResolver} over plain SmallRye configuration, with {@link RestClientVerifyConfig} mapped and
 * Quarkus' converters for durations and sizes, as the running application has them.
 */
final class ConfiguredResolver {

    private ConfiguredResolver() {
    }

    /** The configuration these sources make, with this extension's mapping; the REST client's keys pass unchecked. */
    static SmallRyeConfig config(SmallRyeConfigBuilder builder) {
        return builder.withConverter(Duration.class, 200, new DurationConverter())
                .withConverter(MemorySize.class, 200, new MemorySizeConverter())
                .withMapping(RestClientVerifyConfig.class).withValidateUnknown(false).build();
    }

    static ClientTrustResolver of(SmallRyeConfig config, Function<String, String> environment,
            ClassLoader classLoader) {
        return new ClientTrustResolver(config.getConfigMapping(RestClientVerifyConfig.class), config, environment,
                new ConcurrentHashMap<>(), classLoader, Map.of());
    }
}
