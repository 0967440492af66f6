package io.quarkiverse.restclient.verify.runtime;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.quarkiverse.restclient.verify.config.ClientKeys;
import io.quarkiverse.restclient.verify.trust.Spelling;

/**
 * Finds properties written for a known client whose name is one or two letters away from one of this extension's
 * per-client properties, such as {@code quarkus.rest-client.inventory.verfy}: without a word, the client would fall
 * back to the global {@code verify}, an environment variable or the JDK default trust.
 */
final class MisspelledProperties {

    /** This extension's per-client properties: the names a near miss is measured against. */
    static final List<String> PROPERTIES = List.of("verify", "verify-crl", "verify-revocation", "verify-pins",
            "verify-fetch-intermediates", "verify-strict", "cert", "cert-key", "cert-key-password", "ssl-engine",
            "key-exchange-groups", "key-log-file");
    /**
     * At most this many edits from a property of this extension: {@code verfy}, {@code verify-pin}, {@code cert-kye}.
     * Every REST client property is farther than that from all of them ({@code verify-host} is 4 from
     * {@code verify-crl}).
     */
    static final int MAX_EDITS = 2;

    private MisspelledProperties() {
    }

    /**
     * A near miss: a key as written and the property it most likely means.
     *
     * @param key the key as written, e.g. {@code quarkus.rest-client.inventory.verfy}
     * @param meant the property meant, e.g. {@code verify}
     * @param client the keys of the client under the name the key was written with
     */
    record NearMiss(String key, String meant, ClientKeys client) {

        /** {@code quarkus.rest-client.inventory.verfy is not a property; did you mean verify?} */
        String sentence() {
            return key + " is not a property; did you mean " + meant + "?";
        }

        /** The start-up warning: the near miss, where the client's trust came from instead, and the fix. */
        String warning(String clientName, TrustOrigin origin) {
            String instead = switch (meant) {
                case "verify" -> "takes its trust from " + (origin instanceof TrustOrigin.JdkDefault
                        ? "the JDK default trust (nothing configured)"
                        : origin.description()) + " instead";
                case "cert" -> "presents no client certificate";
                default -> "runs without it";
            };
            return sentence() + " REST client '" + clientName + "' " + instead + ". Fix: write " + client.key(meant);
        }
    }

    /** The property of this extension a written property name most likely means, if it is a near miss of one. */
    static Optional<String> meant(String property) {
        // A list index (verify-pins[0]) names the list; a dotted rest (headers.x) is no property of ours.
        String bare = property.replaceFirst("\\[\\d+]$", "").toLowerCase(Locale.ROOT);
        if (bare.indexOf('.') >= 0 || PROPERTIES.contains(bare)) {
            return Optional.empty();
        }
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : PROPERTIES) {
            int distance = Spelling.distance(bare, candidate);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        // Short words are too close to each other for two edits to mean a typo.
        int allowed = Math.min(MAX_EDITS, Math.max(1, bare.length() / 3));
        return bestDistance <= allowed ? Optional.ofNullable(best) : Optional.empty();
    }

    /**
     * The near misses written under any of one client's names. The REST client relocates a client's keys to its
     * quoted interface name, so the same key may be seen under several names: the first name in {@code aliases}
     * order that holds it is taken, so that the key named is the one the user wrote.
     *
     * @param aliases the client's names, the one the user most likely wrote first
     */
    static List<NearMiss> of(Iterable<String> propertyNames, List<ClientKeys> aliases) {
        Map<String, NearMiss> byProperty = new LinkedHashMap<>();
        List<ClientKeys.ClientProperty> parsed = new ArrayList<>();
        for (String name : propertyNames) {
            ClientKeys.parse(name).ifPresent(parsed::add);
        }
        for (ClientKeys alias : aliases) {
            for (ClientKeys.ClientProperty property : parsed) {
                if (!property.client().equals(alias) || byProperty.containsKey(property.property())) {
                    continue;
                }
                meant(property.property()).ifPresent(meant -> byProperty.put(property.property(),
                        new NearMiss(alias.key(property.property()), meant, alias)));
            }
        }
        return List.copyOf(byProperty.values());
    }

    /**
     * A client's names in the order a user most likely wrote them: the config key and the simple name before the
     * quoted interface name, which the REST client adds as an alias of its own.
     */
    static List<ClientKeys> writtenFirst(String interfaceName, Optional<String> configKey) {
        List<ClientKeys> aliases = new ArrayList<>(ClientKeys.aliases(interfaceName, configKey));
        // The quoted interface name is first in the REST client's order; here it is last.
        ClientKeys quoted = aliases.remove(0);
        configKey.map(key -> new ClientKeys('"' + key + '"')).filter(k -> !aliases.contains(k)).ifPresent(aliases::add);
        aliases.add(quoted);
        return aliases;
    }
}
