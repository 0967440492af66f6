package io.quarkiverse.restclient.verify.runtime;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Function;

import io.quarkiverse.restclient.verify.trust.ClientCertificate;
import io.quarkiverse.restclient.verify.trust.Reloadable;
import io.quarkiverse.restclient.verify.trust.TrustMaterial;
import io.quarkiverse.restclient.verify.trust.TrustMaterialException;
import io.quarkiverse.restclient.verify.trust.TrustSpec;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.SmallRyeConfig;

/**
 * Decides, for one REST client interface, which trust applies and where it came from.
 * <p>
 * Order: the client's own {@code verify} (by config key, quoted interface name or simple name, as the REST client
 * resolves names), then {@code quarkus.rest-client.verify}, then the environment variables of Python requests and
 * curl, then nothing (the JDK default trust). Only the client's own {@code verify} overrides the client's own TLS
 * settings, and then only when they do not conflict.
 */
final class ClientTrustResolver {

    static final String PREFIX = "quarkus.rest-client.";
    static final List<String> TRUST_ENV = List.of("REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE", "SSL_CERT_FILE",
            "SSL_CERT_DIR");

    private final SmallRyeConfig config;
    private final Function<String, String> environment;
    private final Map<String, Reloadable<TrustMaterial>> loaded;
    private final ClassLoader classLoader;
    private final Map<String, List<byte[]>> prebuilt;
    private final RevocationResolver revocation;

    /**
     * @param loaded the trust loaded so far, by {@code verify} value: clients with the same value share it
     * @param prebuilt {@code classpath:} bundles read at build time, as DER certificates by resource name
     */
    ClientTrustResolver(SmallRyeConfig config, Function<String, String> environment,
            Map<String, Reloadable<TrustMaterial>> loaded, ClassLoader classLoader,
            Map<String, List<byte[]>> prebuilt) {
        this.config = config;
        this.environment = environment;
        this.loaded = loaded;
        this.classLoader = classLoader;
        this.prebuilt = prebuilt;
        this.revocation = new RevocationResolver(config);
    }

    ClientTrust resolve(String interfaceName, Optional<String> configKey) {
        ClientTrust trust = resolveTrust(interfaceName, configKey);
        List<String> names = names(interfaceName, configKey);
        return trust.withRevocation(revocation.resolve(trust.clientName(), property -> firstValue(names, property),
                trust.material()));
    }

    private static List<String> names(String interfaceName, Optional<String> configKey) {
        String simpleName = interfaceName
                .substring(Math.max(interfaceName.lastIndexOf('.'), interfaceName.lastIndexOf('$')) + 1);
        List<String> names = new ArrayList<>();
        names.add('"' + interfaceName + '"');
        configKey.ifPresent(names::add);
        if (!names.contains(simpleName)) {
            names.add(simpleName);
        }
        return names;
    }

    private ClientTrust resolveTrust(String interfaceName, Optional<String> configKey) {
        List<String> names = names(interfaceName, configKey);
        String clientName = configKey.orElse(interfaceName);
        String verifyKey = PREFIX + (configKey.isPresent() ? configKey.get() : '"' + interfaceName + '"') + ".verify";
        Optional<String> hostCheckOffBy = booleanSetting(names, "verify-host", clientName)
                .filter(setting -> !setting.value())
                .map(BooleanSetting::written);
        boolean alpn = booleanSetting(names, "http2", clientName).map(BooleanSetting::value).orElse(false)
                || booleanSetting(names, "alpn", clientName).map(BooleanSetting::value).orElse(false);
        Optional<URI> url = firstValue(names, "url").or(() -> firstValue(names, "uri")).flatMap(ClientTrustResolver::uri);
        boolean clientCertificate = firstKey(names, "key-store", "tls-configuration-name").isPresent()
                || config.getConfigValue(PREFIX + "key-store").getValue() != null
                || config.getConfigValue(PREFIX + "tls-configuration-name").getValue() != null;
        Settings settings = new Settings(clientName, interfaceName, verifyKey, hostCheckOffBy, alpn, url,
                clientCertificate, Optional.empty(), fetchIntermediates(names));

        Optional<ConfigValue> own = firstValue(names, "verify");
        Optional<String> ownTls = firstKey(names, "trust-store", "key-store", "tls-configuration-name");
        Optional<Reloadable<ClientCertificate>> certificate = certificate(names, clientName, ownTls);
        settings = settings.with(certificate);
        if (own.isPresent()) {
            ConfigValue value = own.get();
            if (ownTls.isPresent()) {
                throw new ConfigurationException("REST client '" + clientName + "': " + value.getName() + " and "
                        + ownTls.get() + " are both set, and they contradict each other. Fix: keep one; to trust a"
                        + " PEM bundle or directory, remove " + ownTls.get() + " and keep " + value.getName()
                        + "; to keep the trust store or TLS configuration, remove " + value.getName());
            }
            return managed(settings, value.getName(), true, value.getValue());
        }

        // A client certificate needs the extension's TLS configuration, so a global trust store cannot keep it.
        Optional<String> inheritedTls = settings.certificate.isPresent() ? Optional.empty()
                : ownTls.or(() -> globalTlsSetting());
        ConfigValue global = config.getConfigValue(PREFIX + "verify");
        if (global.getValue() != null && !global.getValue().isBlank()) {
            Optional<String> globalTls = globalTlsSetting();
            if (globalTls.isPresent()) {
                throw new ConfigurationException(global.getName() + " and " + globalTls.get() + " are both set for"
                        + " every REST client, and they contradict each other. Fix: keep one of them");
            }
            if (inheritedTls.isPresent()) {
                return unmanaged(settings, inheritedTls.get());
            }
            return managed(settings, global.getName(), false, global.getValue());
        }
        if (inheritedTls.isPresent()) {
            return unmanaged(settings, inheritedTls.get());
        }
        if (config.getOptionalValue(PREFIX + "verify-trust-env", Boolean.class).orElse(true)) {
            for (String variable : TRUST_ENV) {
                String value = environment.apply(variable);
                if (value != null && !value.isBlank()) {
                    return load(settings, "environment variable " + variable, false, TrustSpec.path(value.trim()));
                }
            }
        }
        return load(settings, "nothing configured", false, TrustSpec.jdkDefault());
    }

