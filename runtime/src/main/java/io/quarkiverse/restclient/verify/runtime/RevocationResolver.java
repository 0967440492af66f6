package io.quarkiverse.restclient.verify.runtime;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.jboss.logging.Logger;

import io.quarkiverse.restclient.verify.trust.CrlSet;
import io.quarkiverse.restclient.verify.trust.Reloadable;
import io.quarkiverse.restclient.verify.trust.RevocationMode;
import io.quarkiverse.restclient.verify.trust.RevocationPolicy;
import io.quarkiverse.restclient.verify.trust.RevocationResponders;
import io.quarkiverse.restclient.verify.trust.SpkiPins;
import io.quarkiverse.restclient.verify.trust.TrustMaterial;
import io.quarkiverse.restclient.verify.trust.TrustMaterialException;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.SmallRyeConfig;

/**
 * Decides a client's {@code verify-crl}, {@code verify-revocation} and {@code verify-pins}: the client's own value,
 * else the global one, converted by the configuration's own converters.
 */
final class RevocationResolver {

    private static final Logger LOG = Logger.getLogger("io.quarkiverse.restclient.verify");
    /** How long one revocation look-up may take to connect, and again to read. */
    static final Duration LOOK_UP_TIMEOUT = Duration.ofSeconds(5);

    private final SmallRyeConfig config;
    private final Map<String, Reloadable<CrlSet>> crls = new ConcurrentHashMap<>();

    RevocationResolver(SmallRyeConfig config) {
        this.config = config;
    }

