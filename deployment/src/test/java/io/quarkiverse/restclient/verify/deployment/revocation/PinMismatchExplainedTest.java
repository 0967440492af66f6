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
import io.quarkiverse.restclient.verify.testpki.ServerCase;
import io.quarkiverse.restclient.verify.testpki.ServerScenarios;
import io.quarkiverse.restclient.verify.trust.revocation.SpkiPins;
import io.quarkus.test.QuarkusUnitTest;

/**
 * Pins through the REST client: a pin of the trusted root passes; a chain without a pinned key fails with reason
 * PIN_MISMATCH, listing each certificate of the validated path with its pin; a single pin is warned about.
 */
class PinMismatchExplainedTest {

    static final ServerScenarios PKI = ServerScenarios.shared("pins");
    static final Path CORP = Pki.bundle(Pki.tempDir("pins").resolve("corp.pem"), PKI.trustedRoot().certificate());
    static final String ROOT_PIN = SpkiPins.pinOf(PKI.trustedRoot().certificate());
    static final String OTHER_PIN = SpkiPins.pinOf(PKI.unknownRoot().certificate());

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Hello.class, Pki.class, Calls.class, LogLines.class,
                    PinnedToRoot.class, PinnedElsewhere.class))
            .overrideConfigKey("quarkus.rest-client.verify", CORP.toString())
            .overrideConfigKey("quarkus.rest-client.root-pinned.verify-pins", ROOT_PIN + "," + OTHER_PIN)
            .overrideConfigKey("quarkus.rest-client.elsewhere.verify-pins", OTHER_PIN)
            .setLogRecordPredicate(LogLines::ours)
            .assertLogRecords(records -> assertThat(LogLines.at(Level.WARNING, records)).containsExactly(
                    "REST client 'elsewhere' [quarkus.rest-client.elsewhere.verify-pins]: a single pin locks the"
                            + " client out when the server changes its key. Fix: add a backup pin, e.g. of the CA's"
                            + " key or of the server's next key"));

    @AfterAll
    static void stopServers() {
        PKI.close();
    }

    @Test
    void aPinOfTheTrustedRootPasses() {
        Calls.Outcome outcome = Calls.call(PinnedToRoot.class, PKI.server(ServerCase.GOOD_CHAIN).uri());
        assertThat(outcome.ok()).as(outcome.detail()).isTrue();
    }

    @Test
    void aChainWithoutPinnedKeyIsRefusedWithThePathsPins() {
        Calls.Outcome outcome = Calls.call(PinnedElsewhere.class, PKI.server(ServerCase.GOOD_CHAIN).uri());

        assertThat(outcome.failure()).isInstanceOf(SslVerificationException.class);
        SslVerificationException failure = (SslVerificationException) outcome.failure();
        assertThat(failure.reason()).isEqualTo(SslVerificationException.Reason.PIN_MISMATCH);
        String leafPin = SpkiPins.pinOf(PKI.certificate(ServerCase.GOOD_CHAIN).certificate());
        assertThat(failure.getMessage())
                .contains("[PIN_MISMATCH]: the server's chain is trusted, but no certificate of the validated path"
                        + " has a public key pinned by quarkus.rest-client.elsewhere.verify-pins (" + OTHER_PIN + ")")
                .contains("\n    " + leafPin + "  "
                        + PKI.certificate(ServerCase.GOOD_CHAIN).certificate().getSubjectX500Principal().getName())
                .contains("\n    " + SpkiPins.pinOf(PKI.trustedIntermediate().certificate()) + "  ")
                .contains("\n    " + ROOT_PIN + "  ")
                .contains("pin the new key: quarkus.rest-client.elsewhere.verify-pins=" + leafPin + "," + OTHER_PIN)
                .contains("do not remove the pins");
        assertThat(failure.hints()).hasSize(3);
    }

    @RegisterRestClient(configKey = "root-pinned")
    public interface PinnedToRoot extends Hello {
    }

    @RegisterRestClient(configKey = "elsewhere")
    public interface PinnedElsewhere extends Hello {
    }
}
