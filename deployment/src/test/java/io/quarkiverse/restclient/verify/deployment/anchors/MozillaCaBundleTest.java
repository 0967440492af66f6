package io.quarkiverse.restclient.verify.deployment.anchors;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.CertificateEncodingException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.restclient.verify.SslVerificationException;
import io.quarkiverse.restclient.verify.deployment.Calls;
import io.quarkiverse.restclient.verify.deployment.Hello;
import io.quarkiverse.restclient.verify.deployment.LogLines;
import io.quarkiverse.restclient.verify.mozillaca.MozillaCaBundleGenerator;
import io.quarkiverse.restclient.verify.runtime.VerifyRuntime;
import io.quarkiverse.restclient.verify.runtime.devui.RestClientVerifyJsonRpcService;
import io.quarkiverse.restclient.verify.testpki.Pem;
import io.quarkiverse.restclient.verify.testpki.ServerCase;
import io.quarkiverse.restclient.verify.testpki.ServerScenarios;
import io.quarkiverse.restclient.verify.trust.anchors.MozillaCaBundle;
import io.quarkus.arc.Arc;
import io.quarkus.test.QuarkusUnitTest;

/**
 * The mozilla-ca artifact on the class path: verify=mozilla (any case) trusts its 150 roots and says so at start-up,
 * with one WARN because release 2.74 (2025-04-19) is older than 12 months; mozilla,classpath:... is a union; a
 * client without verify keeps the JDK default trust (the artifact alone changes nothing); the Dev UI names the
 * release. The application also ships a file named like the artifact's bundle, of a later release and trusting the
 * test root: it is ignored, only the artifact's own bundle counts.
 */
class MozillaCaBundleTest {

    static final ServerScenarios PKI = ServerScenarios.shared("mozilla-ca");

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Hello.class, Calls.class, LogLines.class, Mozilla.class,
                    MozillaAndCorp.class, Unconfigured.class)
                    .addAsResource(new StringAsset(Pem.certificates(PKI.trustedRoot().certificate())),
                            "certs/corp-ca.pem")
                    .addAsResource(new StringAsset(planted()), MozillaCaBundle.RESOURCE))
            .overrideConfigKey("quarkus.rest-client.mozilla.verify", "Mozilla")
            .overrideConfigKey("quarkus.rest-client.corp.verify", "mozilla,classpath:certs/corp-ca.pem")
            .setLogRecordPredicate(LogLines::ours)
            .assertLogRecords(records -> {
                assertThat(LogLines.at(Level.INFO, records)).contains(
                        "REST client 'mozilla' trusts Mozilla CA bundle 2.74 of 2025-04-19 (150 CA certificates)"
                                + " [quarkus.rest-client.mozilla.verify]",
                        "REST client 'corp' trusts Mozilla CA bundle 2.74 of 2025-04-19 (150 CA certificates) +"
                                + " classpath bundle certs/corp-ca.pem (1 CA certificate, read at build time)"
                                + " [quarkus.rest-client.corp.verify]");
                assertThat(LogLines.at(Level.INFO, records)).anySatisfy(line -> assertThat(line)
                        .startsWith("REST client 'unconfigured' trusts JDK default trust ("));
                assertThat(LogLines.at(Level.WARNING, records)).anySatisfy(line -> assertThat(line)
                        .startsWith("REST client 'mozilla' [quarkus.rest-client.mozilla.verify]: the Mozilla CA"
                                + " bundle 2.74 was released on 2025-04-19")
                        .contains("Fix: upgrade io.quarkiverse.restclientverify:quarkus-rest-client-verify-mozilla-ca"));
            });

    /** A bundle of a later release than the artifact's that trusts the root of the test servers. */
    static String planted() {
        try {
            return MozillaCaBundleGenerator.write(List.of(new MozillaCaBundleGenerator.Root("Planted Root",
                    PKI.trustedRoot().certificate().getEncoded(), Optional.empty())),
                    new MozillaCaBundleGenerator.Release("99.99", LocalDate.now(), "planted"));
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void stopServers() {
        PKI.close();
    }

    @Test
    void mozillaAloneDoesNotTrustAPrivateRootAndTheUnionDoes() {
        Calls.Outcome alone = Calls.call(Mozilla.class, PKI.server(ServerCase.GOOD_CHAIN).uri());
        assertThat(alone.failure()).isInstanceOf(SslVerificationException.class);
        assertThat(((SslVerificationException) alone.failure()).reason())
                .isEqualTo(SslVerificationException.Reason.UNKNOWN_ISSUER);
        assertThat(alone.failure()).hasMessageContaining("Mozilla CA bundle 2.74");

        Calls.Outcome union = Calls.call(MozillaAndCorp.class, PKI.server(ServerCase.GOOD_CHAIN).uri());
        assertThat(union.ok()).as(union.detail()).isTrue();
    }

    @Test
    void theDevUiShowsTheRelease() {
        // The readiness check's data for a client is the same description (RestClientVerifyHealthCheck.status).
        assertThat(new RestClientVerifyJsonRpcService(Arc.container().instance(VerifyRuntime.class).get()).getClients())
                .filteredOn(client -> "mozilla".equals(client.get("name")))
                .singleElement().satisfies(client -> assertThat(client)
                        .containsEntry("trust", "Mozilla CA bundle 2.74 of 2025-04-19 (150 CA certificates)")
                        .containsEntry("caCount", 150));
    }

    @RegisterRestClient(configKey = "mozilla")
    public interface Mozilla extends Hello {
    }

    @RegisterRestClient(configKey = "corp")
    public interface MozillaAndCorp extends Hello {
    }

    @RegisterRestClient(configKey = "unconfigured")
    public interface Unconfigured extends Hello {
    }
}
