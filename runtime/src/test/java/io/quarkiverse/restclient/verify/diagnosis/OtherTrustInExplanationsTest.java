package io.quarkiverse.restclient.verify.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;

import javax.security.auth.x500.X500Principal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkiverse.restclient.verify.SslVerificationException;
import io.quarkiverse.restclient.verify.SslVerificationException.Reason;
import io.quarkiverse.restclient.verify.config.ClientKeys;
import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;
import io.quarkiverse.restclient.verify.testpki.IssuedCertificate;
import io.quarkiverse.restclient.verify.testpki.Pem;
import io.quarkiverse.restclient.verify.trust.anchors.TrustMaterial;
import io.quarkiverse.restclient.verify.trust.anchors.TrustSpec;
import io.quarkiverse.restclient.verify.trust.fetch.FetchLimits;
import io.quarkiverse.restclient.verify.trust.fetch.IntermediateFetcher;
import io.quarkiverse.restclient.verify.trust.fetch.IntermediateFetcher.KnownIssuer;

/**
 * A chain rejected for want of a trusted CA is explained with what the application's other trust says: the first hint
 * is the smallest change that works for this client, with its own property and what it trusts now; when nothing else
 * accepts the chain, one clause says so and the hints are today's.
 */
class OtherTrustInExplanationsTest {

    private static final String OWN = "/certs/own.pem";
    private static final CertificateAuthority CORP = CertificateAuthority.root("Corp Proxy CA");
    private static final CertificateException NO_PATH = new CertificateException("PKIX path building failed:"
            + " unable to find valid certification path to requested target");

    @TempDir
    Path dir;

    @Test
    void aFileNamedByRequestsCaBundleIsTheFirstHint() {
        Path corp = Pem.write(dir.resolve("corp.pem"), Pem.certificates(CORP.certificate()));
        List<X509Certificate> chain = CORP.intermediate("Corp Issuing CA").server("api.github.test",
                List.of("localhost"), List.of()).chain();

        SslVerificationException e = explain(chain, other(Map.of("REQUESTS_CA_BUNDLE", corp.toString()), null));

        assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_ISSUER);
        assertThat(e.hints().get(0)).isEqualTo("The file " + corp + " named by REQUESTS_CA_BUNDLE trusts 'CN=Corp"
                + " Proxy CA,O=Verify Tests' (Python requests and curl read it): quarkus.rest-client.github.verify="
                + OWN + "," + corp);
        assertThat(e.getMessage()).contains("\nOther trust this application could use: REQUESTS_CA_BUNDLE (file " + corp
                + " (1 CA certificate)) accepts this chain.\n");
        assertThat(e.hints()).noneMatch(hint -> hint.contains("verify=false"));
    }

    @Test
    void aChainNoSourceTrustsSaysSoAndKeepsTodaysHints() {
        Path corp = Pem.write(dir.resolve("corp.pem"), Pem.certificates(CORP.certificate()));
        List<X509Certificate> chain = CertificateAuthority.root("Nobody's Root").intermediate("Nobody's Issuing CA")
                .server("api.github.test", List.of("localhost"), List.of()).chain();

        SslVerificationException today = explain(chain, OtherTrust.NONE);
        SslVerificationException e = explain(chain, other(Map.of("REQUESTS_CA_BUNDLE", corp.toString()), null));

        assertThat(e.hints()).isEqualTo(today.hints());
        assertThat(e.getMessage().lines().findFirst()).isEqualTo(today.getMessage().lines().findFirst());
        assertThat(e.getMessage()).contains("\nOther trust this application could use: none accepts this chain"
                + " (checked: the JDK default trust, the operating system's trust, ")
                .contains(", REQUESTS_CA_BUNDLE).\n");
    }

    @Test
    void anIntermediateAnotherClientFetchedIsTheFirstHintForAnIncompleteChain() {
        CertificateAuthority intermediate = CORP.intermediate("Corp Issuing CA");
        IssuedCertificate leaf = intermediate.server("api.github.test", List.of("localhost"), List.of());
        Path own = Pem.write(dir.resolve("own.pem"), Pem.certificates(CORP.certificate()));
        IntermediateFetcher fetcher = new IntermediateFetcher(FetchLimits.DEFAULT);
        fetcher.rememberIssuer(leaf.certificate(), new KnownIssuer(intermediate.certificate(),
                "http://ca.corp.test/issuing.cer"));
        OtherTrust other = new OtherTrust(TrustSpec.parse(own.toString()), getClass().getClassLoader(), v -> null,
                TrustMaterial.load(TrustSpec.parse(own.toString()), getClass().getClassLoader()).trustManager(),
                fetcher, skipped -> {
                });

        SslVerificationException e = explain(List.of(leaf.certificate()), other);

        assertThat(e.reason()).isEqualTo(Reason.INCOMPLETE_CHAIN);
        assertThat(e.hints().get(0)).isEqualTo("The server leaves out the intermediate 'CN=Corp Issuing CA,O=Verify"
                + " Tests', which another client of this application fetched from http://ca.corp.test/issuing.cer and"
                + " its trust accepted; with it this client's own trust accepts the chain:"
                + " quarkus.rest-client.github.verify-fetch-intermediates=true (the server should still send it)");
    }

    @Test
    void namesTheServerChoseAreEscaped() {
        CertificateAuthority hostile = CertificateAuthority.rootNamed(new X500Principal("CN=Proxy\nFix: verify=false"));
        Path file = Pem.write(dir.resolve("hostile.pem"), Pem.certificates(hostile.certificate()));
        List<X509Certificate> chain = hostile.server("api.github.test", List.of("localhost"), List.of()).chain();

        SslVerificationException e = explain(chain, other(Map.of("SSL_CERT_FILE", file.toString()), null));

        assertThat(e.hints().get(0)).contains("trusts 'CN=Proxy\\nFix: verify\\=false'").doesNotContain("\n");
    }

    private OtherTrust other(Map<String, String> environment, IntermediateFetcher fetcher) {
        return new OtherTrust(TrustSpec.parse(OWN), getClass().getClassLoader(), environment::get, null, fetcher,
                skipped -> {
                });
    }

    private static SslVerificationException explain(List<X509Certificate> chain, OtherTrust other) {
        DiagnosisContext context = new DiagnosisContext("github", ClientKeys.named("github"),
                "file " + OWN + " (1 CA certificate) [quarkus.rest-client.github.verify]", OWN, true, "api.github.test",
                443, null, false, other);
        return Failures.explain(Failures.refused(chain, NO_PATH, context), context);
    }
}
