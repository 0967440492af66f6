package io.quarkiverse.restclient.verify.deployment.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.restclient.verify.SslVerificationException;
import io.quarkiverse.restclient.verify.deployment.Calls;
import io.quarkiverse.restclient.verify.deployment.Hello;
import io.quarkiverse.restclient.verify.deployment.Pki;
import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;
import io.quarkiverse.restclient.verify.testpki.Crls;
import io.quarkiverse.restclient.verify.testpki.IssuedCertificate;
import io.quarkiverse.restclient.verify.testpki.OcspResponder;
import io.quarkiverse.restclient.verify.testpki.Pem;
import io.quarkiverse.restclient.verify.testpki.ServerScenarios;
import io.quarkiverse.restclient.verify.testpki.TlsTestServer;
import io.quarkus.test.QuarkusUnitTest;

/**
 * A server whose intermediate was revoked puts a decoy before it: the intermediate's subject and public key signed by
 * a key of the attacker's own. Revocation is checked on the path PKIX validated, which runs through the real
 * intermediate: REVOKED with a CRL file, a stapled answer, soft-fail and hard-fail alike.
 */
class DecoyBeforeRevokedIntermediateCallTest {

    static final ServerScenarios PKI = ServerScenarios.shared("decoy");
    static final Path DIR = Pki.tempDir("decoy");
    static final Path CORP = Pki.bundle(DIR.resolve("corp.pem"), PKI.trustedRoot().certificate());
    static final Path CRL = Pem.write(DIR.resolve("root.crl"), Crls.pem(Crls.issue(PKI.trustedRoot(),
            PKI.trustedIntermediate().certificate())));

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Hello.class, Pki.class, Calls.class, WithCrl.class,
                    Stapled.class, SoftFail.class, HardFail.class))
            // The responders run on 127.0.0.1, which look-ups refuse unless allowed.
            .overrideConfigKey("quarkus.rest-client.verify-lookup-allow", "127.0.0.1")
            .overrideConfigKey("quarkus.rest-client.with-crl.verify", CORP.toString())
            .overrideConfigKey("quarkus.rest-client.with-crl.verify-crl", CRL.toString())
            .overrideConfigKey("quarkus.rest-client.stapled.verify", CORP.toString())
            .overrideConfigKey("quarkus.rest-client.stapled.verify-revocation", "stapled")
            .overrideConfigKey("quarkus.rest-client.soft-fail.verify", CORP.toString())
            .overrideConfigKey("quarkus.rest-client.soft-fail.verify-revocation", "soft-fail")
            .overrideConfigKey("quarkus.rest-client.hard-fail.verify", CORP.toString())
            .overrideConfigKey("quarkus.rest-client.hard-fail.verify-revocation", "hard-fail");

    // Made in the application's class loader only: the responders must hold the same state as the servers.
    static final List<AutoCloseable> RUNNING = new ArrayList<>();

    @AfterAll
    static void stopServers() throws Exception {
        for (AutoCloseable running : RUNNING) {
            running.close();
        }
    }

    @Test
    void theRevokedIntermediateIsFoundBehindTheDecoy() {
        CertificateAuthority attacker = CertificateAuthority.root("Attacker Self-Made");

        // The CRL file lists the shared intermediate.
        IssuedCertificate leaf = PKI.trustedIntermediate().server("decoy-crl.test", List.of("localhost"),
                List.of("127.0.0.1"));
        TlsTestServer crlServer = start(TlsTestServer.builder(leaf.privateKey(), List.of(leaf.certificate(),
                attacker.crossSign(PKI.trustedIntermediate()), PKI.trustedIntermediate().certificate())));
        assertRevoked(WithCrl.class, crlServer.uri(), PKI.trustedIntermediate().certificate());

        // The responders know a second intermediate as revoked.
        OcspResponder rootResponder = running(OcspResponder.start(PKI.trustedRoot()));
        CertificateAuthority intermediate = PKI.trustedRoot().withOcspResponder(rootResponder.uri())
                .intermediate("Decoyed Online Intermediate");
        rootResponder.revoke(intermediate.certificate());
        OcspResponder responder = running(OcspResponder.start(intermediate));
        IssuedCertificate onlineLeaf = intermediate.withOcspResponder(responder.uri()).server("decoy-online.test",
                List.of("localhost"), List.of("127.0.0.1"));
        X509Certificate decoy = attacker.crossSign(intermediate);
        TlsTestServer online = start(TlsTestServer.builder(onlineLeaf.privateKey(),
                List.of(onlineLeaf.certificate(), decoy, intermediate.certificate())));
        // TLS 1.2 staples for each certificate whose issuer follows it (status_request_v2), so the root is sent too.
        TlsTestServer stapling = start(TlsTestServer.builder(onlineLeaf.privateKey(), List.of(
                onlineLeaf.certificate(), decoy, intermediate.certificate(), PKI.trustedRoot().certificate()))
                .protocols("TLSv1.2").stapleOcsp());

        assertThat(assertRevoked(Stapled.class, stapling.uri(), intermediate.certificate()).getMessage())
                .contains("source: OCSP response stapled by the server");
        assertRevoked(SoftFail.class, online.uri(), intermediate.certificate());
        assertRevoked(HardFail.class, online.uri(), intermediate.certificate());
    }

    private static SslVerificationException assertRevoked(Class<? extends Hello> client, URI uri,
            X509Certificate intermediate) {
        Calls.Outcome outcome = Calls.call(client, uri);
        assertThat(outcome.failure()).as(client.getSimpleName() + ": " + outcome.detail())
                .isInstanceOf(SslVerificationException.class);
        SslVerificationException failure = (SslVerificationException) outcome.failure();
        assertThat(failure.reason()).as(client.getSimpleName()).isEqualTo(SslVerificationException.Reason.REVOKED);
        assertThat(failure.getMessage()).as(client.getSimpleName())
                .contains("[REVOKED]: the certificate '" + intermediate.getSubjectX500Principal().getName() + "'");
        return failure;
    }

    private static TlsTestServer start(TlsTestServer.Builder builder) {
        return running(builder.start());
    }

    private static <T extends AutoCloseable> T running(T started) {
        RUNNING.add(started);
        return started;
    }

    @RegisterRestClient(configKey = "with-crl")
    public interface WithCrl extends Hello {
    }

    @RegisterRestClient(configKey = "stapled")
    public interface Stapled extends Hello {
    }

    @RegisterRestClient(configKey = "soft-fail")
    public interface SoftFail extends Hello {
    }

    @RegisterRestClient(configKey = "hard-fail")
    public interface HardFail extends Hello {
    }
}
