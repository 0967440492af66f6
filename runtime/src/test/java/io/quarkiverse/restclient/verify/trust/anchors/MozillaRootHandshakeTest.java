package io.quarkiverse.restclient.verify.trust.anchors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import javax.net.ssl.SSLHandshakeException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;
import io.quarkiverse.restclient.verify.testpki.TlsTestServer;
import io.quarkiverse.restclient.verify.trust.MozillaBundles;

/**
 * {@code verify=mozilla} trusts the roots of the bundle on the class path, written the way the artifact's bundle is,
 * and nothing else: a server under an injected root passes, one under another root fails.
 */
class MozillaRootHandshakeTest {

    private static final CertificateAuthority MOZILLA_ROOT = CertificateAuthority.root("Injected Mozilla Root");
    private static final CertificateAuthority OTHER_ROOT = CertificateAuthority.root("Not In Mozilla");

    @Test
    void serverUnderABundleRootPassesAndAnyOtherFails(@TempDir Path directory) throws Exception {
        ClassLoader classLoader = new MozillaBundles().add(MOZILLA_ROOT.certificate(), null)
                .released("9.99", LocalDate.now(), directory);
        TrustMaterial material = TrustMaterial.load(TrustSpec.parse("MOZILLA"), classLoader);

        assertThat(material.description()).isEqualTo("Mozilla CA bundle 9.99 of " + LocalDate.now()
                + " (1 CA certificate)");
        try (TlsTestServer trusted = TlsTestServer.start(MOZILLA_ROOT.intermediate("Issuing CA")
                .server("localhost", List.of("localhost"), List.of("127.0.0.1")));
                TlsTestServer untrusted = TlsTestServer.start(OTHER_ROOT.server("localhost", List.of("localhost"),
                        List.of("127.0.0.1")))) {
            MozillaBundles.handshake(material, trusted);
            assertThatThrownBy(() -> MozillaBundles.handshake(material, untrusted))
                    .isInstanceOf(SSLHandshakeException.class).hasMessageContaining("PKIX path");
        }
    }
}
