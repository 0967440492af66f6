package io.quarkiverse.restclient.verify.deployment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkiverse.restclient.verify.config.ClientKeys;
import io.quarkiverse.restclient.verify.trust.TrustMaterialException;
import io.quarkiverse.restclient.verify.trust.revocation.CrlSet;
import io.quarkiverse.restclient.verify.trust.revocation.SpkiPins;
import io.quarkus.arc.deployment.ValidationPhaseBuildItem;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * Checks the {@code verify-crl} files that exist at build time and the syntax of every {@code verify-pins} value, so
 * a broken CRL or a mistyped pin fails the build with the property's name instead of the first start.
 */
class BuildTimeRevocationProcessor {

    @BuildStep
    void checkCrlsAndPins(ValidationPhaseBuildItem validation,
            BuildProducer<ValidationPhaseBuildItem.ValidationErrorBuildItem> errors) {
        Config config = ConfigProvider.getConfig();
        List<String> names = new ArrayList<>();
        config.getPropertyNames().forEach(names::add);
        for (String name : names) {
            if (!name.startsWith(ClientKeys.PREFIX)) {
                continue;
            }
            if (name.endsWith("verify-pins")) {
                List<String> pins = values(config, name);
                try {
                    SpkiPins.parse(pins);
                } catch (TrustMaterialException e) {
                    throw new ConfigurationException(client(name, "verify-pins") + name + ": " + e.getMessage()
                            + " (checked at build time)", e, Set.of(name));
                }
            } else if (name.endsWith("verify-crl")) {
                // A CRL that exists only where the application runs, such as a mounted secret, is checked at start-up.
                List<Path> present = values(config, name).stream().map(String::trim).map(Path::of)
                        .filter(Files::isReadable).toList();
                if (present.isEmpty()) {
                    continue;
                }
                try {
                    CrlSet.load(present);
                } catch (TrustMaterialException e) {
                    throw new ConfigurationException(name + " is not usable (checked at build time): "
                            + e.getMessage(), e, Set.of(name));
                }
            }
        }
    }

    /** {@code REST client 'github': } for a client's own property, as start-up messages begin; nothing for the global one. */
    private static String client(String name, String property) {
        if (name.equals(ClientKeys.global(property))) {
            return "";
        }
        String client = name.substring(ClientKeys.PREFIX.length(), name.length() - property.length() - 1);
        return "REST client '" + new ClientKeys(client).mapKey() + "': ";
    }

    private static List<String> values(Config config, String name) {
        try {
            return config.getOptionalValues(name, String.class).orElse(List.of());
        } catch (RuntimeException e) {
            // An expression that only resolves at run time.
            return List.of();
        }
    }
}
