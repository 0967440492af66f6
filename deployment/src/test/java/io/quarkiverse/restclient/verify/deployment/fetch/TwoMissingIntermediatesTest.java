package io.quarkiverse.restclient.verify.deployment.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.Level;

import jakarta.inject.Inject;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.restclient.verify.deployment.IncompleteChains;
import io.quarkiverse.restclient.verify.deployment.LogLines;
import io.quarkiverse.restclient.verify.deployment.PartnerClient;
import io.quarkiverse.restclient.verify.testpki.IncompleteChainScenarios;
import io.quarkiverse.restclient.verify.testpki.IncompleteChainScenarios.Case;
import io.quarkus.test.QuarkusUnitTest;

/**
 * A server that sends only its leaf, two intermediates away from the trusted root: the client fetches the lower
 * intermediate from the leaf's caIssuers URL, then the upper one from the lower's, and the call succeeds; the INFO
 * line names both.
 */
class TwoMissingIntermediatesTest {

    static final IncompleteChainScenarios PKI = IncompleteChainScenarios.shared("two-levels");

    @RegisterExtension
    static final QuarkusUnitTest APP = IncompleteChains.app(PKI, Case.TWO_LEVELS)
            .setLogRecordPredicate(LogLines::ours)
            .assertLogRecords(records -> assertThat(LogLines.at(Level.INFO, records))
                    .filteredOn(line -> line.contains("omits"))
                    .containsExactly("server 127.0.0.1:" + PKI.server(Case.TWO_LEVELS).port() + " omits its"
                            + " intermediates 'CN=Lower Omitted CA,O=Verify Tests', 'CN=Upper Omitted CA,O=Verify"
                            + " Tests'; fetched from http://127.0.0.1:" + PKI.issuersPort() + "/lower.cer,"
                            + " http://127.0.0.1:" + PKI.issuersPort() + "/upper.cer; the server should send them"
                            + " (REST client 'partner', " + IncompleteChains.FETCH_KEY + ")"));

    @Inject
    @RestClient
    PartnerClient partner;

    @AfterAll
    static void stopServers() {
        PKI.close();
    }

    @Test
    void bothLevelsAreFetchedOnce() {
        assertThat(partner.hello()).isEqualTo("hello from CN=two-levels.test,O=Verify Tests");
        assertThat(partner.hello()).isEqualTo("hello from CN=two-levels.test,O=Verify Tests");

        assertThat(PKI.fetches(IncompleteChainScenarios.LOWER)).isEqualTo(1);
        assertThat(PKI.fetches(IncompleteChainScenarios.UPPER)).isEqualTo(1);
    }
}
