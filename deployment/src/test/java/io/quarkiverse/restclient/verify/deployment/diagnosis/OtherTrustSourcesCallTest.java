package io.quarkiverse.restclient.verify.deployment.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.restclient.verify.SslVerificationException;
import io.quarkiverse.restclient.verify.SslVerificationException.Reason;
import io.quarkiverse.restclient.verify.deployment.Calls;
import io.quarkiverse.restclient.verify.deployment.Hello;
import io.quarkiverse.restclient.verify.deployment.Pki;
import io.quarkiverse.restclient.verify.mozillaca.MozillaCaArtifact;
import io.quarkiverse.restclient.verify.mozillaca.MozillaCaBundleGenerator;
import io.quarkiverse.restclient.verify.runtime.VerifyRuntime;
import io.quarkiverse.restclient.verify.runtime.devui.RestClientVerifyJsonRpcService;
import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;
import io.quarkiverse.restclient.verify.testpki.IncompleteChainScenarios;
import io.quarkiverse.restclient.verify.testpki.IncompleteChainScenarios.Case;
import io.quarkiverse.restclient.verify.testpki.ServerCase;
import io.quarkiverse.restclient.verify.testpki.ServerScenarios;
import io.quarkiverse.restclient.verify.testpki.TlsTestServer;
import io.quarkiverse.restclient.verify.trust.anchors.MozillaCaBundle;
import io.quarkiverse.restclient.verify.trust.anchors.TrustSources;
import io.quarkus.arc.Arc;
import io.quarkus.test.QuarkusUnitTest;

/**
 * A chain rejected for want of a trusted CA names the source this application could use that would have accepted it,
 * with the smallest change for the calling client as the first hint: the operating system's store (a test bundle in
 * its place), the Mozilla bundle (a test bundle shipped as the artifact), an intermediate another client fetched. A
 * root that only carries a trusted root's name, a root Mozilla distrusts for the server's certificate, and an expired
 * server certificate are never named; a chain nothing accepts says so and keeps today's hints; a successful
 * handshake judges no other source; and the Dev UI's Inspect lists which sources accept the server.
 */
class OtherTrustSourcesCallTest {

    static final String SYSTEM_BUNDLES = "io.quarkiverse.restclient.verify.test.system-bundles";
    // Every ServerScenarios root is named 'CN=Verify Test Root CA,O=Verify Tests', each with a key of its own.
    static final ServerScenarios SYSTEM = ServerScenarios.shared("other-sources-system");
    static final ServerScenarios FORGED = ServerScenarios.shared("other-sources-forged");
    static final ServerScenarios MOZILLA = ServerScenarios.shared("other-sources-mozilla");
    static final ServerScenarios DATED = ServerScenarios.shared("other-sources-dated");
    // Long before the dated root's server certificates were issued: Mozilla distrusts them all.
    static final Instant DISTRUST_AFTER = Instant.parse("2020-01-01T00:00:00Z");
    static final IncompleteChainScenarios INCOMPLETE = IncompleteChainScenarios.shared("other-sources");
    static final Path DIR = Pki.tempDir("other-sources");
    static final Path UNRELATED = Pki.bundle(DIR.resolve("unrelated.pem"),
            CertificateAuthority.root("Unrelated Root").certificate());
    static final Path INCOMPLETE_ROOT = Pki.bundle(DIR.resolve("incomplete-root.pem"),
            INCOMPLETE.root().certificate());
    static final Path SYSTEM_BUNDLE = systemBundle();

