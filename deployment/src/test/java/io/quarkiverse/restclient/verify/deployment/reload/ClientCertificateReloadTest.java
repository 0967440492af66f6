package io.quarkiverse.restclient.verify.deployment.reload;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.restclient.verify.SslVerificationException;
import io.quarkiverse.restclient.verify.deployment.Calls;
import io.quarkiverse.restclient.verify.deployment.Hello;
import io.quarkiverse.restclient.verify.deployment.Pki;
import io.quarkiverse.restclient.verify.deployment.ReloadEvents;
import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;
import io.quarkiverse.restclient.verify.testpki.IssuedCertificate;
import io.quarkiverse.restclient.verify.testpki.MountedDirectory;
import io.quarkiverse.restclient.verify.testpki.Pem;
import io.quarkiverse.restclient.verify.testpki.ServerCase;
import io.quarkiverse.restclient.verify.testpki.ServerScenarios;
import io.quarkiverse.restclient.verify.testpki.TlsTestServer;
import io.quarkus.test.QuarkusUnitTest;

/**
 * A client certificate mounted like a Kubernetes TLS secret ({@code tls.crt}, {@code tls.key}) is rotated: a
 * certificate the server accepts replaces one it rejects, and a later pair whose key does not match keeps the good one.
 */
class ClientCertificateReloadTest {

    static final ServerScenarios PKI = ServerScenarios.shared("cert-reload");
    static final IssuedCertificate STRANGER = CertificateAuthority.root("Stranger CA").client("stranger");
    static final MountedDirectory SECRET = MountedDirectory.create(Pki.tempDir("cert-reload").resolve("tls"),
            Map.of("tls.crt", Pem.certificates(STRANGER.chain()), "tls.key", Pem.privateKey(STRANGER.privateKey())));

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Hello.class, Pki.class, Calls.class, ReloadEvents.class,
                    Payments.class))
            .overrideConfigKey("quarkus.rest-client.payments.verify",
                    Pki.bundle(Pki.tempDir("cert-reload").resolve("ca.pem"), PKI.trustedRoot().certificate())
                            .toString())
            .overrideConfigKey("quarkus.rest-client.payments.cert", SECRET.file("tls.crt").toString())
            .overrideConfigKey("quarkus.rest-client.payments.cert-key", SECRET.file("tls.key").toString())
            .overrideConfigKey("quarkus.rest-client.verify-reload-period", "100ms");

    @AfterAll
    static void stopServers() {
        PKI.close();
    }

    @Test
    @DisabledIfSystemProperty(named = "quarkus.rest-client.ssl-engine", matches = "openssl", disabledReason = "BoringSSL:"
            + " the server's alert arrives only as the text of an IOException ('...OpenSslException: ...:SSLV3_ALERT_BAD_"
            + "CERTIFICATE'), which HandshakeDiagnosis.explain does not take for a TLS failure; reported for issue 28")
    void rotatedClientCertificateIsPresented() {
        IssuedCertificate server = PKI.certificate(ServerCase.GOOD_CHAIN);
        try (TlsTestServer mutual = TlsTestServer.builder(server.privateKey(), server.chain())
                .requireClientCertificate(List.of(PKI.trustedRoot().certificate())).start()) {
            Calls.Outcome rejected = Calls.call(Payments.class, mutual.uri());
            assertThat(rejected.failure()).as(rejected.detail()).isInstanceOf(SslVerificationException.class);
            assertThat(((SslVerificationException) rejected.failure()).reason())
                    .isEqualTo(SslVerificationException.Reason.CLIENT_CERTIFICATE_REJECTED);

            IssuedCertificate good = PKI.trustedIntermediate().client("payments-client");
            SECRET.update(Map.of("tls.crt", Pem.certificates(good.chain()), "tls.key",
                    Pem.privateKey(good.privateKey())));
            assertThat(ReloadEvents.reloaded("payments", 1).property())
                    .isEqualTo("quarkus.rest-client.payments.cert");
            Calls.Outcome accepted = Calls.call(Payments.class, mutual.uri());
            assertThat(accepted.ok()).as(accepted.detail()).isTrue();

            // A half-finished rotation: the new certificate is there, its key is not.
            IssuedCertificate next = PKI.trustedIntermediate().client("payments-client-2");
            SECRET.update(Map.of("tls.crt", Pem.certificates(next.chain()), "tls.key",
                    Pem.privateKey(good.privateKey())));
            assertThat(ReloadEvents.failed("payments", 1).reason())
                    .contains("does not belong to the certificate 'CN=payments-client-2");
            Calls.Outcome stillAccepted = Calls.call(Payments.class, mutual.uri());
            assertThat(stillAccepted.ok()).as(stillAccepted.detail()).isTrue();
        }
    }

    @RegisterRestClient(configKey = "payments")
    public interface Payments extends Hello {
    }
}
