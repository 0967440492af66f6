package io.quarkiverse.restclient.verify.runtime;

import java.net.URI;
import java.util.Optional;

import io.quarkiverse.restclient.verify.config.ClientKeys;
import io.quarkiverse.restclient.verify.trust.Reloadable;
import io.quarkiverse.restclient.verify.trust.anchors.TrustMaterial;
import io.quarkiverse.restclient.verify.trust.client.ClientCertificate;
import io.quarkiverse.restclient.verify.trust.revocation.RevocationPolicy;

/**
 * What one REST client trusts, and why: the resolved {@code verify} value, where it came from, and the loaded
 * material. A client whose trust the extension does not manage has no material and names the setting it keeps.
 *
 * @param clientName the name people know the client by: its config key, else its interface name
 * @param interfaceName the fully qualified interface name
 * @param keys this client's property names, under its config key, else its quoted interface name: the names
 *        messages and hints tell people to set
 * @param origin where the trust came from: the client's own {@code verify} key, the global one, an environment
 *        variable, nothing, or the client's own TLS settings
 * @param trust the trust, empty when the client keeps its own TLS settings; reloaded when its files change
 * @param ownTlsSetting the client's own TLS setting that the extension leaves alone, if any
 * @param hostCheckOffBy the setting that turned hostname verification off, as the user wrote it, e.g.
 *        {@code quarkus.rest-client.x.verify-host=false} or {@code ...verify-host=no}; empty when it is on
 * @param alpn whether the client offers ALPN, as the REST client's {@code alpn} and {@code http2} keys decide
 * @param url the configured URL of the client, if any: where its failures most likely come from
 * @param clientCertificate whether the client may send a client certificate: its {@code cert}, or a key store or a
 *        TLS configuration of its own, or the global ones
 * @param certificateFiles the client certificate from the client's {@code cert} property, if any
 * @param fetchIntermediates how the client fetches intermediates a server leaves out, empty when it does not
 * @param revocation the client's revocation checks and pins ({@code verify-crl}, {@code verify-revocation},
 *        {@code verify-pins})
 * @param written the keys of the client's TLS settings and of its URL, as the user wrote them
 */
