package io.quarkiverse.restclient.verify.runtime;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

import io.quarkiverse.restclient.verify.config.ClientKeys;
import io.quarkiverse.restclient.verify.runtime.RestClientVerifyConfig.ClientVerifyConfig;
import io.quarkiverse.restclient.verify.trust.Printable;
import io.quarkiverse.restclient.verify.trust.Reloadable;
import io.quarkiverse.restclient.verify.trust.TrustMaterialException;
import io.quarkiverse.restclient.verify.trust.anchors.TrustMaterial;
import io.quarkiverse.restclient.verify.trust.anchors.TrustSpec;
import io.quarkiverse.restclient.verify.trust.client.ClientCertificate;
import io.quarkiverse.restclient.verify.trust.client.WrongPasswordException;
import io.quarkiverse.restclient.verify.trust.lookups.LookupAddresses;
import io.quarkiverse.restclient.verify.trust.revocation.RevocationMode;
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
 * <p>
 * This extension's properties come typed from {@link RestClientVerifyConfig}, defaults included; the REST client's own
 * properties ({@code url}, {@code verify-host}, {@code trust-store}, ...) are read by name, converted as the REST
 * client converts them.
 */
final class ClientTrustResolver {

    /** The allow list of look-up addresses, handed to {@link LookupAddresses} for its refusals. */
    static final String LOOKUP_ALLOW = ClientKeys.global("verify-lookup-allow");
    static final List<String> TRUST_ENV = List.of("REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE", "SSL_CERT_FILE",
            "SSL_CERT_DIR");

    private final RestClientVerifyConfig verify;
    private final SmallRyeConfig config;
    private final Function<String, String> environment;
    private final Map<String, Reloadable<TrustMaterial>> loaded;
    private final ClassLoader classLoader;
    private final Map<String, List<byte[]>> prebuilt;
    private final RevocationResolver revocation;
    private final LookupAddresses lookupAddresses;

    /**
     * @param verify this extension's configuration
     * @param config the whole configuration, for the REST client's own properties
     * @param loaded the trust loaded so far, by {@code verify} value: clients with the same value share it
     * @param prebuilt {@code classpath:} bundles read at build time, as DER certificates by resource name
     */
    ClientTrustResolver(RestClientVerifyConfig verify, SmallRyeConfig config, Function<String, String> environment,
            Map<String, Reloadable<TrustMaterial>> loaded, ClassLoader classLoader,
            Map<String, List<byte[]>> prebuilt) {
        this.verify = verify;
        this.config = config;
        this.environment = environment;
        this.loaded = loaded;
        this.classLoader = classLoader;
        this.prebuilt = prebuilt;
        this.lookupAddresses = lookupAddresses(verify);
        this.revocation = new RevocationResolver(lookupAddresses);
    }

    ClientTrust resolve(String interfaceName, Optional<String> configKey) {
        List<ClientKeys> aliases = ClientKeys.aliases(interfaceName, configKey);
        ClientTrust trust = resolveTrust(interfaceName, configKey, aliases);
        Optional<Setting<List<String>>> crl = own(aliases, "verify-crl", ClientVerifyConfig::verifyCrl, this::strings)
                .or(() -> global("verify-crl", verify.verifyCrl()));
        Optional<Setting<RevocationMode>> mode = own(aliases, "verify-revocation", ClientVerifyConfig::verifyRevocation,
                key -> config.getValue(key, RevocationMode.class))
                .or(() -> global("verify-revocation",
                        Optional.of(verify.verifyRevocation()).filter(m -> m != RevocationMode.OFF)));
        Optional<Setting<List<String>>> pins = own(aliases, "verify-pins", ClientVerifyConfig::verifyPins, this::strings)
                .or(() -> global("verify-pins", verify.verifyPins()));
        if (trust.insecure()) {
            cannotAct(trust, Stream.of(pins, crl, mode.filter(m -> m.value() != RevocationMode.OFF),
                    own(aliases, "verify-fetch-intermediates", ClientVerifyConfig::verifyFetchIntermediates,
                            key -> config.getValue(key, Boolean.class)).filter(Setting::value),
                    own(aliases, "verify-strict", ClientVerifyConfig::verifyStrict,
                            key -> config.getValue(key, Boolean.class)).filter(Setting::value)));
        }
        return trust.withRevocation(revocation.resolve(trust.clientName(), crl, mode, pins, proxyAddress(aliases),
                trust.material()).withStrict(strict(aliases))).withWritten(written(aliases));
    }

