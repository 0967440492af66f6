package io.quarkiverse.restclient.verify.testpki;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PemTest {

    static final CertificateAuthority ROOT = CertificateAuthority.root("Pem Root");
    static final CertificateAuthority INTERMEDIATE = ROOT.intermediate("Pem Intermediate");

    @Test
    void certificatesReadBackInOrder() throws Exception {
        String pem = Pem.certificates(INTERMEDIATE.certificate(), ROOT.certificate());

        assertThat(pem).startsWith("-----BEGIN CERTIFICATE-----\n").endsWith("-----END CERTIFICATE-----\n");
        assertThat(pem.lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(64));
        List<Certificate> read = List.copyOf(CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII))));
        assertThat(read).containsExactly(INTERMEDIATE.certificate(), ROOT.certificate());
        assertThat(Pem.certificates(INTERMEDIATE.chainToRoot())).isEqualTo(pem);
    }

    @Test
    void privateKeyIsPkcs8() throws Exception {
        for (PrivateKey key : List.of(ROOT.privateKey(),
                CertificateAuthority.root("Pem RSA", CertificateAuthority.KeyType.RSA_2048).privateKey())) {
            String pem = Pem.privateKey(key);

            assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----\n").endsWith("-----END PRIVATE KEY-----\n");
            byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
            assertThat(KeyFactory.getInstance(key.getAlgorithm()).generatePrivate(new PKCS8EncodedKeySpec(der)))
                    .isEqualTo(key);
        }
    }

    @Test
    void derIsTheEncoding() throws Exception {
        assertThat(Pem.der(ROOT.certificate())).isEqualTo(ROOT.certificate().getEncoded());
    }

    @Test
    void writeCreatesParentDirectories(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("a/b/ca.pem");

        assertThat(Pem.write(file, Pem.certificates(ROOT.certificate()))).isEqualTo(file);
        assertThat(Files.readString(file)).isEqualTo(Pem.certificates(ROOT.certificate()));
    }
}
