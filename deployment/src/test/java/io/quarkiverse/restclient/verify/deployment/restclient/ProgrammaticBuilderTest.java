package io.quarkiverse.restclient.verify.deployment.restclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

import org.eclipse.microprofile.rest.client.RestClientBuilder;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.restclient.verify.SslVerificationException;
import io.quarkiverse.restclient.verify.deployment.Calls;
import io.quarkiverse.restclient.verify.deployment.Hello;
import io.quarkiverse.restclient.verify.deployment.Pki;
import io.quarkiverse.restclient.verify.testpki.ServerCase;
import io.quarkiverse.restclient.verify.testpki.ServerScenarios;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.quarkus.test.QuarkusUnitTest;

/**
 * Clients built in code get their interface's verify, through both builder APIs; trust set on the builder itself
 * beats a global default, and contradicts the client's own verify.
 */
class ProgrammaticBuilderTest {

    static final ServerScenarios PKI = ServerScenarios.shared("builders");
    static final Path DIR = Pki.tempDir("builders");
    static final Path CORP = Pki.bundle(DIR.resolve("corp.pem"), PKI.trustedRoot().certificate());
    static final Path OTHER = Pki.bundle(DIR.resolve("other.pem"), PKI.unknownRoot().certificate());

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Hello.class, Pki.class, Calls.class, Own.class, Inherits.class))
            .overrideConfigKey("quarkus.rest-client.own.verify", CORP.toString())
            .overrideConfigKey("quarkus.rest-client.verify", OTHER.toString());

    @AfterAll
    static void stopServers() {
        PKI.close();
    }

    @Test
    void theMicroProfileBuilderAppliesTheInterfacesVerify() {
        Own client = RestClientBuilder.newBuilder().baseUri(PKI.server(ServerCase.GOOD_CHAIN).uri()).build(Own.class);
        Calls.Outcome outcome = Calls.call(client);
        assertThat(outcome.ok()).as(outcome.detail()).isTrue();
    }

    @Test
    void aBuiltClientsTlsFailureIsExplained() {
        Own client = QuarkusRestClientBuilder.newBuilder().baseUri(PKI.server(ServerCase.UNKNOWN_ROOT).uri())
                .build(Own.class);
        Throwable failure = catchThrowable(client::hello);
        assertThat(failure).isInstanceOf(SslVerificationException.class);
        SslVerificationException e = (SslVerificationException) failure;
        assertThat(e.reason()).isEqualTo(SslVerificationException.Reason.UNKNOWN_ISSUER);
        assertThat(e.port()).isEqualTo(PKI.server(ServerCase.UNKNOWN_ROOT).port());
        assertThat(e.presentedChain()).hasSize(2);
        assertThat(e.getMessage()).contains("quarkus.rest-client.own.verify=" + CORP + ",/path/to/ca.pem");
    }

    @Test
    void aMicroProfileBuiltClientsTlsFailureIsExplained() {
        Inherits client = RestClientBuilder.newBuilder().baseUri(PKI.server(ServerCase.SELF_SIGNED).uri())
                .build(Inherits.class);
        Throwable failure = catchThrowable(client::hello);
        assertThat(failure).isInstanceOf(SslVerificationException.class);
        assertThat(((SslVerificationException) failure).reason()).isEqualTo(SslVerificationException.Reason.SELF_SIGNED);
    }

    @Test
    void theGlobalVerifyAppliesToBuiltClientsWithoutTheirOwn() {
        Calls.Outcome outcome = Calls.call(Inherits.class, PKI.server(ServerCase.GOOD_CHAIN).uri());
        assertThat(outcome.tlsFailure()).as(outcome.detail()).isTrue();
        assertThat(Calls.call(Inherits.class, PKI.server(ServerCase.UNKNOWN_ROOT).uri()).ok()).isTrue();
    }

    @Test
    void aTrustStoreSetOnTheBuilderBeatsTheGlobalVerify() throws Exception {
        Inherits client = QuarkusRestClientBuilder.newBuilder().baseUri(PKI.server(ServerCase.GOOD_CHAIN).uri())
                .trustStore(trusting(), "changeit").build(Inherits.class);
        Calls.Outcome outcome = Calls.call(client);
        assertThat(outcome.ok()).as(outcome.detail()).isTrue();
    }

    @Test
    void aTrustStoreSetOnTheBuilderContradictsTheClientsOwnVerify() throws Exception {
        assertThatThrownBy(() -> QuarkusRestClientBuilder.newBuilder()
                .baseUri(PKI.server(ServerCase.GOOD_CHAIN).uri()).trustStore(trusting(), "changeit").build(Own.class))
                .hasMessageContaining("REST client 'own': quarkus.rest-client.own.verify and the builder's"
                        + " trustStore(...) both set its trust")
                .hasMessageContaining("Fix:");
    }

    private static KeyStore trusting() throws GeneralSecurityException, java.io.IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("root", PKI.trustedRoot().certificate());
        return store;
    }

    @RegisterRestClient(configKey = "own")
    public interface Own extends Hello {
    }

    @RegisterRestClient(configKey = "inherits")
    public interface Inherits extends Hello {
    }
}
