package io.quarkiverse.restclient.verify.deployment.restclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.List;

import jakarta.inject.Inject;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.restclient.verify.SslVerificationException;
import io.quarkiverse.restclient.verify.SslVerificationException.Reason;
import io.quarkiverse.restclient.verify.deployment.Hello;
import io.quarkiverse.restclient.verify.deployment.Pki;
import io.quarkiverse.restclient.verify.testpki.ServerCase;
import io.quarkiverse.restclient.verify.testpki.ServerScenarios;
import io.quarkus.test.QuarkusUnitTest;

/**
 * A client with a trust store of its own calls a server whose certificate names another host: the explanation says
 * the names were not recorded and how to see them, and its fixes are numbered from a real first step, not "Or ...".
 */
class OwnTlsSettingsHostnameMismatchTest {

    static final ServerScenarios PKI = ServerScenarios.shared("own-tls-hostname");
    static final Path DIR = Pki.tempDir("own-tls-hostname");
    static final Path TRUSTS_ROOT = Pki.pkcs12(DIR.resolve("root.p12"), null, List.of(PKI.trustedRoot().certificate()));

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Hello.class, Pki.class, OwnStore.class))
            .overrideConfigKey("quarkus.rest-client.own-store.url", PKI.server(ServerCase.WRONG_HOST).uri().toString())
            .overrideConfigKey("quarkus.rest-client.own-store.trust-store", TRUSTS_ROOT.toString())
            .overrideConfigKey("quarkus.rest-client.own-store.trust-store-password", "changeit")
            .overrideConfigKey("quarkus.rest-client.own-store.trust-store-type", "PKCS12");

    @Inject
    @RestClient
    OwnStore ownStore;

    @AfterAll
    static void stopServers() {
        PKI.close();
    }

    @Test
    void theMismatchIsExplainedWithoutDefects() {
        SslVerificationException e = catchThrowableOfType(SslVerificationException.class, ownStore::hello);
        assertThat(e).isNotNull();
        assertThat(e.reason()).isEqualTo(Reason.HOSTNAME_MISMATCH);
        assertThat(e.getMessage())
                .contains("the names the certificate holds were not recorded, because this client keeps TLS settings"
                        + " of its own")
                .doesNotContain("names unknown")
                .contains("\n  1. See the names the certificate holds: openssl s_client -connect 127.0.0.1:")
                .contains("\n  2. Have the server's certificate reissued with '127.0.0.1' as a subject alternative"
                        + " name")
                .doesNotContain("1. Or ");
        assertThat(e.hints()).noneMatch(hint -> hint.startsWith("Or "));
    }

    @RegisterRestClient(configKey = "own-store")
    public interface OwnStore extends Hello {
    }
}