    private ClientTrust managed(Settings settings, String origin, boolean explicit, String value) {
        TrustSpec spec;
        try {
            spec = TrustSpec.parse(value);
        } catch (TrustMaterialException e) {
            throw failure(settings, origin, value, e);
        }
        return load(settings, origin, explicit, spec);
    }

    private ClientTrust load(Settings settings, String origin, boolean explicit, TrustSpec spec) {
        Reloadable<TrustMaterial> material;
        try {
            // Clients with the same value share one loaded material and one trust manager.
            material = loaded.computeIfAbsent(spec.value(),
                    v -> TrustMaterial.reloadable(spec, classLoader, prebuilt));
        } catch (TrustMaterialException e) {
            throw failure(settings, origin, spec.value(), e);
        }
        return new ClientTrust(settings.clientName, settings.interfaceName, settings.verifyKey, origin, explicit,
                Optional.of(material), Optional.empty(), settings.hostCheckOffBy, settings.alpn, settings.url,
                settings.clientCertificate || settings.certificate.isPresent(), settings.certificate,
                settings.fetching);
    }

    private static ClientTrust unmanaged(Settings settings, String setting) {
        return new ClientTrust(settings.clientName, settings.interfaceName, settings.verifyKey, setting, false,
                Optional.empty(), Optional.of(setting), settings.hostCheckOffBy, settings.alpn, settings.url,
                settings.clientCertificate, Optional.empty());
    }

    private static ConfigurationException failure(Settings settings, String origin, String value,
            TrustMaterialException e) {
        // A variable inherited from the shell or the image is often stale; say how to stop reading it.
        String inherited = origin.startsWith("environment variable ") ? ". The variable comes from the environment;"
                + " to ignore REQUESTS_CA_BUNDLE, CURL_CA_BUNDLE, SSL_CERT_FILE and SSL_CERT_DIR, set "
                + PREFIX + "verify-trust-env=false (or set " + settings.verifyKey + ")" : "";
        return new ConfigurationException("REST client '" + settings.clientName + "': " + origin + "=" + value
                + " is not usable: " + e.getMessage() + inherited, e);
    }

    /** The facts about a client that do not depend on where its trust comes from. */
    private record Settings(String clientName, String interfaceName, String verifyKey, Optional<String> hostCheckOffBy,
            boolean alpn, Optional<URI> url, boolean clientCertificate,
            Optional<Reloadable<ClientCertificate>> certificate, Optional<IntermediateFetching> fetching) {

        Settings with(Optional<Reloadable<ClientCertificate>> loaded) {
            return new Settings(clientName, interfaceName, verifyKey, hostCheckOffBy, alpn, url, clientCertificate,
                    loaded, fetching);
        }
    }

    /** Whether the client fetches missing intermediates (its own key, else the global one), and through which proxy. */
    private Optional<IntermediateFetching> fetchIntermediates(List<String> names) {
        String property = "verify-fetch-intermediates";
        Optional<ConfigValue> own = firstValue(names, property);
        String key = own.map(ConfigValue::getName).orElse(PREFIX + property);
        boolean enabled = config.getOptionalValue(key, Boolean.class).orElse(false);
        if (!enabled) {
            return Optional.empty();
        }
        Optional<InetSocketAddress> proxy = firstValue(names, "proxy-address").map(ConfigValue::getValue)
                .or(() -> config.getOptionalValue(PREFIX + "proxy-address", String.class))
                .flatMap(ClientTrustResolver::proxyAddress);
        return Optional.of(new IntermediateFetching(key, proxy));
    }

