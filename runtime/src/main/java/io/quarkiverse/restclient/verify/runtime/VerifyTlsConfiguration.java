package io.quarkiverse.restclient.verify.runtime;

import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

import io.quarkiverse.restclient.verify.diagnosis.DiagnosingTrustManager;
import io.quarkiverse.restclient.verify.diagnosis.EvidenceLog;
import io.quarkiverse.restclient.verify.diagnosis.RecordingKeyManager;
import io.quarkiverse.restclient.verify.trust.ClientCertificate;
import io.quarkiverse.restclient.verify.trust.Reloadable;
import io.quarkiverse.restclient.verify.trust.ReloadingTrustManager;
import io.quarkiverse.restclient.verify.trust.TrustMaterial;
import io.quarkus.tls.BaseTlsConfiguration;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.SSLOptions;
import io.vertx.core.net.TrustOptions;

/**
 * The TLS configuration handed to one REST client: its trust manager, the protocols a JDK client offers, and the
 * hostname check translated into the form the REST client reads on this path.
 */
final class VerifyTlsConfiguration extends BaseTlsConfiguration {

    /** What the JDK's HTTPS client offers; a TLS registry configuration would offer TLS 1.3 only. */
    static final Set<String> PROTOCOLS = Set.of("TLSv1.3", "TLSv1.2");

    private final String name;
    private final boolean insecure;
    private final boolean verifyHost;
    private final X509ExtendedTrustManager trustManager;
    private final TrustOptions trustOptions;
    private final KeyCertOptions keyCertOptions;
    private final SSLOptions sslOptions;

    VerifyTlsConfiguration(String name, Reloadable<TrustMaterial> material, boolean verifyHost, boolean alpn,
            EvidenceLog log, Optional<Reloadable<ClientCertificate>> certificate) {
        this(name, material, verifyHost, alpn, log, certificate, UnaryOperator.identity());
    }

    /**
     * @param layers wraps the trust manager that follows reloads in further decisions (e.g. fetching intermediates),
     *        inside the recording of evidence
     */
    VerifyTlsConfiguration(String name, Reloadable<TrustMaterial> material, boolean verifyHost, boolean alpn,
            EvidenceLog log, Optional<Reloadable<ClientCertificate>> certificate,
            UnaryOperator<X509ExtendedTrustManager> layers) {
        this.name = name;
        this.insecure = material.current().insecure();
        this.verifyHost = verifyHost && !insecure;
        // Built once: the REST client asks for these several times per client. The trust manager follows reloads.
        this.trustManager = insecure ? material.current().trustManager()
                : new DiagnosingTrustManager(layers.apply(new ReloadingTrustManager(material)), log);
        this.trustOptions = TrustOptions.wrap(trustManager);
        // Offers the client certificate if there is one, and records which CAs a server asks for.
        this.keyCertOptions = KeyCertOptions.wrap(new RecordingKeyManager(log, certificate.orElse(null)));
        // The trust and key options are repeated here because a CertificateUpdatedEvent hands the client only these
        // options; without them the renewed SSL context would fall back to the JDK's default trust.
        this.sslOptions = new SSLOptions().setEnabledSecureTransportProtocols(PROTOCOLS).setUseAlpn(alpn)
                .setTrustOptions(trustOptions).setKeyCertOptions(keyCertOptions);
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public KeyCertOptions getKeyStoreOptions() {
        return keyCertOptions;
    }

    @Override
    public TrustOptions getTrustStoreOptions() {
        return trustOptions;
    }

    @Override
    public SSLOptions getSSLOptions() {
        return sslOptions;
    }

    @Override
    public boolean isTrustAll() {
        return insecure;
    }

    @Override
    public Optional<String> getHostnameVerificationAlgorithm() {
        // On this path the REST client ignores its own verify-host; "NONE" is the only way to turn the check off.
        return verifyHost ? Optional.of("HTTPS") : Optional.of("NONE");
    }

    @Override
    public SSLContext createSSLContext() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] { trustManager }, null);
        return context;
    }

    @Override
    public boolean reload() {
        return false;
    }
}
