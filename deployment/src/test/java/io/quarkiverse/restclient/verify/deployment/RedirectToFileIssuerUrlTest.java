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
 * A server that sends only its leaf, whose caIssuers URL redirects to file:///etc/passwd: the redirect is not
 * followed, the call fails as INCOMPLETE_CHAIN, and the explanation says why.
 */
class RedirectToFileIssuerUrlTest {

    static final IncompleteChainScenarios PKI = IncompleteChainScenarios.shared("redirect");

    @RegisterExtension
    static final QuarkusUnitTest APP = IncompleteChains.app(PKI, Case.REDIRECT_TO_FILE);

    @Inject
    @RestClient
    PartnerClient partner;

    @AfterAll
    static void stopServers() {
        PKI.close();
    }

    @Test
    void theRedirectToAnotherSchemeIsRefused() {
        SslVerificationException e = IncompleteChains.incompleteChain(partner);

        assertThat(e.getMessage()).contains(IncompleteChains.tried(PKI.caIssuers(Case.REDIRECT_TO_FILE),
                "redirected to file:///etc/passwd, which is not followed (a redirect may not change the scheme)"));
        assertThat(PKI.fetches(IncompleteChainScenarios.REDIRECT)).isEqualTo(1);
    }
}
