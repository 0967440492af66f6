package io.quarkiverse.restclient.verify.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.restclient.verify.SslVerificationException;
import io.quarkiverse.restclient.verify.testpki.IncompleteChainScenarios;
import io.quarkiverse.restclient.verify.testpki.IncompleteChainScenarios.Case;
import io.quarkus.test.QuarkusUnitTest;

/**
 * A server that sends only its leaf, whose caIssuers URL serves a CA certificate that did not issue the leaf: it is
 * not offered to the trust manager, the call fails as INCOMPLETE_CHAIN, and the explanation says the fetched
 * certificate does not issue the server's.
 */
class UnrelatedCertificateAtIssuerUrlTest {

    static final IncompleteChainScenarios PKI = IncompleteChainScenarios.shared("unrelated");

    @RegisterExtension
    static final QuarkusUnitTest APP = IncompleteChains.app(PKI, Case.UNRELATED);

    @Inject
    @RestClient
    PartnerClient partner;

    @AfterAll
    static void stopServers() {
        PKI.close();
    }

    @Test
    void theExplanationSaysTheFetchedCertificateIsNotTheIssuer() {
        SslVerificationException e = IncompleteChains.incompleteChain(partner);

        assertThat(e.getMessage()).contains(IncompleteChains.tried(PKI.caIssuers(Case.UNRELATED),
                "the fetched certificate 'CN=Unrelated CA,O=Verify Tests' does not issue"
                        + " 'CN=unrelated.test,O=Verify Tests'"));
        assertThat(PKI.fetches(IncompleteChainScenarios.UNRELATED)).isEqualTo(1);
    }
}
