package io.quarkiverse.restclient.verify.deployment.env;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;

import jakarta.inject.Inject;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.restclient.verify.deployment.Calls;
import io.quarkiverse.restclient.verify.deployment.Hello;
import io.quarkiverse.restclient.verify.testpki.IssuedCertificate;
import io.quarkiverse.restclient.verify.testpki.Pem;
import io.quarkiverse.restclient.verify.testpki.PkiFiles;
import io.quarkiverse.restclient.verify.testpki.ServerCase;
import io.quarkiverse.restclient.verify.testpki.ServerScenarios;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.quarkus.test.QuarkusUnitTest;

/**
 * Runs in the JVM of the trust-environment execution: REQUESTS_CA_BUNDLE names a bundle with only the unknown root.
 * Clients with their own trust-store, key-store or tls-configuration-name, and clients whose builder sets a trust or
 * key store, keep their own trust: the environment is a fallback for clients without any TLS setting.
 */
class EnvironmentLeavesOwnTlsSettingsTest {

    static final ServerScenarios PKI = ServerScenarios.shared("environment-own-tls");
    static final Path DIR = PkiFiles.sharedDirectory("environment-own-tls");
    static final Path REQUESTS = Pem.write(Path.of("target/env-trust/requests-ca.pem").toAbsolutePath(),
            Pem.certificates(PKI.unknownRoot().certificate()));
    static final Path ROOT_PEM = Pem.write(DIR.resolve("root.pem"), Pem.certificates(PKI.trustedRoot().certificate()));
    static final IssuedCertificate CLIENT = PKI.trustedRoot().client("own-keys");
    static final Path ROOT_P12 = p12(DIR.resolve("root.p12"), null, PKI.trustedRoot().certificate());
    static final Path KEYS_P12 = p12(DIR.resolve("keys.p12"), CLIENT);
    static final String GOOD = PKI.server(ServerCase.GOOD_CHAIN).uri().toString();
    static final String UNKNOWN = PKI.server(ServerCase.UNKNOWN_ROOT).uri().toString();

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Hello.class, Calls.class, OwnTrustStore.class,
                    OwnTlsConfiguration.class, OwnKeyStore.class, Built.class))
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
    void premiseTheEnvironmentTrustsOnlyTheUnknownRoot() {
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
        // Its trust is the JDK's, which does not hold the unknown root; the environment's bundle would.
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

    private static Path p12(Path file, IssuedCertificate key, X509Certificate... trusted) {
        try (OutputStream out = Files.newOutputStream(file)) {
            store(key, trusted).store(out, "changeit".toCharArray());
            return file;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
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
