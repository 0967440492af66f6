package io.quarkiverse.restclient.verify.runtime.engine;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.net.ssl.SSLException;

import org.jboss.logging.Logger;

import io.netty.handler.ssl.OpenSslContextOption;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.quarkiverse.restclient.verify.config.ClientKeys;
import io.quarkiverse.restclient.verify.runtime.ClientTrust;
import io.quarkiverse.restclient.verify.runtime.Problem;
import io.quarkiverse.restclient.verify.trust.Printable;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.SmallRyeConfig;

/**
 * Decides the TLS engine of each REST client ({@code ssl-engine}, {@code key-exchange-groups}, {@code key-log-file}),
 * once per client, and refuses at start-up what cannot work: BoringSSL without its artifact or in a native image,
 * groups BoringSSL does not know, a group list or a key log on the JDK engine, a key log outside dev and test mode or
 * at an unsafe path. A {@code @Singleton} bean; the REST client listener and Dev UI's Inspect ask it.
 * <p>
 * The values are read by name under each name the client answers to, in the REST client's order, as the trust settings
 * are (the REST client relocates a client's keys to its quoted interface name), so that messages name the key the user
 * wrote.
 */
public final class ClientEngines {

    private static final Logger LOG = Logger.getLogger(ClientEngines.class);

    /** The property of every client's engine. */
    public static final String SSL_ENGINE = "ssl-engine";
    /** The property of a client's key-exchange groups (BoringSSL). */
    public static final String GROUPS = "key-exchange-groups";
    /** The property of a client's key log (BoringSSL, dev and test mode). */
    public static final String KEY_LOG = "key-log-file";

    /**
     * Group names in any case and their other spellings, to BoringSSL's spelling (BoringSSL's names are case-sensitive:
     * {@code x25519mlkem768} fails where {@code X25519MLKEM768} works).
     */
    static final Map<String, String> GROUP_NAMES = groupNames();

    private final SmallRyeConfig config;
    private final boolean devOrTest;
    private final BoringSslAvailability availability;
    private final Map<String, ClientEngine> engines = new ConcurrentHashMap<>();
    private final Map<Path, KeyLog> keyLogs = new ConcurrentHashMap<>();
    private final AtomicBoolean keyLogWarned = new AtomicBoolean();

    /**
     * @param devOrTest whether the application runs in dev or test mode, where key logs are allowed
     * @param availability whether BoringSSL can run here
     */
    public ClientEngines(SmallRyeConfig config, boolean devOrTest, BoringSslAvailability availability) {
        this.config = config;
        this.devOrTest = devOrTest;
        this.availability = availability;
    }

    /**
     * The engine of this client, decided on first use.
     *
     * @throws io.quarkus.runtime.configuration.ConfigurationException naming the client, the property and the fix,
     *         for a setting that cannot work
     */
    public ClientEngine of(ClientTrust trust) {
        ClientEngine known = engines.get(trust.interfaceName());
        if (known != null) {
            return known;
        }
        return engines.computeIfAbsent(trust.interfaceName(), name -> decide(trust));
    }

