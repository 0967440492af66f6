package io.quarkiverse.restclient.verify.deployment.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.restclient.verify.SslVerificationException;
import io.quarkiverse.restclient.verify.deployment.Calls;
import io.quarkiverse.restclient.verify.deployment.Hello;
import io.quarkiverse.restclient.verify.deployment.Pki;
import io.quarkiverse.restclient.verify.testpki.IssuedCertificate;
import io.quarkiverse.restclient.verify.testpki.OcspResponder;
import io.quarkiverse.restclient.verify.testpki.ServerScenarios;
import io.quarkiverse.restclient.verify.testpki.TlsTestServer;
import io.quarkus.test.QuarkusUnitTest;

/**
 * verify-revocation=stapled through the REST client (Vert.x, SSLEngine): a server that staples a good answer is
 * called, one that staples a revoked answer is refused with reason REVOKED and "stapled by the server".
 */
class StapledRevocationTest {

    static final ServerScenarios PKI = ServerScenarios.shared("stapled");
    static final Path CORP = Pki.bundle(Pki.tempDir("stapled").resolve("corp.pem"), PKI.trustedRoot().certificate());

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            // The responders and caIssuers servers of the tests listen on 127.0.0.1, which look-ups refuse by default.
            .overrideConfigKey("quarkus.rest-client.verify-lookup-allow", "127.0.0.1")
            .withApplicationRoot(jar -> jar.addClasses(Hello.class, Pki.class, Calls.class, Stapled.class))
            .overrideConfigKey("quarkus.rest-client.stapled.verify", CORP.toString())
            .overrideConfigKey("quarkus.rest-client.stapled.verify-revocation", "stapled");

    // Made in the application's class loader only: the responder must hold the same state as the servers it serves.
    static OcspResponder responder;
    static TlsTestServer good;
    static TlsTestServer revoked;

    @AfterAll
    static void stopServers() {
        TlsTestServer.closeAll(Arrays.asList(good, revoked));
        if (responder != null) {
            responder.close();
        }
    }

    @Test
    void theStapledAnswerDecides() {
        responder = OcspResponder.start(PKI.trustedIntermediate());
        IssuedCertificate goodLeaf = PKI.trustedIntermediate().withOcspResponder(responder.uri())
                .server("good.stapled.test", List.of("localhost"), List.of("127.0.0.1"));
        IssuedCertificate revokedLeaf = PKI.trustedIntermediate().withOcspResponder(responder.uri())
                .server("revoked.stapled.test", List.of("localhost"), List.of("127.0.0.1"));
        responder.revoke(revokedLeaf.certificate());
        good = TlsTestServer.builder(goodLeaf).stapleOcsp().start();
        revoked = TlsTestServer.builder(revokedLeaf).stapleOcsp().start();

        Calls.Outcome ok = Calls.call(Stapled.class, good.uri());
        assertThat(ok.ok()).as(ok.detail()).isTrue();

        Calls.Outcome refused = Calls.call(Stapled.class, revoked.uri());
        assertThat(refused.failure()).isInstanceOf(SslVerificationException.class);
        SslVerificationException failure = (SslVerificationException) refused.failure();
        assertThat(failure.reason()).isEqualTo(SslVerificationException.Reason.REVOKED);
        assertThat(failure.getMessage()).contains("[REVOKED]: the certificate 'CN=revoked.stapled.test,O=Verify Tests'")
                .contains("reason: key compromise; source: OCSP response stapled by the server")
                .doesNotContain("replace the file");
    }

    @RegisterRestClient(configKey = "stapled")
    public interface Stapled extends Hello {
    }
}
