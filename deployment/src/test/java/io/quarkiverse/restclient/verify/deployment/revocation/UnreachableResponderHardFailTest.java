package io.quarkiverse.restclient.verify.deployment.revocation;

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
import io.quarkiverse.restclient.verify.testpki.IssuedCertificate;
import io.quarkiverse.restclient.verify.testpki.OcspResponder;
import io.quarkiverse.restclient.verify.testpki.ServerScenarios;
import io.quarkiverse.restclient.verify.testpki.TlsTestServer;
import io.quarkus.test.QuarkusUnitTest;

/**
 * verify-revocation=hard-fail with the responder down: the call is refused with reason REVOCATION_UNKNOWN, naming the
 * certificate, the responder and the setting, and the hints offer a CRL file or soft-fail.
 */
class UnreachableResponderHardFailTest {

    static final ServerScenarios PKI = ServerScenarios.shared("hard-fail");
    static final Path CORP = Pki.bundle(Pki.tempDir("hard-fail").resolve("corp.pem"), PKI.trustedRoot().certificate());

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            // The responders and caIssuers servers of the tests listen on 127.0.0.1, which look-ups refuse by default.
            .overrideConfigKey("quarkus.rest-client.verify-lookup-allow", "127.0.0.1")
            .withApplicationRoot(jar -> jar.addClasses(Hello.class, Pki.class, Calls.class, Strict.class))
            .overrideConfigKey("quarkus.rest-client.strict.verify", CORP.toString())
            .overrideConfigKey("quarkus.rest-client.strict.verify-revocation", "hard-fail");

    static TlsTestServer server;

    @AfterAll
    static void stopServers() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theCallIsRefusedAndExplained() {
        OcspResponder responder = OcspResponder.start(PKI.trustedIntermediate());
        IssuedCertificate leaf = PKI.trustedIntermediate().withOcspResponder(responder.uri())
                .server("hard.test", List.of("localhost"), List.of("127.0.0.1"));
        responder.close();
        server = TlsTestServer.start(leaf);

        Calls.Outcome outcome = Calls.call(Strict.class, server.uri());

        assertThat(outcome.failure()).isInstanceOf(SslVerificationException.class);
        SslVerificationException failure = (SslVerificationException) outcome.failure();
        assertThat(failure.reason()).isEqualTo(SslVerificationException.Reason.REVOCATION_UNKNOWN);
        assertThat(failure.getMessage())
                .contains("[REVOCATION_UNKNOWN]: the revocation status of 'CN=hard.test,O=Verify Tests' could not be"
                        + " learnt (" + responder.uri() + ": ")
                .contains("and quarkus.rest-client.strict.verify-revocation=hard-fail refuses a certificate whose"
                        + " status is unknown")
                .contains("1. Make " + responder.uri() + " reachable from this application")
                .contains("quarkus.rest-client.strict.verify-crl=/path/to/ca.crl")
                .contains("2. Or accept calls when the responder is down:"
                        + " quarkus.rest-client.strict.verify-revocation=soft-fail");
    }

    @RegisterRestClient(configKey = "strict")
    public interface Strict extends Hello {
    }
}
