package io.quarkiverse.restclient.verify.deployment.restclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.List;

import jakarta.inject.Inject;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.restclient.verify.SslVerificationException;
import io.quarkiverse.restclient.verify.SslVerificationException.Reason;
import io.quarkiverse.restclient.verify.deployment.Hello;
import io.quarkiverse.restclient.verify.deployment.Pki;
import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;
import io.quarkiverse.restclient.verify.testpki.IssuedCertificate;
import io.quarkiverse.restclient.verify.testpki.ServerCase;
import io.quarkiverse.restclient.verify.testpki.ServerScenarios;
import io.quarkiverse.restclient.verify.testpki.TlsTestServer;
import io.quarkus.test.QuarkusUnitTest;

/**
 * Clients that keep their own trust store and key store are left alone, and their failures still get the best
 * explanation the evidence allows: no recorded chain, but the reason, the setting in force and the fixes.
 */
class OwnTlsSettingsFailuresTest {

    static final ServerScenarios PKI = ServerScenarios.shared("own-tls-failures");
    static final Path DIR = Pki.tempDir("own-tls-failures");
    static final Path TRUSTS_UNKNOWN_ROOT = Pki.pkcs12(DIR.resolve("unknown-root.p12"), null,
            List.of(PKI.unknownRoot().certificate()));
    static final Path TRUSTS_ROOT = Pki.pkcs12(DIR.resolve("root.p12"), null, List.of(PKI.trustedRoot().certificate()));
    // A client certificate from a CA the mutual-TLS server does not accept.
    static final IssuedCertificate STRANGER = CertificateAuthority.root("Stranger CA").client("stranger");
    static final Path STRANGER_KEYS = Pki.pkcs12(DIR.resolve("stranger.p12"), STRANGER, List.of());
    static final IssuedCertificate GOOD = PKI.certificate(ServerCase.GOOD_CHAIN);
    static final TlsTestServer MUTUAL = TlsTestServer.builder(GOOD.privateKey(), GOOD.chain())
            .requireClientCertificate(List.of(PKI.trustedRoot().certificate())).start();

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Hello.class, Pki.class, WrongStore.class, Stranger.class))
            .overrideConfigKey("quarkus.rest-client.wrong-store.url", PKI.server(ServerCase.GOOD_CHAIN).uri().toString())
            .overrideConfigKey("quarkus.rest-client.wrong-store.trust-store", TRUSTS_UNKNOWN_ROOT.toString())
            .overrideConfigKey("quarkus.rest-client.wrong-store.trust-store-password", "changeit")
            .overrideConfigKey("quarkus.rest-client.wrong-store.trust-store-type", "PKCS12")
            .overrideConfigKey("quarkus.rest-client.stranger.url", MUTUAL.uri().toString())
            .overrideConfigKey("quarkus.rest-client.stranger.trust-store", TRUSTS_ROOT.toString())
            .overrideConfigKey("quarkus.rest-client.stranger.trust-store-password", "changeit")
            .overrideConfigKey("quarkus.rest-client.stranger.trust-store-type", "PKCS12")
            .overrideConfigKey("quarkus.rest-client.stranger.key-store", STRANGER_KEYS.toString())
            .overrideConfigKey("quarkus.rest-client.stranger.key-store-password", "changeit")
            .overrideConfigKey("quarkus.rest-client.stranger.key-store-type", "PKCS12");

    @Inject
    @RestClient
    WrongStore wrongStore;

    @Inject
    @RestClient
    Stranger stranger;

    @AfterAll
    static void stopServers() {
        PKI.close();
        MUTUAL.close();
    }

    @Test
    void anUntrustedServerIsExplainedWithTheClientsOwnSetting() {
        SslVerificationException e = catchThrowableOfType(SslVerificationException.class, wrongStore::hello);
        assertThat(e).isNotNull();
        assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_ISSUER);
        assertThat(e.trustDescription()).isEqualTo("its own TLS settings (quarkus.rest-client.wrong-store.trust-store)");
        assertThat(e.getMessage()).contains("not trusted by this client's trust")
                .contains("quarkus.rest-client.wrong-store.verify=default,/path/to/ca.pem")
                .doesNotContain("changeit");
    }

    @Test
    void aRejectedClientCertificateIsToldApartFromAMissingOne() {
        SslVerificationException e = catchThrowableOfType(SslVerificationException.class, stranger::hello);
        assertThat(e).isNotNull();
        assertThat(e.reason()).isEqualTo(Reason.CLIENT_CERTIFICATE_REJECTED);
        assertThat(e.getMessage()).contains("rejected the client certificate of this client")
                .contains("clientAuth").doesNotContain("changeit");
    }

    @RegisterRestClient(configKey = "wrong-store")
    public interface WrongStore extends Hello {
    }

    @RegisterRestClient(configKey = "stranger")
    public interface Stranger extends Hello {
    }
}