    /**
     * @param clientName the client's name, for messages
     * @param own the client's own value of a property, by property name ({@code verify-crl}), if set
     * @param material the client's trust, empty when the client keeps TLS settings of its own
     */
    RevocationPolicy resolve(String clientName, Function<String, Optional<ConfigValue>> own,
            Optional<TrustMaterial> material) {
        Optional<ConfigValue> crlValue = own.apply("verify-crl").or(() -> global("verify-crl"));
        Optional<ConfigValue> modeValue = own.apply("verify-revocation").or(() -> global("verify-revocation"));
        Optional<ConfigValue> pinsValue = own.apply("verify-pins").or(() -> global("verify-pins"));
        if (crlValue.isEmpty() && modeValue.isEmpty() && pinsValue.isEmpty()) {
            return RevocationPolicy.off();
        }
        if (material.isEmpty()) {
            Optional<ConfigValue> ownSetting = own.apply("verify-pins").or(() -> own.apply("verify-crl"))
                    .or(() -> own.apply("verify-revocation"));
            if (ownSetting.isPresent()) {
                throw new ConfigurationException("REST client '" + clientName + "': " + ownSetting.get().getName()
                        + " needs this extension to manage the client's trust, but the client keeps TLS settings of"
                        + " its own. Fix: replace its trust-store or tls-configuration-name with verify, or remove "
                        + ownSetting.get().getName());
            }
            return RevocationPolicy.off();
        }
        RevocationMode mode = RevocationMode.OFF;
        String modeProperty = ClientTrustResolver.PREFIX + "verify-revocation";
        if (modeValue.isPresent()) {
            modeProperty = modeValue.get().getName();
            try {
                mode = config.getValue(modeProperty, RevocationMode.class);
            } catch (IllegalArgumentException | java.util.NoSuchElementException e) {
                throw new ConfigurationException(modeProperty + "=" + modeValue.get().getValue() + " is not a"
                        + " revocation mode. Fix: use off, stapled, soft-fail or hard-fail", e);
            }
        }
        SpkiPins pins = SpkiPins.none();
        String pinsProperty = ClientTrustResolver.PREFIX + "verify-pins";
        if (pinsValue.isPresent()) {
            pinsProperty = pinsValue.get().getName();
            try {
                pins = SpkiPins.parse(config.getValues(pinsProperty, String.class));
            } catch (TrustMaterialException e) {
                throw new ConfigurationException(pinsProperty + ": " + e.getMessage(), e);
            }
        }
        boolean insecure = material.get().insecure();
        if (insecure && !pins.isEmpty()) {
            throw new ConfigurationException("REST client '" + clientName + "': " + pinsProperty + " is set, but the"
                    + " client does not verify certificates at all (verify=false), so a pin would protect nothing."
                    + " Fix: trust the server's CA with verify=/path/to/ca.pem and keep the pins");
        }
        if (insecure) {
            return RevocationPolicy.off();
        }
        Optional<Reloadable<CrlSet>> crlSet = Optional.empty();
        String crlProperty = ClientTrustResolver.PREFIX + "verify-crl";
        if (crlValue.isPresent()) {
            crlProperty = crlValue.get().getName();
            List<String> files = config.getValues(crlProperty, String.class);
            try {
                crlSet = Optional.of(crls.computeIfAbsent(String.join(",", files),
                        key -> CrlSet.reloadable(files.stream().map(String::trim).map(Path::of).toList())));
            } catch (TrustMaterialException e) {
                throw new ConfigurationException("REST client '" + clientName + "': " + crlProperty
                        + " is not usable: " + e.getMessage(), e);
            }
        }
        if (pins.values().size() == 1) {
            LOG.warnf("REST client '%s' [%s]: a single pin locks the client out when the server changes its key."
                    + " Fix: add a backup pin, e.g. of the CA's key or of the server's next key", clientName,
                    pinsProperty);
        }
        String crlsProperty = crlProperty;
        crlSet.ifPresent(set -> {
            CrlSet current = set.current();
            current.stale(Instant.now()).forEach(warning -> LOG.warnf("REST client '%s' [%s]: %s", clientName,
                    crlsProperty, warning));
            current.notSignedByTheirIssuer(material.get().anchors()).forEach(warning -> LOG.warnf(
                    "REST client '%s' [%s]: %s", clientName, crlsProperty, warning));
        });
        if (mode != RevocationMode.OFF
                && "false".equalsIgnoreCase(System.getProperty("jdk.tls.client.enableStatusRequestExtension"))) {
            LOG.warnf("REST client '%s' [%s=%s]: the JVM runs with -Djdk.tls.client.enableStatusRequestExtension=false,"
                    + " so the client does not ask servers to staple OCSP responses%s. Fix: remove that system"
                    + " property (the JDK sends status_request by default)", clientName, modeProperty,
                    mode.configValue(), mode.online() ? " and asks the responders over the network instead"
                            : " and only the CRL files apply");
        }
        Optional<RevocationResponders> responders = mode.online()
                ? Optional.of(new RevocationResponders(proxy(own), LOOK_UP_TIMEOUT,
                        warning -> LOG.warnf("REST client '%s': %s", clientName, warning)))
                : Optional.empty();
        return new RevocationPolicy(mode, modeProperty, crlSet, crlProperty, pins, pinsProperty, responders);
    }

    /** The client's HTTP proxy ({@code proxy-address}), else the global one, else none. */
    private Proxy proxy(Function<String, Optional<ConfigValue>> own) {
        Optional<String> address = own.apply("proxy-address").or(() -> global("proxy-address"))
                .map(ConfigValue::getValue).map(String::trim).filter(value -> !value.equals("none"));
        if (address.isEmpty()) {
            return Proxy.NO_PROXY;
        }
        int colon = address.get().lastIndexOf(':');
        if (colon <= 0) {
            return Proxy.NO_PROXY;
        }
        try {
            return new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(address.get().substring(0, colon),
                    Integer.parseInt(address.get().substring(colon + 1))));
        } catch (IllegalArgumentException e) {
            return Proxy.NO_PROXY;
        }
    }

    private Optional<ConfigValue> global(String property) {
        ConfigValue value = config.getConfigValue(ClientTrustResolver.PREFIX + property);
        return value.getValue() == null || value.getValue().isBlank() ? Optional.empty() : Optional.of(value);
    }
}
