package io.quarkiverse.restclient.verify.trust.anchors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Socket;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLEngine;

import org.junit.jupiter.api.Test;

import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;
import io.quarkiverse.restclient.verify.testpki.Pem;
import io.quarkiverse.restclient.verify.trust.Handshakes;
import io.quarkiverse.restclient.verify.trust.Reloadable;
import io.quarkiverse.restclient.verify.trust.ValidatedPath;

/**
 * The reloading trust decides with the current material through each of the JDK's entry points, and tells the path
 * even over the JDK's own trust manager (verify=default), which cannot.
 */
class ReloadingTrustEveryWayTheJdkAsksTest {

    static final CertificateAuthority ROOT = CertificateAuthority.root("Reloading Every Way Root");
    static final CertificateAuthority STRANGER = CertificateAuthority.root("Reloading Every Way Stranger");
    static final X509Certificate[] CHAIN = ROOT.server("reloading.test", List.of("reloading.test"), List.of()).chain()
            .toArray(new X509Certificate[0]);
    static final X509Certificate[] STRANGER_CHAIN = STRANGER.server("stranger.test", List.of("stranger.test"),
            List.of()).chain().toArray(new X509Certificate[0]);
    static final X509Certificate[] CLIENT = ROOT.client("client.test").chain().toArray(new X509Certificate[0]);
    static final X509Certificate[] STRANGER_CLIENT = STRANGER.client("stranger-client.test").chain()
            .toArray(new X509Certificate[0]);
    static final Path BUNDLE = Handshakes.write(Handshakes.tempDir("reloading-every-way").resolve("ca.pem"),
            Pem.certificates(ROOT.certificate()));

    @Test
    void aChainOfAnotherCaIsRefusedThroughEveryServerAndClientCheck() {
        ReloadingTrustManager trust = new ReloadingTrustManager(Handshakes.trust(BUNDLE));

        assertThatThrownBy(() -> trust.checkServerTrusted(STRANGER_CHAIN, "UNKNOWN", (SSLEngine) null))
                .isInstanceOf(CertificateException.class);
        assertThatThrownBy(() -> trust.checkClientTrusted(STRANGER_CLIENT, "UNKNOWN", (SSLEngine) null))
                .isInstanceOf(CertificateException.class);
        assertThatThrownBy(() -> trust.checkClientTrusted(STRANGER_CLIENT, "UNKNOWN", (Socket) null))
                .isInstanceOf(CertificateException.class);
        assertThatThrownBy(() -> trust.checkClientTrusted(STRANGER_CLIENT, "UNKNOWN"))
                .isInstanceOf(CertificateException.class);

        assertThatCode(() -> trust.checkServerTrusted(CHAIN, "UNKNOWN", (SSLEngine) null)).doesNotThrowAnyException();
        assertThatCode(() -> trust.checkClientTrusted(CLIENT, "UNKNOWN", (SSLEngine) null)).doesNotThrowAnyException();
        assertThatCode(() -> trust.checkClientTrusted(CLIENT, "UNKNOWN", (Socket) null)).doesNotThrowAnyException();
        assertThatCode(() -> trust.checkClientTrusted(CLIENT, "UNKNOWN")).doesNotThrowAnyException();
        assertThat(trust.getAcceptedIssuers()).containsExactly(ROOT.certificate());
    }

    @Test
    void overTheJdksOwnTrustAChainIsRefusedByTheJdkBeforeAnyPathIsBuilt() {
        ReloadingTrustManager trust = new ReloadingTrustManager(jdkDefault());

        assertThatThrownBy(() -> trust.checkServerPath(CHAIN, "UNKNOWN", null, null))
                .isInstanceOf(CertificateException.class)
                .hasMessageNotContaining("could not be established again");
    }

    @Test
    void overTheJdksOwnTrustTheAcceptedPathEndsAtTheJdksCertificate() throws CertificateException {
        Reloadable<TrustMaterial> material = jdkDefault();
        ReloadingTrustManager trust = new ReloadingTrustManager(material);
        // A certificate of the JDK's trust presented as the server's: accepted without building, its own anchor.
        X509Certificate jdkRoot = material.current().anchors().stream()
                .filter(c -> c.getPublicKey().getAlgorithm().equals("EC")).findFirst()
                .orElse(material.current().anchors().get(0));
        X509Certificate[] chain = { jdkRoot };

        for (int i = 0; i < 2; i++) {
            ValidatedPath path = trust.checkServerPath(chain, "UNKNOWN", null, null);
            assertThat(path.certificates()).isEmpty();
            assertThat(path.anchor()).isEqualTo(jdkRoot);
        }
    }

    private static Reloadable<TrustMaterial> jdkDefault() {
        return Reloadable.fixed("default", TrustMaterial.load(TrustSpec.jdkDefault(),
                ReloadingTrustEveryWayTheJdkAsksTest.class.getClassLoader(), Map.of()));
    }
}
