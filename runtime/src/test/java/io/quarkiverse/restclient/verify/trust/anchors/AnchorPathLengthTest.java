package io.quarkiverse.restclient.verify.trust.anchors;

import static io.quarkiverse.restclient.verify.trust.ConformanceCertificates.intermediate;
import static io.quarkiverse.restclient.verify.trust.ConformanceCertificates.issue;
import static io.quarkiverse.restclient.verify.trust.ConformanceCertificates.leaf;
import static io.quarkiverse.restclient.verify.trust.ConformanceCertificates.root;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.net.ssl.SSLHandshakeException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.quarkiverse.restclient.verify.SslVerificationException;
import io.quarkiverse.restclient.verify.config.ClientKeys;
import io.quarkiverse.restclient.verify.diagnosis.DiagnosisContext;
import io.quarkiverse.restclient.verify.diagnosis.HandshakeDiagnosis;
import io.quarkiverse.restclient.verify.testpki.Pem;
import io.quarkiverse.restclient.verify.testpki.TlsTestServer;
import io.quarkiverse.restclient.verify.trust.ConformanceCertificates.Issued;
import io.quarkiverse.restclient.verify.trust.Handshakes;
import io.quarkiverse.restclient.verify.trust.Reloadable;
import io.quarkiverse.restclient.verify.trust.rules.PathRuleViolationException;

/**
 * A root whose own path length constraint (0) allows no CA below it, above an issuing CA: OpenSSL, hence Python
 * requests, refuses ("path length constraint exceeded"); the JDK ignores a trust anchor's basic constraints. By
 * default this client refuses too, naming the rule and the root, without pointing at strict mode.
 */
class AnchorPathLengthTest {

    static final Issued ROOT = issue(root("Path Length Zero Root").with(s -> {
        s.pathLength = 0;
        return s;
    }), null);
    static final Issued ISSUING = issue(intermediate("Below Path Length Zero"), ROOT);
    static final Issued LEAF = issue(leaf("localhost").with(s -> {
        s.ipAddresses.add("127.0.0.1");
        return s;
    }), ISSUING);
    static final TlsTestServer SERVER = TlsTestServer.start(LEAF.key(),
            List.of(LEAF.certificate(), ISSUING.certificate()));
    static final Path BUNDLE = Handshakes.write(Handshakes.tempDir("anchor-pathlen").resolve("root.pem"),
            Pem.certificates(List.of(ROOT.certificate())));

    @AfterAll
    static void stop() {
        SERVER.close();
    }

    @Test
    void theRootsPathLengthRefusesTheChainAndTheDiagnosisNamesIt() {
        Reloadable<TrustMaterial> trust = TrustMaterial.reloadable(TrustSpec.parse(BUNDLE.toString()),
                AnchorPathLengthTest.class.getClassLoader(), Map.of());

        CertificateException failure = Handshakes.handshake(new ReloadingTrustManager(trust), SERVER);

        assertThat(failure).isInstanceOf(PathRuleViolationException.class);
        assertThat(((PathRuleViolationException) failure).strict()).isFalse();
        assertThat(failure.getMessage()).contains("the trust anchor 'C=US,O=Conformance,CN=Path Length Zero Root'"
                + " breaks the rule basic-constraints").contains("allows 0 CAs below it, and the path has 1");
        SSLHandshakeException handshake = new SSLHandshakeException(failure.getMessage());
        handshake.initCause(failure);
        SslVerificationException explained = HandshakeDiagnosis.explain(handshake, new DiagnosisContext("partner",
                ClientKeys.named("partner"), trust.current().description(), BUNDLE.toString(), true, SERVER.host(),
                SERVER.port(), null, false), Optional.empty()).orElseThrow();
        assertThat(explained.getMessage()).contains("passes the JDK's checks but not OpenSSL's")
                .contains("basic-constraints").doesNotContain("verify-strict");
    }
}