    private ClientEngine decide(ClientTrust trust) {
        Optional<String> configKey = trust.clientName().equals(trust.interfaceName()) ? Optional.empty()
                : Optional.of(trust.clientName());
        List<ClientKeys> aliases = ClientKeys.aliases(trust.interfaceName(), configKey);
        Optional<ConfigValue> ownEngine = written(aliases, SSL_ENGINE);
        Optional<ConfigValue> ownGroups = written(aliases, GROUPS);
        Optional<ConfigValue> keyLog = written(aliases, KEY_LOG);
        String name = trust.clientName();
        if (!trust.managed()) {
            // A client on its own trust store or TLS configuration is left exactly as it is, engine included.
            Optional<ConfigValue> own = ownEngine.or(() -> ownGroups).or(() -> keyLog);
            if (own.isPresent()) {
                throw new Problem(Problem.Kind.CANNOT_ACT, name, own.get().getName(), "is set, but the client keeps its"
                        + " own TLS settings (" + trust.ownTlsSetting().orElse("?") + "), which this extension leaves"
                        + " alone, its TLS engine included",
                        "set " + trust.verifyKey() + " instead of "
                                + trust.ownTlsSetting().orElse("its own TLS settings") + ", or remove "
                                + own.get().getName())
                        .failure(null);
            }
            return ClientEngine.jdk(name, ClientKeys.global(SSL_ENGINE));
        }
        ConfigValue engineValue = ownEngine.orElseGet(() -> config.getConfigValue(ClientKeys.global(SSL_ENGINE)));
        String engineKey = engineValue.getValue() == null ? ClientKeys.global(SSL_ENGINE) : engineValue.getName();
        SslEngine engine = engineValue.getValue() == null || engineValue.getValue().isBlank() ? SslEngine.JDK
                : SslEngine.of(engineValue.getValue()).orElseThrow(() -> new Problem(Problem.Kind.NOT_A_WORD, name,
                        engineKey + "=" + Printable.text(engineValue.getValue()), "is not a TLS engine",
                        "set " + engineKey + " to " + SslEngine.allWords()).failure(null));
        if (engine == SslEngine.JDK) {
            // Only the client's own settings: the ones for every client apply to the clients on BoringSSL.
            Optional<ConfigValue> boringOnly = ownGroups.or(() -> keyLog);
            if (boringOnly.isPresent()) {
                String property = boringOnly.get().getName();
                throw new Problem(Problem.Kind.CANNOT_ACT, name, property, "is set, but the client runs on the JDK's TLS"
                        + " engine (" + engineKey + "), which " + (property.endsWith(KEY_LOG) ? "writes no key log"
                                : "takes key-exchange groups only for the whole JVM (-Djdk.tls.namedGroups)"),
                        "set " + ClientKeys.named(aliasOf(property)).key(SSL_ENGINE) + "=openssl (BoringSSL, with the"
                                + " dependency " + BoringSslAvailability.ARTIFACT + "), or remove " + property)
                        .failure(null);
            }
            return new ClientEngine(name, SslEngine.JDK, engineKey, List.of(), null, Optional.empty(), null);
        }
        availability.unavailable().ifPresent(why -> {
            throw new Problem(Problem.Kind.NOT_USABLE, name, engineKey + "=" + engineValue.getValue(), "needs BoringSSL, but "
                    + why.what(), why.fix()).failure(null);
        });
        ConfigValue groupsValue = ownGroups.orElseGet(() -> config.getConfigValue(ClientKeys.global(GROUPS)));
        List<String> groups = groups(name, groupsValue);
        String groupsKey = groups.isEmpty() ? null : groupsValue.getName();
        Optional<KeyLog> log = keyLog.map(value -> keyLog(name, value));
        return new ClientEngine(name, SslEngine.OPENSSL, engineKey, groups, groupsKey, log,
                keyLog.map(ConfigValue::getName).orElse(null));
    }

    /** The client name as a property key holds it, e.g. {@code pq} of {@code quarkus.rest-client.pq.key-log-file}. */
    private static String aliasOf(String property) {
        return ClientKeys.parse(property).map(p -> p.client().mapKey()).orElse("<client>");
    }

    /** The groups written, in BoringSSL's spelling, checked by BoringSSL itself; empty for its defaults. */
    private static List<String> groups(String client, ConfigValue value) {
        if (value.getValue() == null || value.getValue().isBlank()) {
            return List.of();
        }
        List<String> groups = new ArrayList<>();
        for (String written : value.getValue().split(",")) {
            String group = written.trim();
            if (!group.isEmpty()) {
                groups.add(GROUP_NAMES.getOrDefault(group.toLowerCase(Locale.ROOT), group));
            }
        }
        try {
            // A context is cheap to make and says exactly which name BoringSSL refuses.
            SslContextBuilder.forClient().sslProvider(SslProvider.OPENSSL)
                    .option(OpenSslContextOption.GROUPS, groups.toArray(new String[0])).build();
        } catch (SSLException | RuntimeException e) {
            throw new Problem(Problem.Kind.NOT_A_WORD, client, value.getName() + "=" + Printable.text(value.getValue()),
                    "names a key-exchange group BoringSSL does not know",
                    "list groups among " + String.join(", ", new java.util.TreeSet<>(GROUP_NAMES.values()))
                            + ", comma-separated, e.g. X25519MLKEM768,X25519")
                    .failure(e);
        }
        return List.copyOf(groups);
    }

