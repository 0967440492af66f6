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
 * A server that sends only its leaf, whose caIssuers URL answers with 1 MiB: the client refuses more than 64 KiB,
 * the call fails as INCOMPLETE_CHAIN, and the explanation says the answer was too large.
 */
class OversizedIssuerResponseTest {

    static final IncompleteChainScenarios PKI = IncompleteChainScenarios.shared("oversized");

    @RegisterExtension
    static final QuarkusUnitTest APP = IncompleteChains.app(PKI, Case.OVERSIZED);

    @Inject
    @RestClient
    PartnerClient partner;

    @AfterAll
    static void stopServers() {
        PKI.close();
    }

    @Test
    void theExplanationSaysTheAnswerWasTooLarge() {
        SslVerificationException e = IncompleteChains.incompleteChain(partner);

        assertThat(e.getMessage()).contains(IncompleteChains.tried(PKI.caIssuers(Case.OVERSIZED),
                "too large (more than 65536 bytes)"));
        assertThat(PKI.fetches(IncompleteChainScenarios.OVERSIZED)).isEqualTo(1);
    }
}
