package io.quarkiverse.restclient.verify.deployment.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.logging.Level;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.restclient.verify.SslVerificationException;
import io.quarkiverse.restclient.verify.deployment.Calls;
import io.quarkiverse.restclient.verify.deployment.Hello;
import io.quarkiverse.restclient.verify.deployment.LogLines;
import io.quarkiverse.restclient.verify.deployment.Pki;
import io.quarkiverse.restclient.verify.testpki.Crls;
import io.quarkiverse.restclient.verify.testpki.Pem;
import io.quarkiverse.restclient.verify.testpki.ServerCase;
import io.quarkiverse.restclient.verify.testpki.ServerScenarios;
import io.quarkus.test.QuarkusUnitTest;

/**
 * A server whose certificate a CRL file of the client lists is refused with reason REVOKED: which certificate, when,
 * why, from which file and property, and what to do. The start-up line names the mode and the CRL file.
 */
class RevokedServerCertificateTest {

    static final ServerScenarios PKI = ServerScenarios.shared("revoked");
    static final Path DIR = Pki.tempDir("revoked");
    static final Path CORP = Pki.bundle(DIR.resolve("corp.pem"), PKI.trustedRoot().certificate());
    static final Path CRL = Pem.write(DIR.resolve("intermediate.crl"), Crls.pem(Crls.issue(PKI.trustedIntermediate(),
            PKI.certificate(ServerCase.GOOD_CHAIN).certificate())));

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            // The responders and caIssuers servers of the tests listen on 127.0.0.1, which look-ups refuse by default.
            .overrideConfigKey("quarkus.rest-client.verify-lookup-allow", "127.0.0.1")
            .withApplicationRoot(jar -> jar.addClasses(Hello.class, Pki.class, Calls.class, LogLines.class,
                    Revoking.class))
            .overrideConfigKey("quarkus.rest-client.revoking.verify", CORP.toString())
            .overrideConfigKey("quarkus.rest-client.revoking.verify-crl", CRL.toString())
            .overrideConfigKey("quarkus.rest-client.revoking.verify-revocation", "stapled")
            .setLogRecordPredicate(LogLines::ours)
            .assertLogRecords(records -> assertThat(LogLines.at(Level.INFO, records)).contains(
                    "REST client 'revoking' trusts file " + CORP + " (1 CA certificate)"
                            + " [quarkus.rest-client.revoking.verify]; revocation stapled and checked against CRL file " + CRL
                            + " (1 CRL)"));

    @AfterAll
    static void stopServers() {
        PKI.close();
    }

    @Test
    void theCallIsRefusedAndExplained() {
        Calls.Outcome outcome = Calls.call(Revoking.class, PKI.server(ServerCase.GOOD_CHAIN).uri());

        assertThat(outcome.failure()).isInstanceOf(SslVerificationException.class);
        SslVerificationException failure = (SslVerificationException) outcome.failure();
        assertThat(failure.reason()).isEqualTo(SslVerificationException.Reason.REVOKED);
        String serial = PKI.certificate(ServerCase.GOOD_CHAIN).certificate().getSerialNumber().toString(16);
        assertThat(failure.getMessage())
                .contains("[REVOKED]: the certificate '"
                        + PKI.certificate(ServerCase.GOOD_CHAIN).certificate().getSubjectX500Principal().getName()
                        + "' (serial " + serial + ") was revoked by its issuer on ")
                .contains(", reason: key compromise; source: CRL file " + CRL
                        + " (quarkus.rest-client.revoking.verify-crl)")
                .contains("1. The server must get a new certificate")
                .contains("replace the file with the CA's current CRL");
    }

    @RegisterRestClient(configKey = "revoking")
    public interface Revoking extends Hello {
    }
}
