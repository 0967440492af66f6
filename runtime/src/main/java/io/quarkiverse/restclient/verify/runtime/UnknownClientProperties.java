package io.quarkiverse.restclient.verify.runtime;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.quarkiverse.restclient.verify.config.ClientKeys;
import io.quarkiverse.restclient.verify.trust.Spelling;

/**
 * Finds this extension's per-client properties ({@code verify}, {@code verify-*}, {@code cert}, {@code cert-key},
 * {@code cert-key-password}) written for a client name that no REST client of the application answers to: usually a
 * typo, which would otherwise leave the real client on its default trust without a word.
 */
final class UnknownClientProperties {

    private static final Set<String> OWN = Set.of("verify", "cert", "cert-key", "cert-key-password");

    private UnknownClientProperties() {
    }

    /**
     * One warning per unknown client name.
     *
     * @param propertyNames every configuration property name
     * @param clients the REST client interfaces known at build time, by fully qualified name, with their config key
     *        (blank when none)
     * @param otherInterfaces other interfaces that code may build clients of: their names are not typos, but they are
     *        not listed as known clients either
     */
    static List<String> warnings(Iterable<String> propertyNames, Map<String, String> clients,
            Collection<String> otherInterfaces) {
        Set<String> known = new LinkedHashSet<>();
        Set<String> shown = new TreeSet<>();
        clients.forEach((interfaceName, configKey) -> {
            String simpleName = ClientKeys.simpleName(interfaceName);
            known.add('"' + interfaceName + '"');
            known.add(simpleName);
            if (configKey != null && !configKey.isBlank()) {
                known.add(configKey);
                known.add('"' + configKey + '"');
                shown.add(configKey);
            } else {
                shown.add(simpleName);
            }
        });
        for (String interfaceName : otherInterfaces) {
            known.add('"' + interfaceName + '"');
            known.add(ClientKeys.simpleName(interfaceName));
        }
        Map<String, List<ClientKeys.ClientProperty>> unknown = new TreeMap<>();
        for (String propertyName : propertyNames) {
            // A key for every client, such as quarkus.rest-client.verify, names no client.
            Optional<ClientKeys.ClientProperty> parsed = ClientKeys.parse(propertyName);
            if (parsed.isEmpty()) {
                continue;
            }
            String name = parsed.get().client().name();
            String key = parsed.get().property();
            if (!(OWN.contains(key) || key.startsWith("verify-")) || known.contains(name)
                    || loadable(parsed.get().client())) {
                continue;
            }
            unknown.computeIfAbsent(name, n -> new ArrayList<>()).add(parsed.get());
        }
        List<String> warnings = new ArrayList<>();
        unknown.forEach((name, parsed) -> {
            List<String> properties = parsed.stream().map(p -> p.client().key(p.property())).toList();
            String bare = parsed.get(0).client().mapKey();
            Optional<String> closest = closest(bare, shown);
            warnings.add(String.join(", ", properties) + (properties.size() == 1 ? " is" : " are") + " set, but no REST"
                    + " client is called '" + bare + "', so " + (properties.size() == 1 ? "it is" : "they are")
                    + " ignored. Known clients: " + (shown.isEmpty() ? "none" : String.join(", ", shown))
                    + closest.map(c -> ". Did you mean '" + c + "'? Fix: write "
                            + ClientKeys.named(c).key(parsed.get(0).property()))
                            .orElse(". Fix: use a client's configKey, its interface's simple name or its quoted fully"
                                    + " qualified name")
                    + " (a client made only with RestClientBuilder is not known before its first use)");
        });
        return warnings;
    }

    /** Whether a client named by a quoted name is an interface of the application, which code may build a client of. */
    private static boolean loadable(ClientKeys client) {
        if (!client.name().startsWith("\"")) {
            return false;
        }
        String className = client.mapKey();
        try {
            Class.forName(className, false, Thread.currentThread().getContextClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** The known name nearest by edit distance, when it is near enough to be a typo of it. */
    static Optional<String> closest(String name, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int distance = Spelling.distance(name.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best != null && bestDistance <= Math.max(2, best.length() / 3) ? Optional.of(best) : Optional.empty();
    }

}
