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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.restclient.verify.testpki.IssuedCertificate;
import io.quarkiverse.restclient.verify.testpki.ServerCase;
import io.quarkiverse.restclient.verify.testpki.ServerScenarios;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.quarkus.test.QuarkusUnitTest;

/**
 * The global {@code quarkus.rest-client.verify} trusts only the unknown root; clients with their own trust-store,
 * key-store or tls-configuration-name, and clients whose builder sets a trust or key store, keep their own trust:
 * the good chain passes where their own trust says so, the unknown root fails where the global value would pass it.
 */
class GlobalVerifyLeavesOwnTlsSettingsTest {

    static final ServerScenarios PKI = ServerScenarios.shared("global-own-tls");
    static final Path DIR = Pki.tempDir("global-own-tls");
    static final Path OTHER = Pki.bundle(DIR.resolve("other.pem"), PKI.unknownRoot().certificate());
    static final Path ROOT_PEM = Pki.bundle(DIR.resolve("root.pem"), PKI.trustedRoot().certificate());
    static final Path ROOT_P12 = Pki.pkcs12(DIR.resolve("root.p12"), null, List.of(PKI.trustedRoot().certificate()));
    static final IssuedCertificate CLIENT = PKI.trustedRoot().client("own-keys");
    static final Path KEYS_P12 = Pki.pkcs12(DIR.resolve("keys.p12"), CLIENT, List.of());
    static final String GOOD = PKI.server(ServerCase.GOOD_CHAIN).uri().toString();
    static final String UNKNOWN = PKI.server(ServerCase.UNKNOWN_ROOT).uri().toString();

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Hello.class, Pki.class, Calls.class, OwnTrustStore.class,
                    OwnTlsConfiguration.class, OwnKeyStore.class, Built.class))
            .overrideConfigKey("quarkus.rest-client.verify", OTHER.toString())
            .overrideConfigKey("quarkus.rest-client.own-store.url", GOOD)
            .overrideConfigKey("quarkus.rest-client.own-store.trust-store", ROOT_P12.toString())
            .overrideConfigKey("quarkus.rest-client.own-store.trust-store-password", "changeit")
            .overrideConfigKey("quarkus.rest-client.own-store.trust-store-type", "PKCS12")
            .overrideConfigKey("quarkus.rest-client.own-tls.url", GOOD)
            .overrideConfigKey("quarkus.rest-client.own-tls.tls-configuration-name", "corp")
            .overrideConfigKey("quarkus.tls.corp.trust-store.pem.certs", ROOT_PEM.toString())
            .overrideConfigKey("quarkus.rest-client.own-keys.url", UNKNOWN)
            .overrideConfigKey("quarkus.rest-client.own-keys.key-store", KEYS_P12.toString())
            .overrideConfigKey("quarkus.rest-client.own-keys.key-store-password", "changeit")
            .overrideConfigKey("quarkus.rest-client.own-keys.key-store-type", "PKCS12");

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

    @AfterAll
    static void stopServers() {
        PKI.close();
    }

    @Test
    void premiseTheGlobalVerifyTrustsOnlyTheUnknownRoot() {
        assertThat(Calls.call(Built.class, PKI.server(ServerCase.UNKNOWN_ROOT).uri()).ok()).isTrue();
        assertThat(Calls.call(Built.class, PKI.server(ServerCase.GOOD_CHAIN).uri()).tlsFailure()).isTrue();
    }

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
        // Its trust is the JDK's, which does not hold the unknown root; the global value would.
        Calls.Outcome outcome = Calls.call(ownKeyStore);
        assertThat(outcome.tlsFailure()).as(outcome.detail()).isTrue();
    }

    @Test
    void aTrustStoreSetOnTheBuilderIsKept() throws Exception {
        Built toGood = QuarkusRestClientBuilder.newBuilder().baseUri(PKI.server(ServerCase.GOOD_CHAIN).uri())
                .trustStore(store(null, PKI.trustedRoot().certificate()), "changeit").build(Built.class);
        Calls.Outcome outcome = Calls.call(toGood);
        assertThat(outcome.ok()).as(outcome.detail()).isTrue();
    }

    @Test
    void aKeyStoreSetOnTheBuilderKeepsTheJdkTrust() throws Exception {
        Built toUnknown = QuarkusRestClientBuilder.newBuilder().baseUri(PKI.server(ServerCase.UNKNOWN_ROOT).uri())
                .keyStore(store(CLIENT, new X509Certificate[0]), "changeit").build(Built.class);
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
