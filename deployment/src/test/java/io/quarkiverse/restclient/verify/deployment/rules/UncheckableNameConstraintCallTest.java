package io.quarkiverse.restclient.verify.deployment.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
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
import io.quarkiverse.restclient.verify.testpki.IssuedCertificate;
import io.quarkiverse.restclient.verify.testpki.NameConstraintsExtensions;
import io.quarkiverse.restclient.verify.testpki.ServerScenarios;
import io.quarkiverse.restclient.verify.testpki.TlsTestServer;
import io.quarkus.test.QuarkusUnitTest;

/**
 * Two CAs of the server's chain exclude otherName subtrees, which the JDK's path validation cannot merge (it throws
 * UnsupportedOperationException). The call is refused and explained with the chain and the cause, not left to a
 * bare protocol error.
 */
class UncheckableNameConstraintCallTest {

    static final ServerScenarios PKI = ServerScenarios.shared("othername");
    static final Path CORP = Pki.bundle(Pki.tempDir("othername").resolve("corp.pem"), PKI.trustedRoot().certificate());

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Hello.class, Pki.class, Calls.class, Constrained.class))
            .overrideConfigKey("quarkus.rest-client.constrained.verify", CORP.toString());

    static TlsTestServer server;

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theCallIsRefusedWithTheCauseNamed() {
        CertificateAuthority outer = PKI.trustedRoot()
                .withIssuedExtension(NameConstraintsExtensions.excludedOtherName("a@example.com"))
                .intermediate("OtherName Outer CA");
        CertificateAuthority inner = outer
                .withIssuedExtension(NameConstraintsExtensions.excludedOtherName("b@example.com"))
                .intermediate("OtherName Inner CA");
        IssuedCertificate leaf = inner.server("othername.test", List.of("localhost"), List.of("127.0.0.1"));
        server = TlsTestServer.start(leaf);

        Calls.Outcome outcome = Calls.call(Constrained.class, server.uri());

        assertThat(outcome.failure()).as(outcome.detail()).isInstanceOf(SslVerificationException.class);
        SslVerificationException failure = (SslVerificationException) outcome.failure();
        assertThat(failure.reason()).isEqualTo(SslVerificationException.Reason.OTHER);
        assertThat(failure.presentedChain()).hasSize(3);
        assertThat(failure.getMessage()).contains("REST client 'constrained'")
                .contains("name constraints")
                .contains("'CN=OtherName Inner CA,O=Verify Tests'")
                .contains("not supported for OtherName");
    }

    @RegisterRestClient(configKey = "constrained")
    public interface Constrained extends Hello {
    }
}