    /**
     * Fails the start when the client's own settings ask for a check that runs on a verified chain while the client
     * verifies nothing ({@code verify=false}): the setting would protect nothing. The same settings for every client
     * do not apply to such a client, as they do not apply to a client that keeps its own TLS settings.
     */
    private static void cannotAct(ClientTrust trust, Stream<Optional<? extends Setting<?>>> settings) {
        Optional<String> own = settings.flatMap(Optional::stream).filter(setting -> setting.keys() != null)
                .map(Setting::key).findFirst();
        if (own.isEmpty()) {
            return;
        }
        String key = own.get();
        String property = key.substring(key.lastIndexOf('.') + 1);
        String[] what = switch (property) {
            case "verify-pins" -> new String[] { "a pin", "the pins" };
            case "verify-crl" -> new String[] { "a CRL", "the CRL files" };
            case "verify-revocation" -> new String[] { "a revocation check", "the revocation check" };
            case "verify-fetch-intermediates" -> new String[] { "fetching intermediates", "the fetching" };
            default -> new String[] { "the strict rules", "strict mode" };
        };
        throw new Problem(Problem.Kind.CANNOT_ACT, trust.clientName(), key, "is set, but the client does not verify"
                + " certificates at all (verify=false), so " + what[0] + " would protect nothing",
                "trust the server's CA with verify=/path/to/ca.pem and keep " + what[1]).failure(null);
    }

    /** The keys of the client's TLS settings and of its URL, as the user wrote them. */
    private WrittenKeys written(List<ClientKeys> aliases) {
        List<String> tls = WrittenKeys.TLS_PROPERTIES.stream().map(property -> written(aliases, property))
                .flatMap(Optional::stream).map(w -> w.value().getName()).toList();
        Optional<String> url = written(aliases, "url").or(() -> written(aliases, "uri")).map(w -> w.value().getName());
        return new WrittenKeys(tls, url);
    }

    /** The property that turned strict mode on for this client (its own key, else the global one), if any. */
    private Optional<String> strict(List<ClientKeys> aliases) {
        Setting<Boolean> enabled = own(aliases, "verify-strict", ClientVerifyConfig::verifyStrict,
                key -> config.getValue(key, Boolean.class))
                .orElseGet(() -> new Setting<>(verify.verifyStrict(), ClientKeys.global("verify-strict")));
        return enabled.value() ? Optional.of(enabled.key()) : Optional.empty();
    }

