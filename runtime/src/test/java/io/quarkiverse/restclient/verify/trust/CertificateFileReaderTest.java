package io.quarkiverse.restclient.verify.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;
import io.quarkiverse.restclient.verify.testpki.Pem;

class CertificateFileReaderTest {

    private static final CertificateAuthority ROOT = CertificateAuthority.root("Reader Root");
    private static final CertificateAuthority INTERMEDIATE = ROOT.intermediate("Reader Intermediate");
    private static final CertificateAuthority OTHER = CertificateAuthority.root("Reader Other");

    @TempDir
    Path dir;

    @Test
    void readsEveryCertificateOfABundleIgnoringTextAroundThem() {
        Path bundle = Pem.write(dir.resolve("bundle.pem"), "# corporate roots\nsubject=CN=Reader Root\n"
                + Pem.certificates(ROOT.certificate()) + "\nsome notes\n"
                + Pem.certificates(INTERMEDIATE.certificate(), OTHER.certificate()) + "trailing text");
        assertThat(CertificateFileReader.read(bundle)).containsExactly(ROOT.certificate(), INTERMEDIATE.certificate(),
                OTHER.certificate());
    }

    @Test
    void readsADerCertificate() throws IOException {
        Path der = Files.write(dir.resolve("root.der"), Pem.der(ROOT.certificate()));
        assertThat(CertificateFileReader.read(der)).containsExactly(ROOT.certificate());
    }

    @Test
    void readsOpensslTrustedCertificates() {
        String trusted = Pem.certificates(ROOT.certificate()).replace("CERTIFICATE", "TRUSTED CERTIFICATE");
        assertThat(CertificateFileReader.read(Pem.write(dir.resolve("t.pem"), trusted)))
                .containsExactly(ROOT.certificate());
    }

    @Test
    void refusesAPrivateKeyAndNamesTheLineWithoutShowingTheKey() {
        String key = Pem.privateKey(ROOT.privateKey());
        Path bundle = Pem.write(dir.resolve("leaked.pem"), Pem.certificates(ROOT.certificate()) + key);
        int keyLine = Pem.certificates(ROOT.certificate()).split("\n").length + 1;
        String keyBase64 = Base64.getEncoder().encodeToString(ROOT.privateKey().getEncoded());
        assertThatThrownBy(() -> CertificateFileReader.read(bundle))
                .isInstanceOf(TrustMaterialException.class)
                .hasMessageContaining("line " + keyLine + " holds a private key (BEGIN PRIVATE KEY)")
                .hasMessageContaining("treat this key as leaked")
                .hasMessageNotContaining(keyBase64.substring(0, 40))
                .hasMessageNotContaining(key.split("\n")[1]);
    }

    @Test
    void namesTheLineOfATruncatedBlock() {
        String pem = Pem.certificates(ROOT.certificate());
        String truncated = "header\n" + pem.substring(0, pem.indexOf("-----END"));
        assertThatThrownBy(() -> CertificateFileReader.read(Pem.write(dir.resolve("cut.pem"), truncated)))
                .hasMessageContaining("line 2: the CERTIFICATE block that starts here has no -----END CERTIFICATE-----");
    }

    @Test
    void namesTheLineOfABlockThatIsNotACertificate() {
        String garbage = Pem.certificates(ROOT.certificate())
                + "-----BEGIN CERTIFICATE-----\nAAAAAAAAAAAAAAAA\n-----END CERTIFICATE-----\n";
        int line = Pem.certificates(ROOT.certificate()).split("\n").length + 1;
        assertThatThrownBy(() -> CertificateFileReader.read(Pem.write(dir.resolve("bad.pem"), garbage)))
                .hasMessageContaining("line " + line + ": the CERTIFICATE block starting here is not a valid X.509");
        String notBase64 = "-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n";
        assertThatThrownBy(() -> CertificateFileReader.read(Pem.write(dir.resolve("b64.pem"), notBase64)))
                .hasMessageContaining("line 1: the CERTIFICATE block starting here is not valid base64");
    }

    @Test
    void explainsFilesWithoutCertificates() throws IOException {
        assertThatThrownBy(() -> CertificateFileReader.read(Files.write(dir.resolve("empty"), new byte[0])))
                .hasMessage("the file is empty");
        assertThatThrownBy(() -> CertificateFileReader.read(Pem.write(dir.resolve("notes.txt"), "just notes\n")))
                .hasMessageContaining("neither a PEM bundle (no -----BEGIN CERTIFICATE----- line) nor a DER certificate");
        String publicKey = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(ROOT.certificate().getPublicKey().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        assertThatThrownBy(() -> CertificateFileReader.read(Pem.write(dir.resolve("pub.pem"), publicKey)))
                .hasMessage("no certificate found (1 PEM block, none of them a CERTIFICATE)");
    }

    @Test
    void readsBytesFromAnySource() {
        byte[] content = Pem.certificates(List.of(ROOT.certificate())).getBytes();
        assertThat(CertificateFileReader.read("classpath:x.pem", content)).containsExactly(ROOT.certificate());
    }
}
