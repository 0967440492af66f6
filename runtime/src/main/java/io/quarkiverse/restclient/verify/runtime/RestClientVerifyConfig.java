package io.quarkiverse.restclient.verify.runtime;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.quarkiverse.restclient.verify.trust.revocation.RevocationMode;
import io.quarkus.runtime.annotations.ConfigDocMapKey;
import io.quarkus.runtime.annotations.ConfigDocSection;
import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithParentName;

/**
 * Python-requests-style trust settings for REST clients, next to the REST client's own keys.
 * <p>
 * The recorder receives this mapping, defaults applied; {@link ClientTrustResolver} looks a client's own values up
 * under each name the client answers to (see {@link io.quarkiverse.restclient.verify.config.ClientKeys}).
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
     * in code); it also refuses a plain `http://` URL to a client with `verify-pins`, `verify-crl` or
     * `verify-revocation`. For example `%prod.quarkus.rest-client.verify-insecure=deny`.
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
     * Certificate revocation lists for every REST client without `verify-crl` of its own: CRL files (PEM or DER) or
     * directories of them, comma-separated. A certificate of the validated path that a CRL of its issuer lists is
     * rejected (reason `REVOKED`), whatever `verify-revocation` says. The files are reloaded like bundles (see
     * `verify-reload-period`); a CRL past its nextUpdate is warned about and reported by the readiness check.
     */
    Optional<List<String>> verifyCrl();

    /**
     * How every REST client without its own `verify-revocation` checks revocation:
     * `off` (only the CRL files of `verify-crl`),
     * `stapled` (also the OCSP response the server staples in the handshake; never the network),
     * `soft-fail` (also the OCSP responder or CRL distribution point named in the certificates, over plain http,
     * bounded in time and size, cached until the answer's nextUpdate; a call proceeds when no answer can be had, with
     * one warning per responder) or
     * `hard-fail` (as `soft-fail`, but a certificate whose status cannot be learnt fails the call).
     * Asking a responder tells it which server the application calls.
     */
    @WithDefault("off")
    RevocationMode verifyRevocation();

    /**
     * Public key pins for every REST client without `verify-pins` of its own: `sha256/&lt;base64&gt;` values,
     * comma-separated, as curl's `--pinnedpubkey` and OkHttp's `CertificatePinner` write them. A chain is accepted
     * only if it passes verification and one certificate of the validated path (leaf, intermediate or the trusted
     * CA) has one of these public keys. Configure a backup pin: a server that changes keys is otherwise locked out.
     */
    Optional<List<String>> verifyPins();

    /**
     * Whether every REST client without a `verify-fetch-intermediates` of its own completes a server chain that lacks
     * an intermediate CA by fetching it, as browsers do, from the URL the server's certificate names for its issuer
     * (Authority Information Access, caIssuers). The fetched certificate is only ever an intermediate: the completed
     * chain must still end at a CA this client trusts, and the hostname, dates and constraints are checked as usual.
     * Only `http` and `https` URLs on public addresses (see `verify-lookup-allow`) are fetched, through the client's
     * `proxy-address`, without credentials or cookies, within 2 seconds per fetch and 3 seconds for all look-ups of a
     * handshake, and a 64 KiB size limit, at most 4 certificates deep, 4 fetches per handshake and 20 per minute (one
     * server at most 5 of them); what was fetched is remembered until it expires, once a chain completed with it was
     * trusted. Each repaired server is logged once at INFO.
     * Note: the client then makes an HTTP request to a URL chosen by a server it does not trust yet.
     */
    @WithDefault("false")
    boolean verifyFetchIntermediates();

    /**
     * Whether every REST client without a `verify-strict` of its own judges servers' certificate paths by strict rules
     * after the usual checks, as webpki (rustls) and the CA/Browser Forum's Baseline Requirements for server
     * certificates have them: name constraints of every CA (the trust anchor's included) over every name below it,
     * authority and subject key identifiers that link each certificate to its issuer, wildcards only as the whole
     * left-most label, no CA as the server's certificate, serverAuth in the extended key usage, consistent key usage,
     * basic constraints and path lengths (the anchor's included, at most 6 intermediates), positive serial numbers
     * of at most 20 octets, no unknown critical extension, X.509 version 3, RSA keys of 2048 bits or more or EC keys
     * on P-256 or P-384 (or Ed25519), SHA-256 or stronger signatures, a CN that is a copy of a subject alternative
     * name, and a server certificate valid for at most 398 days. Chains from public CAs pass; a refusal names the rule
     * and the certificate. Private CAs that issue otherwise are refused.
     */
    @WithDefault("false")
    boolean verifyStrict();

    /**
     * Hosts and networks that the look-ups a server's certificate asks for (fetched intermediates, OCSP responders,
     * CRL distribution points) may reach although they are not public, comma-separated: host names
     * (`pki.corp.example`), domains (`*.corp.example`), addresses (`10.1.2.3`, `::1`) and networks (`10.0.0.0/8`,
     * `fd00::/8`), e.g. for a corporate PKI on private addresses.
     * Without it, look-ups never connect to loopback, link-local (`169.254.0.0/16`, `fe80::/10`), private (`10/8`,
     * `172.16/12`, `192.168/16`), shared (`100.64/10`), unique-local (`fc00::/7`), any-local, multicast or reserved
     * addresses, nor to their IPv4-mapped IPv6 forms: a server the client does not trust yet must not make the
     * application send requests inside its own network. The rule applies to the address actually connected to, and
     * again at each redirect; through a `proxy-address` only the URL's host is judged (a literal address or
     * `localhost`), the proxy resolves other names. It applies to every REST client.
     */
    Optional<List<String>> verifyLookupAllow();

    /**
     * The largest trust file that is read: every `verify` bundle, each file of a CA directory, every `cert` and
     * `cert-key`, at start-up, at build time and on reload.
     * A larger file is refused with its size and this limit in the message, before any of it is read, so that a wrong
     * path (a disk image, a log file) cannot exhaust the heap.
     * Only regular files (or links to them) are read whatever this limit: a named pipe, `/dev/zero` or another
     * device is refused.
     * The default is far above any real bundle: Mozilla's whole CA bundle is about 220 KB.
     */
    @WithDefault("16M")
    MemorySize verifyMaxFileSize();

    /**
     * The TLS engine of every REST client whose trust this extension manages and that has no `ssl-engine` of its own:
     * `jdk` (the JDK's engine; `jdkssl`, the TLS registry's word, means the same) or `openssl` (BoringSSL, from the
     * dependency `io.netty:netty-tcnative-boringssl-static` with its platform classifier, which must be on the class
     * path; not in a native image). The client's trust, pins, revocation checks and host-name check decide every full
     * handshake on either engine. For example `quarkus.rest-client.ssl-engine=openssl` puts every such client on
     * BoringSSL.
     */
    @WithDefault("jdk")
    String sslEngine();

    /**
     * The key-exchange groups every REST client on BoringSSL without `key-exchange-groups` of its own offers, in order
     * of preference, e.g. `X25519MLKEM768,X25519`: the hybrid post-quantum `X25519MLKEM768`, `X25519`, `P-256`
     * (`secp256r1`), `P-384`, `P-521`. BoringSSL's defaults when unset. Clients on the JDK engine are not affected.
     */
    Optional<List<String>> keyExchangeGroups();

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

        /**
         * Certificate revocation lists of this client: the same values as `quarkus.rest-client.verify-crl`, which it
         * overrides. For example `/certs/crl/`.
         */
        Optional<List<String>> verifyCrl();

        /**
         * How this client checks revocation: `off`, `stapled`, `soft-fail` or `hard-fail`, as described for
         * `quarkus.rest-client.verify-revocation`, which it overrides.
         */
        Optional<RevocationMode> verifyRevocation();

        /**
         * Public key pins of this client, e.g. `sha256/AAAA...=,sha256/BBBB...=`, as described for
         * `quarkus.rest-client.verify-pins`, which they replace. Not allowed with this client's `verify=false`.
         */
        Optional<List<String>> verifyPins();

        /**
         * Whether this client fetches an intermediate CA that a server leaves out of its chain, from the caIssuers URL
         * of the server's certificate; overrides `quarkus.rest-client.verify-fetch-intermediates`, which describes the
         * limits. For example `quarkus.rest-client.partner.verify-fetch-intermediates=true` for a partner whose server
         * sends only its own certificate.
         */
        Optional<Boolean> verifyFetchIntermediates();

        /**
         * Whether this client judges servers' certificate paths by the strict rules described for
         * `quarkus.rest-client.verify-strict`, which it overrides. For example
         * `quarkus.rest-client.payments.verify-strict=true`. Not allowed with this client's `verify=false`.
         */
        Optional<Boolean> verifyStrict();

        /**
         * The TLS engine of this client: `jdk` or `openssl` (BoringSSL), as described for
         * `quarkus.rest-client.ssl-engine`, which it overrides. For example
         * `quarkus.rest-client.payments.ssl-engine=openssl`. Not allowed on a client that keeps its own trust store or
         * TLS configuration.
         */
        Optional<String> sslEngine();

        /**
         * The key-exchange groups this client offers, in order of preference, as described for
         * `quarkus.rest-client.key-exchange-groups`, which they replace; e.g. `X25519MLKEM768` for a server that
         * accepts only the hybrid post-quantum group. Needs `ssl-engine=openssl`: the JDK's engine takes groups only
         * for the whole JVM.
         */
        Optional<List<String>> keyExchangeGroups();

        /**
         * A file to which this client appends the secrets of its TLS handshakes as NSS key-log lines (the
         * `SSLKEYLOGFILE` format), for Wireshark to decrypt its traffic. Dev and test mode only: a production start
         * with it set fails. Needs `ssl-engine=openssl`. The file is created readable by its owner only; an existing
         * one must be a regular file of the application's user, closed to group and others (not a link or a pipe).
         * Anyone who reads it can read the client's traffic, credentials included.
         */
        Optional<String> keyLogFile();
    }
}
