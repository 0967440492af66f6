package io.quarkiverse.restclient.verify.trust.revocation;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;
import io.quarkiverse.restclient.verify.testpki.Pem;
import io.quarkiverse.restclient.verify.trust.TrustMaterialException;

/**
 * A CRL setting pointed at the wrong file, the mistake people make when they have a CA's certificate at hand and not
 * its CRL: the message says what the file is (a certificate, a CA bundle, a private key), not that a CRL is damaged.
 */
class CrlFileOfAnotherKindTest {

    static final CertificateAuthority CA = CertificateAuthority.root("CRL Kind CA");
    static final CertificateAuthority OTHER = CertificateAuthority.root("CRL Kind Other CA");

    @TempDir
    Path dir;

    @Test
    void aPemCertificateIsNamedAsOne() throws Exception {
        Path file = Pem.write(dir.resolve("ca.pem"), Pem.certificates(CA.certificate()));
        assertThatThrownBy(() -> CrlSet.load(List.of(file))).isInstanceOf(TrustMaterialException.class)
                .hasMessageContaining(file + " is a certificate ('CN=CRL Kind CA").hasMessageContaining("not a CRL")
                .hasMessageContaining("Fix:").hasMessageNotContaining("download the CRL again");
    }

    @Test
    void aDerCertificateIsNamedAsOne() throws Exception {
        Path file = dir.resolve("ca.cer");
        Files.write(file, CA.certificate().getEncoded());
        assertThatThrownBy(() -> CrlSet.load(List.of(file))).isInstanceOf(TrustMaterialException.class)
                .hasMessageContaining(file + " is a certificate in DER form ('CN=CRL Kind CA")
                .hasMessageContaining("not a CRL").hasMessageNotContaining("algid")
                .hasMessageNotContaining("download the CRL again");
    }

    @Test
    void aBundleIsNamedAsOne() throws Exception {
        Path file = Pem.write(dir.resolve("bundle.pem"), Pem.certificates(CA.certificate(), OTHER.certificate()));
        assertThatThrownBy(() -> CrlSet.load(List.of(file))).isInstanceOf(TrustMaterialException.class)
                .hasMessageContaining(file + " is a CA bundle of 2 certificates, not a CRL");
    }

    @Test
    void aPrivateKeyIsNamedAsOneAndNotShown() throws Exception {
        String key = Pem.privateKey(CA.privateKey());
        Path file = Pem.write(dir.resolve("ca.key"), key);
        assertThatThrownBy(() -> CrlSet.load(List.of(file))).isInstanceOf(TrustMaterialException.class)
                .hasMessageContaining(file + " holds a private key, not a CRL")
                .hasMessageNotContaining(key.lines().skip(1).findFirst().orElseThrow());
    }
}
