package io.quarkiverse.restclient.verify.deployment.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.restclient.verify.SslVerificationException;
import io.quarkiverse.restclient.verify.deployment.IncompleteChains;
import io.quarkiverse.restclient.verify.deployment.PartnerClient;
import io.quarkiverse.restclient.verify.testpki.IncompleteChainScenarios;
import io.quarkiverse.restclient.verify.testpki.IncompleteChainScenarios.Case;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.quarkus.test.QuarkusUnitTest;

/**
 * Servers that send only their leaf, whose caIssuers URL cannot complete the chain: an ldap: URL, a port where nothing
 * listens, a 1 MiB answer, a redirect to file:///etc/passwd, a CA certificate that did not issue the leaf. Each call
 * fails as INCOMPLETE_CHAIN, nothing unsafe is followed or trusted, and the explanation says what was tried and why
 * it did not help. One application, one client 'partner' that fetches intermediates, one server per case.
 */
class IssuerUrlsThatDoNotHelpTest {

    static final IncompleteChainScenarios PKI = IncompleteChainScenarios.shared("issuer-urls");

    @RegisterExtension
    static final QuarkusUnitTest APP = IncompleteChains.app(PKI);

    @AfterAll
    static void stopServers() {
        PKI.close();
    }

    @Test
    void theLdapUrlIsNotFollowed() {
        SslVerificationException e = incompleteChain(Case.LDAP);

        assertThat(PKI.caIssuers(Case.LDAP)).startsWith("ldap://127.0.0.1:");
        assertThat(e.getMessage()).contains(IncompleteChains.tried(PKI.caIssuers(Case.LDAP),
                "ignored: only http and https URLs are followed"));
    }

    @Test
    void theExplanationSaysTheUrlWasUnreachable() {
        SslVerificationException e = incompleteChain(Case.UNREACHABLE);

        assertThat(e.getMessage()).contains(IncompleteChains.tried(PKI.caIssuers(Case.UNREACHABLE),
                "unreachable (connection refused)"));
    }

    @Test
    void theExplanationSaysTheAnswerWasTooLarge() {
        SslVerificationException e = incompleteChain(Case.OVERSIZED);

        assertThat(e.getMessage()).contains(IncompleteChains.tried(PKI.caIssuers(Case.OVERSIZED),
                "too large (more than 65536 bytes)"));
        assertThat(PKI.fetches(IncompleteChainScenarios.OVERSIZED)).isEqualTo(1);
    }

    @Test
    void theRedirectToAnotherSchemeIsRefused() {
        SslVerificationException e = incompleteChain(Case.REDIRECT_TO_FILE);

        assertThat(e.getMessage()).contains(IncompleteChains.tried(PKI.caIssuers(Case.REDIRECT_TO_FILE),
                "redirected to file:///etc/passwd, which is not followed (a redirect may not change the scheme)"));
        assertThat(PKI.fetches(IncompleteChainScenarios.REDIRECT)).isEqualTo(1);
    }

    @Test
    void theExplanationSaysTheFetchedCertificateIsNotTheIssuer() {
        SslVerificationException e = incompleteChain(Case.UNRELATED);

        assertThat(e.getMessage()).contains(IncompleteChains.tried(PKI.caIssuers(Case.UNRELATED),
                "the fetched certificate 'CN=Unrelated CA,O=Verify Tests' does not issue"
                        + " 'CN=unrelated.test,O=Verify Tests'"));
        assertThat(PKI.fetches(IncompleteChainScenarios.UNRELATED)).isEqualTo(1);
    }

    /** The explained failure of the client 'partner' calling the server of this case. */
    private static SslVerificationException incompleteChain(Case serverCase) {
        PartnerClient partner = QuarkusRestClientBuilder.newBuilder().baseUri(PKI.server(serverCase).uri())
                .build(PartnerClient.class);
        return IncompleteChains.incompleteChain(partner);
    }
}
