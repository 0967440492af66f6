package io.quarkiverse.restclient.verify.deployment.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;

import jakarta.inject.Inject;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.restclient.verify.SslVerificationException;
import io.quarkiverse.restclient.verify.SslVerificationException.Reason;
import io.quarkiverse.restclient.verify.deployment.Hello;
import io.quarkiverse.restclient.verify.deployment.IncompleteChains;
import io.quarkiverse.restclient.verify.deployment.PartnerClient;
import io.quarkiverse.restclient.verify.deployment.Pki;
import io.quarkiverse.restclient.verify.testpki.IncompleteChainScenarios;
import io.quarkiverse.restclient.verify.testpki.IncompleteChainScenarios.Case;
import io.quarkus.test.QuarkusUnitTest;

/**
 * Without verify-fetch-intermediates (the default) a server that sends only its leaf fails as INCOMPLETE_CHAIN, as
 * before, nothing is fetched, and the explanation mentions the option because the certificate names a caIssuers URL.
 */
class FetchIntermediatesOffTest {

    static final IncompleteChainScenarios PKI = IncompleteChainScenarios.shared("off");
    static final Path ROOT = Pki.bundle(Pki.tempDir("fetch-off").resolve("root.pem"), PKI.root().certificate());

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Hello.class, Pki.class, PartnerClient.class))
            .overrideConfigKey("quarkus.rest-client.partner.verify", ROOT.toString())
            .overrideConfigKey("quarkus.rest-client.partner.url", PKI.server(Case.DER).uri().toString());

    @Inject
    @RestClient
    PartnerClient partner;

    @AfterAll
    static void stopServers() {
        PKI.close();
    }

    @Test
    void theChainIsNotRepaired() {
        SslVerificationException e = catchThrowableOfType(partner::hello, SslVerificationException.class);

        assertThat(e.reason()).isEqualTo(Reason.INCOMPLETE_CHAIN);
        assertThat(e.getMessage()).contains("the server sent only its own certificate 'CN=der.test,O=Verify Tests'")
                .doesNotContain("This client tried to fetch");
        assertThat(e.hints()).anySatisfy(hint -> assertThat(hint).isEqualTo("The certificate names where its issuer"
                + " can be fetched (http://127.0.0.1:" + PKI.issuersPort() + "/intermediate.cer): "
                + IncompleteChains.FETCH_KEY + "=true lets this client fetch it, as browsers do (the server should"
                + " still be fixed)"));
        assertThat(PKI.fetches(IncompleteChainScenarios.INTERMEDIATE_DER)).isZero();
    }
}