    static Path systemBundle() {
        Path bundle = Pki.bundle(DIR.resolve("system-ca.pem"), SYSTEM.trustedRoot().certificate());
        // The test seam of verify=system; taken away again after this class.
        System.setProperty(SYSTEM_BUNDLES, bundle.toString());
        return bundle;
    }

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Hello.class, Calls.class, Pki.class, Corp.class, Plain.class,
                    Fetching.class, Stubborn.class)
                    .addAsResource(new StringAsset(mozillaBundle()), MozillaCaBundle.RESOURCE)
                    .addAsResource(MozillaCaArtifact.class.getResource("MozillaCaArtifact.class"), MozillaCaBundle.MARKER))
            .overrideConfigKey("quarkus.rest-client.corp.verify", UNRELATED.toString())
            .overrideConfigKey("quarkus.rest-client.fetching.verify", INCOMPLETE_ROOT.toString())
            .overrideConfigKey("quarkus.rest-client.fetching.verify-fetch-intermediates", "true")
            .overrideConfigKey("quarkus.rest-client.stubborn.verify", INCOMPLETE_ROOT.toString())
            // The caIssuers server of the test listens on 127.0.0.1, which look-ups refuse by default.
            .overrideConfigKey("quarkus.rest-client.verify-lookup-allow", "127.0.0.1");

    static String mozillaBundle() {
        try {
            return MozillaCaBundleGenerator.write(List.of(
                    new MozillaCaBundleGenerator.Root("Other Sources Mozilla Root",
                            MOZILLA.trustedRoot().certificate().getEncoded(), Optional.empty()),
                    new MozillaCaBundleGenerator.Root("Other Sources Dated Root",
                            DATED.trustedRoot().certificate().getEncoded(), Optional.of(DISTRUST_AFTER))),
                    new MozillaCaBundleGenerator.Release("test-1", LocalDate.now(), "test"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void stopServers() {
        System.clearProperty(SYSTEM_BUNDLES);
        List.of(SYSTEM, FORGED, MOZILLA, DATED).forEach(ServerScenarios::close);
        INCOMPLETE.close();
    }

    @Test
    void theOperatingSystemsStoreIsNamedWithWhatTheClientTrustsNow() {
        SslVerificationException e = failure(Corp.class, SYSTEM.server(ServerCase.GOOD_CHAIN));

        assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_ISSUER);
        assertThat(e.hints().get(0)).isEqualTo("The operating system trusts 'CN=Verify Test Root CA,O=Verify Tests'"
                + " (installed there by your IT, not in Java's trust): quarkus.rest-client.corp.verify=" + UNRELATED
                + ",system");
        assertThat(e.getMessage()).contains("\nOther trust this application could use: system trust " + SYSTEM_BUNDLE
                + " (1 CA certificate) accepts this chain.\n");
    }

    @Test
    void aClientOnTheDefaultTrustKeepsIt() {
        SslVerificationException e = failure(Plain.class, SYSTEM.server(ServerCase.GOOD_CHAIN));

        assertThat(e.hints().get(0)).isEqualTo("The operating system trusts 'CN=Verify Test Root CA,O=Verify Tests'"
                + " (installed there by your IT, not in Java's trust): quarkus.rest-client.plain.verify=default,system");
    }

    @Test
    void theMozillaBundleIsNamed() {
        SslVerificationException e = failure(Corp.class, MOZILLA.server(ServerCase.GOOD_CHAIN));

        assertThat(e.hints().get(0)).isEqualTo("The Mozilla CA bundle trusts 'CN=Verify Test Root CA,O=Verify Tests':"
                + " quarkus.rest-client.corp.verify=" + UNRELATED + ",mozilla");
    }

    @Test
    void anIntermediateAnotherClientFetchedIsNamed() {
        TlsTestServer server = INCOMPLETE.server(Case.DER);
        Calls.Outcome fetched = Calls.call(Fetching.class, server.uri());
        assertThat(fetched.ok()).as(fetched.detail()).isTrue();

        SslVerificationException e = failure(Stubborn.class, server);

        assertThat(e.reason()).isEqualTo(Reason.INCOMPLETE_CHAIN);
        assertThat(e.hints().get(0)).isEqualTo("The server leaves out the intermediate 'CN=Omitted Intermediate"
                + " CA,O=Verify Tests', which another client of this application fetched from "
                + INCOMPLETE.caIssuers(Case.DER) + " and its trust accepted; with it this client's own trust accepts"
                + " the chain: quarkus.rest-client.stubborn.verify-fetch-intermediates=true (the server should still"
                + " send it)");
    }

    @Test
    void aChainNoSourceTrustsSaysSoAndKeepsTodaysHints() {
        TlsTestServer server = SYSTEM.server(ServerCase.UNKNOWN_ROOT);
        SslVerificationException e = failure(Corp.class, server);

        assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_ISSUER);
        assertThat(e.getMessage()).contains("[UNKNOWN_ISSUER]: the server's chain leads to the CA 'CN=Unknown Root"
                + " CA,O=Verify Tests', which this client does not trust.\n")
                .contains("\nOther trust this application could use: none accepts this chain (checked: the JDK default"
                        + " trust, the operating system's trust, the Mozilla CA bundle).\n");
        assertThat(e.hints()).containsExactly(
                "If you trust that CA, add it to this client's trust: quarkus.rest-client.corp.verify=" + UNRELATED
                        + ",/path/to/ca.pem (behind a TLS-inspecting proxy, this is the proxy's CA)",
                "Get the chain to find the CA: openssl s_client -connect 127.0.0.1:" + server.port() + " -showcerts");
    }

    @Test
    void aRootThatOnlyCarriesATrustedRootsNameIsNotNamed() {
        // FORGED's root has the name of the roots in the system store and the Mozilla bundle, and a key of its own.
        SslVerificationException e = failure(Corp.class, FORGED.server(ServerCase.GOOD_CHAIN));

        assertThat(e.getMessage()).contains("Other trust this application could use: none accepts this chain");
        assertThat(e.hints()).noneMatch(hint -> hint.contains("trusts 'CN=Verify Test Root CA"));
    }

    @Test
    void aSourceWhoseDatesRejectTheServerIsNotNamed() {
        SslVerificationException distrusted = failure(Corp.class, DATED.server(ServerCase.GOOD_CHAIN));
        assertThat(distrusted.getMessage()).contains("Other trust this application could use: none accepts this chain");
        assertThat(distrusted.hints()).noneMatch(hint -> hint.contains("Mozilla CA bundle trusts"));

        SslVerificationException expired = failure(Corp.class, SYSTEM.server(ServerCase.EXPIRED_LEAF));
        assertThat(expired.getMessage()).contains("Other trust this application could use: none accepts this chain");
        assertThat(expired.hints()).noneMatch(hint -> hint.contains("operating system trusts"));
    }

    @Test
    void aSuccessfulHandshakeJudgesNoOtherSource() {
        TlsTestServer good = INCOMPLETE.fullChainServer();
        long judged = TrustSources.judgements();
        long read = TrustSources.loads();
        for (int i = 0; i < 3; i++) {
            Calls.Outcome outcome = Calls.call(Fetching.class, good.uri());
            assertThat(outcome.ok()).as(outcome.detail()).isTrue();
        }
        assertThat(TrustSources.judgements()).isEqualTo(judged);
        assertThat(TrustSources.loads()).isEqualTo(read);

        // Premise: the probe counts what a failure judges.
        failure(Corp.class, FORGED.server(ServerCase.GOOD_CHAIN));
        assertThat(TrustSources.judgements()).isGreaterThan(judged);
    }

    @Test
    void devUiInspectListsWhichSourcesAcceptTheServer() {
        RestClientVerifyJsonRpcService devUi = new RestClientVerifyJsonRpcService(
                Arc.container().instance(VerifyRuntime.class).get());

        Map<String, Object> inspected = devUi.inspect("plain", SYSTEM.server(ServerCase.GOOD_CHAIN).uri().toString());

        assertThat(inspected.get("verdict")).isEqualTo("UNKNOWN_ISSUER");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> sources = (List<Map<String, Object>>) inspected.get("sources");
        assertThat(sources).extracting(s -> s.get("source") + " " + s.get("status") + " own=" + s.get("own")
                + " anchor=" + s.get("anchor")).containsExactly(
                        "default REJECTS own=true anchor=null",
                        "system ACCEPTS own=false anchor=CN=Verify Test Root CA,O=Verify Tests",
                        "mozilla REJECTS own=false anchor=null");
    }

    private static SslVerificationException failure(Class<? extends Hello> client, TlsTestServer server) {
        Calls.Outcome outcome = Calls.call(client, URI.create(server.uri().toString()));
        assertThat(outcome.failure()).as(outcome.word()).isInstanceOf(SslVerificationException.class);
        return (SslVerificationException) outcome.failure();
    }

    @RegisterRestClient(configKey = "corp")
    public interface Corp extends Hello {
    }

    @RegisterRestClient(configKey = "plain")
    public interface Plain extends Hello {
    }

    @RegisterRestClient(configKey = "fetching")
    public interface Fetching extends Hello {
    }

    @RegisterRestClient(configKey = "stubborn")
    public interface Stubborn extends Hello {
    }
}
