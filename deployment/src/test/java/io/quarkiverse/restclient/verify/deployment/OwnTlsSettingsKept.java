package io.quarkiverse.restclient.verify.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;

import jakarta.inject.Inject;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.junit.jupiter.api.Test;

import io.quarkiverse.restclient.verify.testpki.IssuedCertificate;
import io.quarkiverse.restclient.verify.testpki.ServerCase;
import io.quarkiverse.restclient.verify.testpki.ServerScenarios;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.quarkus.test.QuarkusUnitTest;

/**
 * While a fallback trust (the global {@code verify}, or the environment) trusts only the unknown root, clients with
 * their own trust-store, key-store or tls-configuration-name, and clients whose builder sets a trust or key store,
 * keep their own trust: the good chain passes where their own trust says so, the unknown root fails where the
 * fallback would pass it. Each subclass sets its fallback up and proves it holds (its premise test).
 */
public abstract class OwnTlsSettingsKept {

    /** The trust files of the clients with TLS settings of their own, in a directory of the subclass's. */
    public record OwnTlsFiles(Path rootPem, Path rootP12, Path keysP12, IssuedCertificate client) {

        public static OwnTlsFiles in(Path dir, ServerScenarios pki) {
            IssuedCertificate client = pki.trustedRoot().client("own-keys");
            return new OwnTlsFiles(Pki.bundle(dir.resolve("root.pem"), pki.trustedRoot().certificate()),
                    Pki.pkcs12(dir.resolve("root.p12"), null, List.of(pki.trustedRoot().certificate())),
                    Pki.pkcs12(dir.resolve("keys.p12"), client, List.of()), client);
        }
    }

    /** An application with the three clients that keep their own TLS settings; the subclass adds the fallback. */
    public static QuarkusUnitTest app(Class<? extends OwnTlsSettingsKept> test, ServerScenarios pki,
            OwnTlsFiles files) {
        String good = pki.server(ServerCase.GOOD_CHAIN).uri().toString();
        return new QuarkusUnitTest()
                .withApplicationRoot(jar -> jar.addClasses(test, OwnTlsSettingsKept.class, OwnTlsFiles.class,
                        Hello.class, Pki.class, Calls.class, OwnTrustStore.class, OwnTlsConfiguration.class,
                        OwnKeyStore.class, Built.class))
                .overrideConfigKey("quarkus.rest-client.own-store.url", good)
                .overrideConfigKey("quarkus.rest-client.own-store.trust-store", files.rootP12().toString())
                .overrideConfigKey("quarkus.rest-client.own-store.trust-store-password", "changeit")
                .overrideConfigKey("quarkus.rest-client.own-store.trust-store-type", "PKCS12")
                .overrideConfigKey("quarkus.rest-client.own-tls.url", good)
                .overrideConfigKey("quarkus.rest-client.own-tls.tls-configuration-name", "corp")
                .overrideConfigKey("quarkus.tls.corp.trust-store.pem.certs", files.rootPem().toString())
                .overrideConfigKey("quarkus.rest-client.own-keys.url",
                        pki.server(ServerCase.UNKNOWN_ROOT).uri().toString())
                .overrideConfigKey("quarkus.rest-client.own-keys.key-store", files.keysP12().toString())
                .overrideConfigKey("quarkus.rest-client.own-keys.key-store-password", "changeit")
                .overrideConfigKey("quarkus.rest-client.own-keys.key-store-type", "PKCS12");
    }

    // Injected clients: only the CDI route applies the REST client's trust-store, key-store and tls-configuration-name.
    @Inject
    @RestClient
    OwnTrustStore ownTrustStore;

    @Inject
    @RestClient
    OwnTlsConfiguration ownTlsConfiguration;

    @Inject
    @RestClient
    OwnKeyStore ownKeyStore;

    /** The servers of the subclass. */
    protected abstract ServerScenarios pki();

    /** The client certificate of the key stores. */
    protected abstract IssuedCertificate clientKey();

    @Test
    void aConfiguredTrustStoreIsKept() {
        Calls.Outcome outcome = Calls.call(ownTrustStore);
        assertThat(outcome.ok()).as(outcome.detail()).isTrue();
    }

    @Test
    void aConfiguredTlsConfigurationIsKept() {
        Calls.Outcome outcome = Calls.call(ownTlsConfiguration);
        assertThat(outcome.ok()).as(outcome.detail()).isTrue();
    }

    @Test
    void aConfiguredKeyStoreKeepsTheJdkTrust() {
        // Its trust is the JDK's, which does not hold the unknown root; the fallback would.
        Calls.Outcome outcome = Calls.call(ownKeyStore);
        assertThat(outcome.tlsFailure()).as(outcome.detail()).isTrue();
    }

    @Test
    void aTrustStoreSetOnTheBuilderIsKept() throws Exception {
        Built toGood = QuarkusRestClientBuilder.newBuilder().baseUri(pki().server(ServerCase.GOOD_CHAIN).uri())
                .trustStore(store(null, pki().trustedRoot().certificate()), "changeit").build(Built.class);
        Calls.Outcome outcome = Calls.call(toGood);
        assertThat(outcome.ok()).as(outcome.detail()).isTrue();
    }

    @Test
    void aKeyStoreSetOnTheBuilderKeepsTheJdkTrust() throws Exception {
        Built toUnknown = QuarkusRestClientBuilder.newBuilder().baseUri(pki().server(ServerCase.UNKNOWN_ROOT).uri())
                .keyStore(store(clientKey(), new X509Certificate[0]), "changeit").build(Built.class);
        Calls.Outcome outcome = Calls.call(toUnknown);
        assertThat(outcome.tlsFailure()).as(outcome.detail()).isTrue();
    }

    private static KeyStore store(IssuedCertificate key, X509Certificate... trusted)
            throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        if (key != null) {
            store.setKeyEntry("client", key.privateKey(), "changeit".toCharArray(),
                    key.chain().toArray(new X509Certificate[0]));
        }
        for (int i = 0; i < trusted.length; i++) {
            store.setCertificateEntry("ca-" + i, trusted[i]);
        }
        return store;
    }

    @RegisterRestClient(configKey = "own-store")
    public interface OwnTrustStore extends Hello {
    }

    @RegisterRestClient(configKey = "own-tls")
    public interface OwnTlsConfiguration extends Hello {
    }

    @RegisterRestClient(configKey = "own-keys")
    public interface OwnKeyStore extends Hello {
    }

    @RegisterRestClient(configKey = "built")
    public interface Built extends Hello {
    }
}