    private ClientTrust resolveTrust(String interfaceName, Optional<String> configKey, List<ClientKeys> aliases) {
        String clientName = configKey.orElse(interfaceName);
        ClientKeys keys = ClientKeys.of(interfaceName, configKey);
        Optional<String> hostCheckOffBy = booleanSetting(aliases, "verify-host", clientName)
                .filter(setting -> !setting.value())
                .map(BooleanSetting::written);
        boolean alpn = booleanSetting(aliases, "http2", clientName).map(BooleanSetting::value).orElse(false)
                || booleanSetting(aliases, "alpn", clientName).map(BooleanSetting::value).orElse(false);
        Optional<URI> url = restClientValue(aliases, "url").or(() -> restClientValue(aliases, "uri"))
                .flatMap(ClientTrustResolver::uri);
        boolean clientCertificate = restClientKey(aliases, "key-store", "tls-configuration-name").isPresent()
                || config.getConfigValue(ClientKeys.global("key-store")).getValue() != null
                || config.getConfigValue(ClientKeys.global("tls-configuration-name")).getValue() != null;
        Settings settings = new Settings(clientName, interfaceName, keys, hostCheckOffBy, alpn, url,
                clientCertificate, Optional.empty(), fetchIntermediates(aliases));

        Optional<Setting<String>> own = own(aliases, "verify", ClientVerifyConfig::verify, this::string);
        Optional<String> ownTls = restClientKey(aliases, "trust-store", "key-store", "tls-configuration-name");
        Optional<Reloadable<ClientCertificate>> certificate = certificate(aliases, clientName, ownTls);
        settings = settings.with(certificate);
        if (own.isPresent()) {
            Setting<String> value = own.get();
            if (ownTls.isPresent()) {
                throw new Problem(Problem.Kind.CONTRADICTION, clientName, value.key(), "and " + ownTls.get()
                        + " are both set, and they contradict each other",
                        "keep one; to trust a PEM bundle or"
                                + " directory, remove " + ownTls.get() + " and keep " + value.key()
                                + "; to keep the trust store or TLS configuration, remove " + value.key())
                        .failure(null);
            }
            return managed(settings, new TrustOrigin.ClientProperty(value.key()), value.value());
        }

        // A client certificate needs the extension's TLS configuration, so a global trust store cannot keep it.
        Optional<String> inheritedTls = settings.certificate.isPresent() ? Optional.empty()
                : ownTls.or(() -> globalTlsSetting());
        Optional<Setting<String>> global = global("verify", verify.verify());
        if (global.isPresent()) {
            Optional<String> globalTls = globalTlsSetting();
            if (globalTls.isPresent()) {
                throw new Problem(Problem.Kind.CONTRADICTION, null, global.get().key(), "and " + globalTls.get()
                        + " are both set for every REST client, and they contradict each other", "keep one of them")
                        .failure(null);
            }
            if (inheritedTls.isPresent()) {
                return unmanaged(settings, inheritedTls.get());
            }
            return managed(settings, new TrustOrigin.GlobalProperty(global.get().key()), global.get().value());
        }
        if (inheritedTls.isPresent()) {
            return unmanaged(settings, inheritedTls.get());
        }
        if (verify.verifyTrustEnv()) {
            for (String variable : TRUST_ENV) {
                String value = environment.apply(variable);
                if (value != null && !value.isBlank()) {
                    // A near miss such as verfy is the likely reason the variable was read: failures say so.
                    List<String> nearMisses = MisspelledProperties.of(config.getPropertyNames(),
                            MisspelledProperties.writtenFirst(interfaceName, configKey)).stream()
                            .map(MisspelledProperties.NearMiss::sentence).toList();
                    return load(settings, new TrustOrigin.EnvironmentVariable(variable, nearMisses),
                            TrustSpec.path(value.trim()));
                }
            }
        }
        return load(settings, new TrustOrigin.JdkDefault(), TrustSpec.jdkDefault());
    }

    private ClientTrust managed(Settings settings, TrustOrigin origin, String value) {
        TrustSpec spec;
        try {
            spec = TrustSpec.parse(value);
        } catch (TrustMaterialException e) {
            throw failure(settings, origin, value, e);
        }
        return load(settings, origin, spec);
    }

    private ClientTrust load(Settings settings, TrustOrigin origin, TrustSpec spec) {
        Reloadable<TrustMaterial> material;
        try {
            // Clients with the same value share one loaded material and one trust manager.
            material = loaded.computeIfAbsent(spec.value(),
                    v -> TrustMaterial.reloadable(spec, classLoader, prebuilt, ClientKeys.global("verify-reload-period")));
        } catch (TrustMaterialException e) {
            throw failure(settings, origin, spec.value(), e);
        }
        return new ClientTrust(settings.clientName, settings.interfaceName, settings.keys, origin,
                Optional.of(material), Optional.empty(), settings.hostCheckOffBy, settings.alpn, settings.url,
                settings.clientCertificate || settings.certificate.isPresent(), settings.certificate,
                settings.fetching);
    }