    private KeyLog keyLog(String client, ConfigValue value) {
        String property = value.getName();
        if (!devOrTest) {
            throw new Problem(Problem.Kind.CANNOT_ACT, client, property, "is set, but TLS key logs are written in dev and"
                    + " test mode only, and this application runs in production mode: the file would let anyone who"
                    + " reads it decrypt the client's traffic",
                    "remove " + property + ", or set it for dev mode only,"
                            + " e.g. %dev." + property + "=" + Printable.text(value.getValue().trim()))
                    .failure(null);
        }
        Path path;
        try {
            path = Path.of(value.getValue().trim()).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new Problem(Problem.Kind.NOT_USABLE, client, property + "=" + Printable.text(value.getValue()),
                    "is not a path: " + e.getMessage(), "name a new file, e.g. /tmp/" + client + "-keys.log").failure(e);
        }
        KeyLog log = keyLogs.computeIfAbsent(path, p -> open(client, property, p));
        if (keyLogWarned.compareAndSet(false, true)) {
            LOG.warnf("REST client '%s' writes the secrets of its TLS handshakes to %s (%s): anyone who can read that"
                    + " file can decrypt the client's traffic, credentials included. Dev and test mode only; delete the"
                    + " file when done", client, Printable.text(path.toString()), property);
        } else {
            LOG.infof("REST client '%s' writes the secrets of its TLS handshakes to %s (%s)", client,
                    Printable.text(path.toString()), property);
        }
        return log;
    }

    private static KeyLog open(String client, String property, Path path) {
        try {
            return KeyLog.open(path);
        } catch (KeyLog.UnsafeKeyLogException e) {
            throw new Problem(Problem.Kind.NOT_USABLE, client, property + "=" + Printable.text(path.toString()),
                    "is not safe for TLS secrets: the path " + e.getMessage(), "name a new file in a directory only"
                            + " you can write to, e.g. a file under your home directory")
                    .failure(null);
        } catch (IOException | RuntimeException e) {
            throw new Problem(Problem.Kind.NOT_USABLE, client, property + "=" + Printable.text(path.toString()),
                    "cannot be created: " + e, "name a new file in a directory the application can write to")
                    .failure(e);
        }
    }

    /** Closes the key logs: the application stops. */
    public void close() {
        keyLogs.values().forEach(KeyLog::close);
    }

    /**
     * Under which of the client's names a property is written, and its value: the first name holding a value decides
     * it, and the first later name holding the same value is the key the user wrote (the REST client copies a config
     * key's values to the quoted interface name).
     */
    private Optional<ConfigValue> written(List<ClientKeys> aliases, String property) {
        ConfigValue decisive = null;
        for (ClientKeys alias : aliases) {
            ConfigValue value = config.getConfigValue(alias.key(property));
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

    private static Map<String, String> groupNames() {
        Map<String, String> names = new LinkedHashMap<>();
        for (String group : List.of("X25519MLKEM768", "X25519", "P-256", "P-384", "P-521", "X25519Kyber768Draft00",
                "MLKEM1024")) {
            names.put(group.toLowerCase(Locale.ROOT), group);
        }
        // The JDK's and the TLS registry's names for the same curves.
        names.put("secp256r1", "P-256");
        names.put("prime256v1", "P-256");
        names.put("secp384r1", "P-384");
        names.put("secp521r1", "P-521");
        return Map.copyOf(names);
    }
}
