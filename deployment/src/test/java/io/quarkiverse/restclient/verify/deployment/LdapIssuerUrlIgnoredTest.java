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
 * A server that sends only its leaf, whose only caIssuers URL is an ldap: URL: nothing is fetched, the call fails
 * as INCOMPLETE_CHAIN, and the explanation says that only http and https URLs are followed.
 */
class LdapIssuerUrlIgnoredTest {

    static final IncompleteChainScenarios PKI = IncompleteChainScenarios.shared("ldap");

    @RegisterExtension
    static final QuarkusUnitTest APP = IncompleteChains.app(PKI, Case.LDAP);

    @Inject
    @RestClient
    PartnerClient partner;

    @AfterAll
    static void stopServers() {
        PKI.close();
    }

    @Test
    void theLdapUrlIsNotFollowed() {
        SslVerificationException e = IncompleteChains.incompleteChain(partner);

        assertThat(PKI.caIssuers(Case.LDAP)).startsWith("ldap://127.0.0.1:");
        assertThat(e.getMessage()).contains(IncompleteChains.tried(PKI.caIssuers(Case.LDAP),
                "ignored: only http and https URLs are followed"));
    }
}
