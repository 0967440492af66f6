package io.quarkiverse.restclient.verify.deployment.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.restclient.verify.deployment.IncompleteChains;
import io.quarkiverse.restclient.verify.deployment.PartnerClient;
import io.quarkiverse.restclient.verify.testpki.IncompleteChainScenarios;
import io.quarkiverse.restclient.verify.testpki.IncompleteChainScenarios.Case;
import io.quarkus.test.QuarkusUnitTest;

/**
 * A server that sends only its leaf, whose caIssuers URL serves the intermediate in a certs-only PKCS#7 bundle (the
 * {@code .p7c} files some CAs publish): the bundle is read and the calls succeed with one fetch.
 */
class Pkcs7IntermediateRepairedTest {

    static final IncompleteChainScenarios PKI = IncompleteChainScenarios.shared("pkcs7");

    @RegisterExtension
    static final QuarkusUnitTest APP = IncompleteChains.app(PKI, Case.PKCS7);

    @Inject
    @RestClient
    PartnerClient partner;

    @AfterAll
    static void stopServers() {
        PKI.close();
    }

    @Test
    void theBundleRepairsTheChain() {
        assertThat(partner.hello()).isEqualTo("hello from CN=pkcs7.test,O=Verify Tests");
        assertThat(partner.hello()).isEqualTo("hello from CN=pkcs7.test,O=Verify Tests");

        assertThat(PKI.fetches(IncompleteChainScenarios.INTERMEDIATE_PKCS7)).isEqualTo(1);
    }
}
