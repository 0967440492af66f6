package io.quarkiverse.restclient.verify.deployment.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import jakarta.inject.Inject;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.restclient.verify.deployment.IncompleteChains;
import io.quarkiverse.restclient.verify.deployment.LogLines;
import io.quarkiverse.restclient.verify.deployment.PartnerClient;
import io.quarkiverse.restclient.verify.runtime.VerifyRuntime;
import io.quarkiverse.restclient.verify.runtime.devui.RestClientVerifyJsonRpcService;
import io.quarkiverse.restclient.verify.testpki.IncompleteChainScenarios;
import io.quarkiverse.restclient.verify.testpki.IncompleteChainScenarios.Case;
import io.quarkus.arc.Arc;
import io.quarkus.test.QuarkusUnitTest;

/**
 * A server that sends only its leaf, whose intermediate is served (DER) at the leaf's caIssuers URL: with
 * verify-fetch-intermediates the calls succeed, the intermediate is fetched once for many calls, one INFO line names
 * the server, the omitted intermediate and the URL, and the Dev UI lists the server as repaired.
 */
class MissingIntermediateRepairedTest {

    static final IncompleteChainScenarios PKI = IncompleteChainScenarios.shared("repaired");

    @RegisterExtension
    static final QuarkusUnitTest APP = IncompleteChains.app(PKI, Case.DER)
            .setLogRecordPredicate(LogLines::ours)
            .assertLogRecords(records -> assertThat(LogLines.at(Level.INFO, records))
                    .filteredOn(line -> line.contains("omits"))
                    .containsExactly("server 127.0.0.1:" + PKI.server(Case.DER).port() + " omits its intermediate"
                            + " 'CN=Omitted Intermediate CA,O=Verify Tests'; fetched from http://127.0.0.1:"
                            + PKI.issuersPort() + "/intermediate.cer; the server should send it (REST client"
                            + " 'partner', " + IncompleteChains.FETCH_KEY + ")"));

    @Inject
    @RestClient
    PartnerClient partner;

    @AfterAll
    static void stopServers() {
        PKI.close();
    }

    @Test
    void manyCallsCostOneFetch() {
        for (int i = 0; i < 5; i++) {
            assertThat(partner.hello()).isEqualTo("hello from CN=der.test,O=Verify Tests");
        }
        assertThat(PKI.fetches(IncompleteChainScenarios.INTERMEDIATE_DER)).isEqualTo(1);

        Map<String, Object> client = new RestClientVerifyJsonRpcService(Arc.container().instance(VerifyRuntime.class).get())
                .getClients().stream()
                .filter(c -> c.get("name").equals("partner")).findFirst().orElseThrow();
        assertThat(client.get("fetchIntermediates")).isEqualTo(true);
        assertThat((List<?>) client.get("repairedServers")).singleElement().asString()
                .contains("omits its intermediate 'CN=Omitted Intermediate CA,O=Verify Tests'")
                .contains("fetched from http://127.0.0.1:" + PKI.issuersPort() + "/intermediate.cer");
    }
}