    /** The REST client's {@code proxy-address} ({@code host:port}, or {@code none}) as an address. */
    private static Optional<InetSocketAddress> proxyAddress(String value) {
        String address = value.trim();
        int colon = address.lastIndexOf(':');
        if (address.equals("none") || colon <= 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetSocketAddress.createUnresolved(address.substring(0, colon),
                    Integer.parseInt(address.substring(colon + 1))));
        } catch (IllegalArgumentException e) {
            // The REST client reports a malformed proxy address itself.
            return Optional.empty();
        }
    }

    /** The client's {@code cert}, loaded and checked, or empty when it has none. */
    private Optional<Reloadable<ClientCertificate>> certificate(List<String> names, String clientName,
            Optional<String> ownTls) {
        Optional<ConfigValue> cert = firstValue(names, "cert");
        Optional<ConfigValue> key = firstValue(names, "cert-key");
        if (cert.isEmpty()) {
            if (key.isPresent()) {
                throw new ConfigurationException("REST client '" + clientName + "': " + key.get().getName()
                        + " is set without the certificate it belongs to. Fix: set "
                        + key.get().getName().replace(".cert-key", ".cert") + " as well");
            }
            return Optional.empty();
        }
        if (ownTls.isPresent()) {
            throw new ConfigurationException("REST client '" + clientName + "': " + cert.get().getName() + " and "
                    + ownTls.get() + " are both set, and they contradict each other. Fix: keep the cert property"
                    + " (with verify for the trust) or the REST client's own TLS settings, not both");
        }
        Optional<String> password = firstValue(names, "cert-key-password").map(ConfigValue::getValue);
        try {
            return Optional.of(ClientCertificate.reloadable(Path.of(cert.get().getValue().trim()),
                    key.map(value -> Path.of(value.getValue().trim())), password));
        } catch (TrustMaterialException e) {
            // Messages name the file they are about.
            String property = key.isPresent() && e.getMessage().contains(key.get().getValue().trim())
                    ? key.get().getName()
                    : cert.get().getName();
            throw new ConfigurationException("REST client '" + clientName + "': " + property + " is not usable: "
                    + e.getMessage(), e);
        }
    }

    private static Optional<URI> uri(ConfigValue value) {
        try {
            return Optional.of(URI.create(value.getValue().trim()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** A TLS setting for all clients that a client without its own {@code verify} keeps. */
    private Optional<String> globalTlsSetting() {
        for (String property : List.of("trust-store", "key-store", "tls-configuration-name")) {
            ConfigValue value = config.getConfigValue(PREFIX + property);
            if (value.getValue() != null && !value.getValue().isBlank()) {
                return Optional.of(value.getName());
            }
        }
        if (config.getOptionalValue("quarkus.tls.trust-all", Boolean.class).orElse(false)) {
            return Optional.of("quarkus.tls.trust-all");
        }
        return Optional.empty();
    }

    /**
     * The client's value of a property. The REST client makes the quoted interface name see the values of the
     * aliases too, so the quoted name decides the value and the first alias holding that same value names the key
     * the user actually wrote.
     */
    private Optional<ConfigValue> firstValue(List<String> names, String property) {
        ConfigValue decisive = null;
        for (String name : names) {
            ConfigValue value = config.getConfigValue(PREFIX + name + "." + property);
            if (value.getValue() == null || value.getValue().isBlank()) {
                continue;
            }
            if (decisive == null) {
                decisive = value;
            } else if (value.getValue().equals(decisive.getValue())) {
                return Optional.of(value);
            }
        }
        return Optional.ofNullable(decisive);
    }

    private Optional<String> firstKey(List<String> names, String... properties) {
        for (String property : properties) {
            Optional<ConfigValue> value = firstValue(names, property);
            if (value.isPresent() && !"none".equals(value.get().getValue())) {
                return Optional.of(value.get().getName());
            }
        }
        return Optional.empty();
    }

    /**
     * The client's value of a boolean REST client property, else the value for every client, read as Quarkus reads it
     * ({@code yes}, {@code on}, {@code 1}, {@code y} are true), never by hand: the extension and the REST client
     * must agree on what the user wrote.
     */
    private Optional<BooleanSetting> booleanSetting(List<String> names, String property, String clientName) {
        Optional<ConfigValue> value = firstValue(names, property);
        if (value.isEmpty()) {
            ConfigValue global = config.getConfigValue(PREFIX + property);
            value = global.getValue() == null || global.getValue().isBlank() ? Optional.empty() : Optional.of(global);
        }
        if (value.isEmpty()) {
            return Optional.empty();
        }
        String name = value.get().getName();
        String written = value.get().getValue();
        try {
            Boolean converted = config.getValue(name, Boolean.class);
            return Optional.of(new BooleanSetting(converted, name + "=" + written));
        } catch (IllegalArgumentException | NoSuchElementException e) {
            throw new ConfigurationException("REST client '" + clientName + "': " + name + "=" + written
                    + " is not a boolean. Fix: set " + name + " to true or false", e);
        }
    }

    /** A boolean setting's value and how the user wrote it, e.g. {@code quarkus.rest-client.x.verify-host=no}. */
    private record BooleanSetting(boolean value, String written) {
    }
}
