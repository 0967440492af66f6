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
 * A server that sends only its leaf, whose caIssuers URL points at a port where nothing listens: the call fails as
 * INCOMPLETE_CHAIN, and the explanation names the URL and says it was unreachable.
 */
class UnreachableIssuerUrlTest {

    static final IncompleteChainScenarios PKI = IncompleteChainScenarios.shared("unreachable");

    @RegisterExtension
    static final QuarkusUnitTest APP = IncompleteChains.app(PKI, Case.UNREACHABLE);

    @Inject
    @RestClient
    PartnerClient partner;

    @AfterAll
    static void stopServers() {
        PKI.close();
    }

    @Test
    void theExplanationSaysTheUrlWasUnreachable() {
        SslVerificationException e = IncompleteChains.incompleteChain(partner);

        assertThat(e.getMessage()).contains(IncompleteChains.tried(PKI.caIssuers(Case.UNREACHABLE),
                "unreachable (connection refused)"));
    }
}
