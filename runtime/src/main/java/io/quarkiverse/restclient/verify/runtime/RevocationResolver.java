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
import java.util.stream.Stream;

import org.jboss.logging.Logger;

import io.quarkiverse.restclient.verify.config.ClientKeys;
import io.quarkiverse.restclient.verify.runtime.ClientTrustResolver.Setting;
import io.quarkiverse.restclient.verify.trust.Reloadable;
import io.quarkiverse.restclient.verify.trust.TrustMaterialException;
import io.quarkiverse.restclient.verify.trust.anchors.TrustMaterial;
import io.quarkiverse.restclient.verify.trust.lookups.LookupAddresses;
import io.quarkiverse.restclient.verify.trust.lookups.LookupDeadline;
import io.quarkiverse.restclient.verify.trust.lookups.PkiLookups;
import io.quarkiverse.restclient.verify.trust.revocation.CrlSet;
import io.quarkiverse.restclient.verify.trust.revocation.RevocationMode;
import io.quarkiverse.restclient.verify.trust.revocation.RevocationPolicy;
import io.quarkiverse.restclient.verify.trust.revocation.RevocationResponders;
import io.quarkiverse.restclient.verify.trust.revocation.SpkiPins;

/**
 * Turns a client's {@code verify-crl}, {@code verify-revocation} and {@code verify-pins} (its own values, else the
 * global ones, as {@link ClientTrustResolver} decided them) into the checks its handshakes run.
 */
final class RevocationResolver {

    private static final Logger LOG = Logger.getLogger(RevocationResolver.class);
    /** How long one revocation look-up may take: resolving, connecting and the whole answer. */
    static final Duration LOOK_UP_TIMEOUT = LookupDeadline.LOOK_UP;

    private final Map<String, Reloadable<CrlSet>> crls = new ConcurrentHashMap<>();
    /** One for all clients, so that concurrent handshakes needing the same answer share one request. */
    private final PkiLookups lookups = new PkiLookups();
    private final LookupAddresses addresses;

    /** @param addresses where look-ups may connect ({@code quarkus.rest-client.verify-lookup-allow}) */
    RevocationResolver(LookupAddresses addresses) {
        this.addresses = addresses;
    }

    /**
     * @param clientName the client's name, for messages
     * @param crlFiles the client's CRL files and the key they are set under, if any
     * @param modeSetting the client's revocation mode and its key, if set to something other than the default off
     * @param pinValues the client's pins and their key, if any
     * @param proxy the client's HTTP proxy ({@code proxy-address}), if any
     * @param material the client's trust, empty when the client keeps TLS settings of its own
     */
    RevocationPolicy resolve(String clientName, Optional<Setting<List<String>>> crlFiles,
            Optional<Setting<RevocationMode>> modeSetting, Optional<Setting<List<String>>> pinValues,
            Optional<InetSocketAddress> proxy, Optional<TrustMaterial> material) {
        if (crlFiles.isEmpty() && modeSetting.isEmpty() && pinValues.isEmpty()) {
            return off();
        }
        if (material.isEmpty()) {
            // Settings for every client do not apply to a client that keeps its own TLS; its own ones are an error.
            Optional<String> ownSetting = Stream.of(pinValues, crlFiles, modeSetting).flatMap(Optional::stream)
                    .filter(setting -> setting.keys() != null).map(Setting::key).findFirst();
            if (ownSetting.isPresent()) {
                throw new Problem(Problem.Kind.CANNOT_ACT, clientName, ownSetting.get(), "needs this extension to"
                        + " manage the client's trust, but the client keeps TLS settings of its own",
                        "replace its trust-store or tls-configuration-name with verify, or remove " + ownSetting.get())
                        .failure(null);
            }
            return off();
        }
        RevocationMode mode = modeSetting.map(Setting::value).orElse(RevocationMode.OFF);
        String modeProperty = modeSetting.map(Setting::key).orElse(ClientKeys.global("verify-revocation"));
        SpkiPins pins = SpkiPins.none();
        String pinsProperty = pinValues.map(Setting::key).orElse(ClientKeys.global("verify-pins"));
        if (pinValues.isPresent()) {
            try {
                pins = SpkiPins.parse(pinValues.get().value());
            } catch (TrustMaterialException e) {
                throw new Problem(Problem.Kind.NOT_USABLE, clientName, pinsProperty, ": " + e.getMessage(), null)
                        .failure(e);
            }
        }
        if (material.get().insecure()) {
            // The client's own such settings failed the start already (ClientTrustResolver); the global ones do not
            // apply to a client that verifies nothing.
            return off();
        }
        Optional<Reloadable<CrlSet>> crlSet = Optional.empty();
        String crlProperty = crlFiles.map(Setting::key).orElse(ClientKeys.global("verify-crl"));
        if (crlFiles.isPresent()) {
            List<String> files = crlFiles.get().value();
            try {
                crlSet = Optional.of(crls.computeIfAbsent(String.join(",", files),
                        key -> CrlSet.reloadable(files.stream().map(String::trim).map(Path::of).toList())));
            } catch (TrustMaterialException e) {
                throw new Problem(Problem.Kind.NOT_USABLE, clientName, crlProperty, "is not usable: " + e.getMessage(),
                        null).failure(e);
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
                ? Optional.of(new RevocationResponders(proxy.<Proxy> map(address -> new Proxy(Proxy.Type.HTTP, address))
                        .orElse(Proxy.NO_PROXY), LOOK_UP_TIMEOUT, lookups, addresses,
                        warning -> LOG.warnf("REST client '%s': %s", clientName, warning)))
                : Optional.empty();
        return new RevocationPolicy(mode, modeProperty, crlSet, crlProperty, pins, pinsProperty, responders);
    }

    /** No revocation and no pins, named by the global properties as before a client sets its own. */
    private static RevocationPolicy off() {
        return RevocationPolicy.off(ClientKeys.global("verify-revocation"), ClientKeys.global("verify-crl"),
                ClientKeys.global("verify-pins"));
    }
}
