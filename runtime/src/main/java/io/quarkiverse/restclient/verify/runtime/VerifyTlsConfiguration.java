package io.quarkiverse.restclient.verify.runtime;

import java.util.Optional;
import java.util.function.UnaryOperator;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

import io.quarkiverse.restclient.verify.diagnosis.ClientCertificateRequests;
import io.quarkiverse.restclient.verify.diagnosis.RecordingKeyManager;
import io.quarkiverse.restclient.verify.trust.Reloadable;
import io.quarkiverse.restclient.verify.trust.anchors.TrustMaterial;
import io.quarkiverse.restclient.verify.trust.client.ClientCertificate;
import io.quarkiverse.restclient.verify.trust.revocation.RevocationPolicy;
import io.quarkus.tls.BaseTlsConfiguration;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.SSLOptions;
import io.vertx.core.net.TrustOptions;

/**
 * The TLS configuration handed to one REST client: its trust manager, the protocols a JDK client offers, and the
 * hostname check translated into the form the REST client reads on this path.
 */
final class VerifyTlsConfiguration extends BaseTlsConfiguration {

    private final String name;
    private final boolean insecure;
    private final boolean verifyHost;
    private final X509ExtendedTrustManager trustManager;
    private final RecordingKeyManager keyManager;
    private final TrustOptions trustOptions;
    private final KeyCertOptions keyCertOptions;
    private final SSLOptions sslOptions;

    VerifyTlsConfiguration(String name, Reloadable<TrustMaterial> material, boolean verifyHost, boolean alpn,
            ClientCertificateRequests requests, Optional<Reloadable<ClientCertificate>> certificate,
            RevocationPolicy revocation,
            UnaryOperator<X509ExtendedTrustManager> repair) {
        this.name = name;
        this.insecure = material.current().insecure();
        this.verifyHost = verifyHost && !insecure;
        // Built once: the REST client asks for these several times per client. The trust manager follows reloads.
        this.trustManager = ClientTlsStack.trustManager(material, revocation, repair);
        this.trustOptions = TrustOptions.wrap(trustManager);
        // Offers the client certificate if there is one, and records which CAs a server asks for.
        this.keyManager = ClientTlsStack.keyManager(certificate, requests);
        this.keyCertOptions = KeyCertOptions.wrap(keyManager);
        // The trust and key options are repeated here because a CertificateUpdatedEvent hands the client only these
        // options; without them the renewed SSL context would fall back to the JDK's default trust.
        this.sslOptions = new SSLOptions().setEnabledSecureTransportProtocols(ClientTlsStack.PROTOCOLS).setUseAlpn(alpn)
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
        // The client certificate too: a context with trust but without identity fails every mutual-TLS server.
        context.init(new KeyManager[] { keyManager }, new TrustManager[] { trustManager }, null);
        return context;
    }

    @Override
    public boolean reload() {
        return false;
    }
}
