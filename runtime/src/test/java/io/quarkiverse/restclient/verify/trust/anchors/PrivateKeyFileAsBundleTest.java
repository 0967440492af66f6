package io.quarkiverse.restclient.verify.trust.anchors;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;
import io.quarkiverse.restclient.verify.testpki.IssuedCertificate;
import io.quarkiverse.restclient.verify.testpki.Pem;
import io.quarkiverse.restclient.verify.trust.TrustMaterialException;

/**
 * {@code verify} naming a private key file is a mix-up of files, said as such; a key inside a bundle of certificates
 * is still treated as a leak.
 */
class PrivateKeyFileAsBundleTest {

    private static final IssuedCertificate SERVER = CertificateAuthority.root("Key Mix-up Root")
            .server("server.test", List.of("server.test"), List.of());

    @TempDir
    Path dir;

    @Test
    void aKeyFileIsAPrivateKeyNotACaBundle() {
        Path key = Pem.write(dir.resolve("server.key"), Pem.privateKey(SERVER.privateKey()));
        assertThatThrownBy(() -> TrustMaterial.load(TrustSpec.parse(key.toString()), getClass().getClassLoader()))
                .isInstanceOf(TrustMaterialException.class)
                .hasMessageContaining(key + ": this is a private key (BEGIN PRIVATE KEY on line 1), not a CA bundle")
                .hasMessageContaining("Fix: point verify at the CA certificate(s) that issued the server's certificate")
                .message().doesNotContain("leaked");
    }

    @Test
    void aKeyAmongCertificatesIsStillALeak() {
        Path bundle = Pem.write(dir.resolve("bundle.pem"), Pem.certificates(SERVER.certificate())
                + Pem.privateKey(SERVER.privateKey()));
        assertThatThrownBy(() -> TrustMaterial.load(TrustSpec.parse(bundle.toString()), getClass().getClassLoader()))
                .hasMessageContaining("treat this key as leaked");
    }
}