    private static ClientTrust unmanaged(Settings settings, String setting) {
        return new ClientTrust(settings.clientName, settings.interfaceName, settings.keys,
                new TrustOrigin.OwnTlsSettings(setting),
                Optional.empty(), Optional.of(setting), settings.hostCheckOffBy, settings.alpn, settings.url,
                settings.clientCertificate, Optional.empty());
    }

    private static ConfigurationException failure(Settings settings, TrustOrigin origin, String value,
            TrustMaterialException e) {
        // A variable inherited from the shell or the image is often stale; say how to stop reading it.
        String inherited = origin instanceof TrustOrigin.EnvironmentVariable ? ". The variable comes from the environment;"
                + " to ignore REQUESTS_CA_BUNDLE, CURL_CA_BUNDLE, SSL_CERT_FILE and SSL_CERT_DIR, set "
                + ClientKeys.global("verify-trust-env") + "=false (or set " + settings.keys.verify() + ")" : "";
        return new Problem(Problem.Kind.NOT_USABLE, settings.clientName, origin.description() + "=" + value,
                "is not usable: " + e.getMessage() + inherited, null).failure(e);
    }

    /** The facts about a client that do not depend on where its trust comes from. */
    private record Settings(String clientName, String interfaceName, ClientKeys keys, Optional<String> hostCheckOffBy,
            boolean alpn, Optional<URI> url, boolean clientCertificate,
            Optional<Reloadable<ClientCertificate>> certificate, Optional<IntermediateFetching> fetching) {

        Settings with(Optional<Reloadable<ClientCertificate>> loaded) {
            return new Settings(clientName, interfaceName, keys, hostCheckOffBy, alpn, url, clientCertificate,
                    loaded, fetching);
        }
    }

    /** Whether the client fetches missing intermediates (its own key, else the global one), and through which proxy. */
    private Optional<IntermediateFetching> fetchIntermediates(List<ClientKeys> aliases) {
        Setting<Boolean> enabled = own(aliases, "verify-fetch-intermediates",
                ClientVerifyConfig::verifyFetchIntermediates, key -> config.getValue(key, Boolean.class))
                .orElseGet(() -> new Setting<>(verify.verifyFetchIntermediates(),
                        ClientKeys.global("verify-fetch-intermediates")));
        if (!enabled.value()) {
            return Optional.empty();
        }
        return Optional.of(new IntermediateFetching(enabled.key(), proxyAddress(aliases), lookupAddresses));
    }

    /** Where look-ups that servers' certificates ask for may connect: public addresses and the allowed ones. */
    private static LookupAddresses lookupAddresses(RestClientVerifyConfig verify) {
        try {
            return LookupAddresses.allowing(verify.verifyLookupAllow().orElse(List.of()), LOOKUP_ALLOW);
        } catch (IllegalArgumentException e) {
            throw new Problem(Problem.Kind.NOT_A_WORD, null, LOOKUP_ALLOW, ": " + e.getMessage(),
                    "list host names, *.domains, addresses or networks, comma-separated").failure(e);
        }
    }

