package io.quarkiverse.restclient.verify.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The configuration keys of one REST client under one of the names it answers to. Built here once, so that
 * start-up errors, explanations, hints, health and Dev UI all name the property the user writes.
 *
 * @param name the client's name as it stands between {@code quarkus.rest-client.} and the property: a config key, a
 *        simple interface name, or a fully qualified interface name in quotes
 */
public record ClientKeys(String name) {

    /** The prefix of every REST client property. */
    public static final String PREFIX = "quarkus.rest-client.";

    /** The keys a hint names for a client: under its config key, else under its quoted interface name. */
    public static ClientKeys of(String interfaceName, Optional<String> configKey) {
        return configKey.map(ClientKeys::named).orElseGet(() -> quoted(interfaceName));
    }

    /**
     * Every name the client answers to, in the order the REST client decides a value: the quoted interface name,
     * the config key, the simple interface name.
     */
    public static List<ClientKeys> aliases(String interfaceName, Optional<String> configKey) {
        List<ClientKeys> aliases = new ArrayList<>();
        aliases.add(quoted(interfaceName));
        configKey.map(ClientKeys::named).ifPresent(aliases::add);
        ClientKeys simpleName = named(simpleName(interfaceName));
        if (!aliases.contains(simpleName)) {
            aliases.add(simpleName);
        }
        return List.copyOf(aliases);
    }

    /** The keys under a name as a configuration map holds it; a name with dots is quoted, as properties need. */
    public static ClientKeys named(String name) {
        return name.indexOf('.') >= 0 ? quoted(name) : new ClientKeys(name);
    }

    private static ClientKeys quoted(String name) {
        return new ClientKeys('"' + name + '"');
    }

    /**
     * A client's property as a configuration source names it, e.g. {@code quarkus.rest-client."org.acme.Api".verify}.
     *
     * @param client the keys of the client it names
     * @param property the property, e.g. {@code verify}
     */
    public record ClientProperty(ClientKeys client, String property) {
    }

    /**
     * The client and property a configuration property names, empty for a key of every client (such as
     * {@code quarkus.rest-client.verify}) and for keys outside the REST client.
     */
    public static Optional<ClientProperty> parse(String propertyName) {
        if (!propertyName.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String rest = propertyName.substring(PREFIX.length());
        int end = rest.startsWith("\"") ? rest.indexOf('"', 1) + 1 : rest.indexOf('.');
        if (end <= 0 || end >= rest.length() || rest.charAt(end) != '.') {
            return Optional.empty();
        }
        return Optional.of(new ClientProperty(new ClientKeys(rest.substring(0, end)), rest.substring(end + 1)));
    }

    /** The simple name of an interface, one of the names its client answers to. */
    public static String simpleName(String interfaceName) {
        return interfaceName.substring(Math.max(interfaceName.lastIndexOf('.'), interfaceName.lastIndexOf('$')) + 1);
    }

    /** A property for every client, e.g. {@code quarkus.rest-client.verify}. */
    public static String global(String property) {
        return PREFIX + property;
    }

    /** The name as the key of a configuration map: without quotes. */
    public String mapKey() {
        return name.length() > 1 && name.startsWith("\"") && name.endsWith("\"") ? name.substring(1, name.length() - 1)
                : name;
    }

    /** This client's key of a property, e.g. {@code quarkus.rest-client.github.verify-host}. */
    public String key(String property) {
        return PREFIX + name + "." + property;
    }

    /** The trust of this client. */
    public String verify() {
        return key("verify");
    }

    /** The client certificate of this client. */
    public String cert() {
        return key("cert");
    }

    /** Whether this client applies the strict path rules. */
    public String verifyStrict() {
        return key("verify-strict");
    }

    /** The separate private key of this client's certificate. */
    public String certKey() {
        return key("cert-key");
    }
}
