package io.quarkiverse.restclient.verify.runtime;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.quarkus.runtime.annotations.ConfigDocMapKey;
import io.quarkus.runtime.annotations.ConfigDocSection;
import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithParentName;

/**
 * Python-requests-style trust settings for REST clients, next to the REST client's own keys.
 * <p>
 * The values are read by the interface's names at run time (see {@link ClientTrustResolver}); this mapping declares
 * the keys so they are documented and never reported as unknown.
 */
@ConfigMapping(prefix = "quarkus.rest-client")
@ConfigRoot(phase = ConfigPhase.RUN_TIME)
public interface RestClientVerifyConfig {

    /**
     * The trust for every REST client that has no `verify` of its own.
     * A comma-separated list of trust sources whose union is trusted:
     * `true` or `default` (the JDK default trust store),
     * `system` (the operating system's trust store, e.g. `/etc/ssl/certs/ca-certificates.crt`),
     * `mozilla` (Mozilla's CA bundle with its distrust-after dates, from the artifact
     * `quarkus-rest-client-verify-mozilla-ca`, which must be on the class path),
     * a PEM bundle or DER certificate file,
     * an OpenSSL CA directory (`&lt;subject-hash&gt;.N` files are looked up per handshake; other directories are loaded whole),
     * `classpath:&lt;path&gt;` (a bundle inside the application),
     * or `false` (no certificate and no hostname verification; only valid alone, and logged as a warning).
     * A single path replaces the default trust, as in Python requests; `default,&lt;path&gt;` extends it.
     * Clients with their own `trust-store`, `key-store` or `tls-configuration-name` keep those.
     */
    Optional<String> verify();

    /**
     * Whether a client with no `verify` of its own and no global `verify` takes its trust from the environment
     * variables Python requests and curl read, in this order: `REQUESTS_CA_BUNDLE`, `CURL_CA_BUNDLE`,
     * `SSL_CERT_FILE`, `SSL_CERT_DIR`. Configuration always wins over the environment.
     */
    @WithDefault("true")
    boolean verifyTrustEnv();

    /**
     * How often to check the files behind every `verify` and `cert` for new content, e.g. `1m`. Off when unset (in
     * dev mode the files are then checked before each request). Changes are detected by content, so a Kubernetes
     * secret or ConfigMap update (an atomic `..data` link swap) and a rotation back to an earlier file are seen. New
     * content that does not load is reported once and the last good material stays in use.
     */
    Optional<Duration> verifyReloadPeriod();

    /**
     * What to do with a client that skips verification: `verify=false`, or `verify-host=false` on a client whose
     * trust this extension manages. `allow` says nothing, `warn` logs a warning per client at start-up, `deny` fails
     * the start with a message that names every such client and property (and fails the building of such a client
     * in code). For example `%prod.quarkus.rest-client.verify-insecure=deny`.
     */
    @WithDefault("warn")
    InsecurePolicy verifyInsecure();

    /**
     * How long before expiry a CA certificate from the application's own bundles, or a client certificate, is
     * reported: one WARN per certificate, and in the `rest-client-verify` readiness check. The JDK's and the
     * operating system's CAs are not watched.
     */
    @WithDefault("30d")
    Duration verifyExpiryWarning();

    /**
     * Settings of each REST client.
     * The client is named by its config key, its simple interface name or its quoted fully qualified interface name.
     */
    @ConfigDocMapKey("client")
    @ConfigDocSection
    @WithParentName
    Map<String, ClientVerifyConfig> clients();

    /** Trust settings of one REST client. */
    interface ClientVerifyConfig {

        /**
         * The trust of this REST client: the same values as `quarkus.rest-client.verify`, which it overrides.
         * For example `/certs/corp.pem`, `default,/certs/corp.pem`, `/etc/ssl/certs` or `false`.
         * Cannot be combined with this client's `trust-store`, `key-store` or `tls-configuration-name`.
         */
        Optional<String> verify();

        /**
         * The client certificate for mutual TLS: a PEM file with the certificate and its intermediates (and the
         * private key, unless `cert-key` names it), or a PKCS#12 file (`.p12`, `.pfx`).
         */
        Optional<String> cert();

        /**
         * The private key of `cert` when it is a separate PEM file: PKCS#8, PKCS#1 RSA, SEC1 EC, encrypted PKCS#8 or
         * legacy OpenSSL-encrypted PEM.
         */
        Optional<String> certKey();

        /** The password of an encrypted `cert-key` or of a PKCS#12 `cert`. It never appears in logs or messages. */
        Optional<String> certKeyPassword();
    }
}