    /**
     * The REST client's {@code proxy-address} of this client, else the one for every client ({@code host:port}), as an
     * address; empty for none or a malformed value, which the REST client reports itself.
     */
    private Optional<InetSocketAddress> proxyAddress(List<ClientKeys> aliases) {
        Optional<String> value = restClientValue(aliases, "proxy-address").map(ConfigValue::getValue)
                .or(() -> config.getOptionalValue(ClientKeys.global("proxy-address"), String.class));
        if (value.isEmpty()) {
            return Optional.empty();
        }
        String address = value.get().trim();
        int colon = address.lastIndexOf(':');
        if (address.equals("none") || colon <= 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetSocketAddress.createUnresolved(address.substring(0, colon),
                    Integer.parseInt(address.substring(colon + 1))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The client's {@code cert}, loaded and checked, or empty when it has none. */
    private Optional<Reloadable<ClientCertificate>> certificate(List<ClientKeys> aliases, String clientName,
            Optional<String> ownTls) {
        Optional<Setting<String>> cert = own(aliases, "cert", ClientVerifyConfig::cert, this::string);
        Optional<Setting<String>> key = own(aliases, "cert-key", ClientVerifyConfig::certKey, this::string);
        if (cert.isEmpty()) {
            if (key.isPresent()) {
                throw new Problem(Problem.Kind.INCOMPLETE, clientName, key.get().key(),
                        "is set without the certificate it belongs to", "set " + key.get().keys().cert() + " as well")
                        .failure(null);
            }
            return Optional.empty();
        }
        if (ownTls.isPresent()) {
            throw new Problem(Problem.Kind.CONTRADICTION, clientName, cert.get().key(), "and " + ownTls.get()
                    + " are both set, and they contradict each other",
                    "keep the cert property (with verify for the"
                            + " trust) or the REST client's own TLS settings, not both")
                    .failure(null);
        }
        Optional<Setting<String>> passwordSetting = own(aliases, "cert-key-password", ClientVerifyConfig::certKeyPassword,
                this::string);
        Optional<String> password = passwordSetting.map(Setting::value);
        try {
            return Optional.of(ClientCertificate.reloadable(Path.of(cert.get().value().trim()),
                    key.map(value -> Path.of(value.value().trim())), password));
        } catch (WrongPasswordException e) {
            // The file is right, its password is not: the password's property is the one to fix.
            String passwordKey = passwordSetting.map(Setting::key)
                    .orElseGet(() -> cert.get().keys().key("cert-key-password"));
            throw new Problem(Problem.Kind.WRONG_PASSWORD, clientName, passwordKey,
                    (e.passwordGiven() ? "does not open the client certificate: " : "is not set: ") + e.getMessage(),
                    e.getMessage().contains("Fix:") ? null
                            : "set " + passwordKey + " to the password of that file (e.g. from an environment variable)")
                    .failure(e);
        } catch (TrustMaterialException e) {
            // Messages name the file they are about.
            String property = key.isPresent() && e.getMessage().contains(key.get().value().trim())
                    ? key.get().key()
                    : cert.get().key();
            throw new Problem(Problem.Kind.NOT_USABLE, clientName, property, "is not usable: " + e.getMessage(), null)
                    .failure(e);
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
            ConfigValue value = config.getConfigValue(ClientKeys.global(property));
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
     * A value of this extension's properties and the key it is written under, e.g. {@code /certs/corp.pem} under
     * {@code quarkus.rest-client.github.verify}.
     *
     * @param keys the client's keys under the name the value was written with, or null for a property of every client
     */
    record Setting<T>(T value, String key, ClientKeys keys) {

        Setting(T value, String key) {
            this(value, key, null);
        }
    }

    /**
     * The client's own value of one of this extension's properties: typed by the mapping, from the first of the
     * client's names that holds one, in the REST client's order. The REST client relocates a client's keys to its
     * quoted interface name, so the key named in messages is the one the user actually wrote (see {@link #written}).
     *
     * @param byName reads the value under a key, converted as the mapping converts it: for a key the mapping cannot
     *        place, such as {@code QUARKUS_REST_CLIENT_ENV_KEY_VERIFY}, whose dashes an environment variable loses
     */
    private <T> Optional<Setting<T>> own(List<ClientKeys> aliases, String property,
            Function<ClientVerifyConfig, Optional<T>> value, Function<String, T> byName) {
        Optional<Written> written = written(aliases, property);
        for (ClientKeys alias : aliases) {
            ClientVerifyConfig client = verify.clients().get(alias.mapKey());
            Optional<T> found = client == null ? Optional.empty() : value.apply(client).filter(ClientTrustResolver::set);
            if (found.isPresent()) {
                ClientKeys keys = written.map(Written::keys).orElse(alias);
                return Optional.of(new Setting<>(found.get(), keys.key(property), keys));
            }
        }
        return written.map(w -> new Setting<>(byName.apply(w.value().getName()), w.value().getName(), w.keys()))
                .filter(setting -> set(setting.value()));
    }

    private String string(String key) {
        return config.getValue(key, String.class);
    }

    private List<String> strings(String key) {
        return config.getValues(key, String.class);
    }

    /** A property of every client, when it is set. */
    private static <T> Optional<Setting<T>> global(String property, Optional<T> value) {
        return value.filter(ClientTrustResolver::set).map(v -> new Setting<>(v, ClientKeys.global(property)));
    }

    /** Whether a value says something: blank text and empty lists count as unset. */
    private static boolean set(Object value) {
        if (value instanceof String text) {
            return !text.isBlank();
        }
        return !(value instanceof List<?> list) || !list.isEmpty();
    }

    /** The client's value of one of the REST client's own properties, as written (see {@link #written}). */
    private Optional<ConfigValue> restClientValue(List<ClientKeys> aliases, String property) {
        return written(aliases, property).map(Written::value);
    }

    /**
     * Under which of the client's names a property is written, and its value there. The REST client makes the quoted
     * interface name see the values of the aliases too, so the first name holding a value decides it, and the first
     * later alias holding that same value names the key the user actually wrote.
     */
    private Optional<Written> written(List<ClientKeys> aliases, String property) {
        Written decisive = null;
        for (ClientKeys alias : aliases) {
            ConfigValue value = config.getConfigValue(alias.key(property));
            if (value.getValue() == null || value.getValue().isBlank()) {
                continue;
            }
            if (decisive == null) {
                decisive = new Written(alias, value);
            } else if (value.getValue().equals(decisive.value().getValue())) {
                return Optional.of(new Written(alias, value));
            }
        }
        return Optional.ofNullable(decisive);
    }

    /** A property as written under one of the client's names. */
    private record Written(ClientKeys keys, ConfigValue value) {
    }

    /** The key of the first of these REST client properties the client sets (to something other than none). */
    private Optional<String> restClientKey(List<ClientKeys> aliases, String... properties) {
        for (String property : properties) {
            Optional<ConfigValue> value = restClientValue(aliases, property);
            if (value.isPresent() && !"none".equals(value.get().getValue())) {
                return Optional.of(value.get().getName());
            }
        }
        return Optional.empty();
    }

    /** The words a boolean REST client property may hold (any case): SmallRye reads each of them the same way. */
    private static final List<String> TRUE_WORDS = List.of("true", "yes", "on", "y", "1");
    private static final List<String> FALSE_WORDS = List.of("false", "no", "off", "n", "0");

    /**
     * The client's value of a boolean REST client property, else the value for every client. Read from the raw text:
     * SmallRye reads any word it does not know as {@code false} with only a WARN, which for {@code verify-host}
     * would turn the host-name check off; a word outside the documented ones fails start-up instead.
     */
    private Optional<BooleanSetting> booleanSetting(List<ClientKeys> aliases, String property, String clientName) {
        Optional<ConfigValue> value = restClientValue(aliases, property);
        if (value.isEmpty()) {
            ConfigValue global = config.getConfigValue(ClientKeys.global(property));
            value = global.getValue() == null || global.getValue().isBlank() ? Optional.empty() : Optional.of(global);
        }
        if (value.isEmpty()) {
            return Optional.empty();
        }
        String name = value.get().getName();
        String written = value.get().getValue();
        String word = written.trim().toLowerCase(Locale.ROOT);
        if (TRUE_WORDS.contains(word) || FALSE_WORDS.contains(word)) {
            return Optional.of(new BooleanSetting(TRUE_WORDS.contains(word), name + "=" + written));
        }
        throw new Problem(Problem.Kind.NOT_A_WORD, clientName, name + "=" + Printable.text(written), "is not a boolean",
                "set " + name + " to " + words(TRUE_WORDS) + " (on) or to " + words(FALSE_WORDS) + " (off)")
                .failure(null);
    }

    private static String words(List<String> words) {
        return String.join(", ", words.subList(0, words.size() - 1)) + " or " + words.get(words.size() - 1);
    }

    /** A boolean setting's value and how the user wrote it, e.g. {@code quarkus.rest-client.x.verify-host=no}. */
    private record BooleanSetting(boolean value, String written) {
    }
}