public record ClientTrust(String clientName, String interfaceName, ClientKeys keys, TrustOrigin origin,
        Optional<Reloadable<TrustMaterial>> trust, Optional<String> ownTlsSetting, Optional<String> hostCheckOffBy,
        boolean alpn, Optional<URI> url, boolean clientCertificate,
        Optional<Reloadable<ClientCertificate>> certificateFiles, Optional<IntermediateFetching> fetchIntermediates,
        RevocationPolicy revocation, WrittenKeys written) {

    /** A client whose written keys are not known (none are named in its messages). */
    public ClientTrust(String clientName, String interfaceName, ClientKeys keys, TrustOrigin origin,
            Optional<Reloadable<TrustMaterial>> trust, Optional<String> ownTlsSetting, Optional<String> hostCheckOffBy,
            boolean alpn, Optional<URI> url, boolean clientCertificate,
            Optional<Reloadable<ClientCertificate>> certificateFiles, Optional<IntermediateFetching> fetchIntermediates,
            RevocationPolicy revocation) {
        this(clientName, interfaceName, keys, origin, trust, ownTlsSetting, hostCheckOffBy, alpn, url,
                clientCertificate, certificateFiles, fetchIntermediates, revocation, WrittenKeys.none());
    }

    /** A client that does not fetch missing intermediates, without revocation checks or pins. */
    public ClientTrust(String clientName, String interfaceName, ClientKeys keys, TrustOrigin origin,
            Optional<Reloadable<TrustMaterial>> trust, Optional<String> ownTlsSetting, Optional<String> hostCheckOffBy,
            boolean alpn, Optional<URI> url, boolean clientCertificate,
            Optional<Reloadable<ClientCertificate>> certificateFiles) {
        this(clientName, interfaceName, keys, origin, trust, ownTlsSetting, hostCheckOffBy, alpn, url,
                clientCertificate, certificateFiles, Optional.empty(), RevocationPolicy.off());
    }

    /** A client without revocation checks or pins. */
    public ClientTrust(String clientName, String interfaceName, ClientKeys keys, TrustOrigin origin,
            Optional<Reloadable<TrustMaterial>> trust, Optional<String> ownTlsSetting, Optional<String> hostCheckOffBy,
            boolean alpn, Optional<URI> url, boolean clientCertificate,
            Optional<Reloadable<ClientCertificate>> certificateFiles, Optional<IntermediateFetching> fetchIntermediates) {
        this(clientName, interfaceName, keys, origin, trust, ownTlsSetting, hostCheckOffBy, alpn, url,
                clientCertificate, certificateFiles, fetchIntermediates, RevocationPolicy.off());
    }

    /** This client with these revocation checks and pins. */
    public ClientTrust withRevocation(RevocationPolicy policy) {
        return new ClientTrust(clientName, interfaceName, keys, origin, trust, ownTlsSetting,
                hostCheckOffBy, alpn, url, clientCertificate, certificateFiles, fetchIntermediates, policy, written);
    }

    /** This client with the keys of its settings as the user wrote them. */
    public ClientTrust withWritten(WrittenKeys keys) {
        return new ClientTrust(clientName, interfaceName, this.keys, origin, trust, ownTlsSetting,
                hostCheckOffBy, alpn, url, clientCertificate, certificateFiles, fetchIntermediates, revocation, keys);
    }

    /** Whether the client's own {@code verify} key set its trust (rather than the global one, the environment or nothing). */
    public boolean explicit() {
        return origin instanceof TrustOrigin.ClientProperty;
    }

    /** The {@code verify} property to set for this client, e.g. {@code quarkus.rest-client.github.verify}. */
    public String verifyKey() {
        return keys.verify();
    }

    /** The trust in use now, empty when the client keeps its own TLS settings. */
    public Optional<TrustMaterial> material() {
        return trust.map(Reloadable::current);
    }

    /** The client certificate in use now, if the client has one. */
    public Optional<ClientCertificate> certificate() {
        return certificateFiles.map(Reloadable::current);
    }

    /** Whether hostname verification is on (no {@code verify-host=false}). */
    public boolean verifyHost() {
        return hostCheckOffBy.isEmpty();
    }

    /** Whether the extension supplies this client's trust. */
    public boolean managed() {
        return trust.isPresent();
    }

    /**
     * Whether this client's trust check may wait on the network (caIssuers fetches, OCSP responders, CRL distribution
     * points): its handshakes then run their trust check on a worker thread, never on an event loop.
     */
    public boolean looksUpNetwork() {
        return managed() && !insecure() && (fetchIntermediates.isPresent() || revocation.mode().online());
    }

    /** Whether this client judges servers' paths by the strict rules ({@code verify-strict}). */
    public boolean strict() {
        return revocation.strict() && managed() && !insecure();
    }

    /** Whether this client was configured with {@code verify=false}. */
    public boolean insecure() {
        return material().map(TrustMaterial::insecure).orElse(false);
    }

    /** A one-line account of this client's trust, as logged at start-up. */
    public String summary() {
        if (trust.isEmpty()) {
            return "REST client '" + clientName + "' keeps its own TLS settings (" + ownTlsSetting.orElse("?")
                    + "); set " + verifyKey() + " instead to have it managed here";
        }
        String hostCheck = verifyHost() || insecure() ? "" : ", hostname verification off";
        String identity = certificate().map(c -> "; presents " + c.description()).orElse("");
        String checks = (revocation.inactive() ? "" : "; " + revocation.description())
                + (revocation.strict() && !insecure() ? "; strict mode (" + revocation.strictProperty().get() + ")"
                        : "");
        return "REST client '" + clientName + "' trusts " + material().get().description() + hostCheck + " ["
                + origin.description() + "]" + identity + checks;
    }

    /**
     * How this client skips verification, as the setting to change: {@code quarkus.rest-client.legacy.verify=false},
     * {@code quarkus.rest-client.x.verify-host=false} on a managed client, or the builder's {@code verifyHost(false)};
     * empty for a client that verifies (or whose TLS the extension leaves alone).
     *
     * @param builderVerifyHostOff whether the client's builder was given {@code verifyHost(false)}
     */
    public Optional<String> insecurity(boolean builderVerifyHostOff) {
        if (!managed()) {
            return Optional.empty();
        }
        if (insecure()) {
            return Optional.of(origin.description() + "=false");
        }
        if (hostCheckOffBy().isPresent()) {
            return hostCheckOffBy();
        }
        return builderVerifyHostOff ? Optional.of("verifyHost(false) on its builder") : Optional.empty();
    }
}
