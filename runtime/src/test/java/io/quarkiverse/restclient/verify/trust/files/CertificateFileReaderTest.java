package io.quarkiverse.restclient.verify.trust.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkiverse.restclient.verify.trust.NamedCertificates;
import io.quarkiverse.restclient.verify.trust.TrustMaterialException;

class CertificateFileReaderTest {

    private static final X509Certificate ROOT = selfSigned("CN=Reader Root,O=Verify Tests", 1);
    private static final X509Certificate INTERMEDIATE = selfSigned("CN=Reader Intermediate,O=Verify Tests", 2);
    private static final X509Certificate OTHER = selfSigned("CN=Reader Other,O=Verify Tests", 3);

    @TempDir
    Path dir;

    @Test
    void readsEveryCertificateOfABundleIgnoringTextAroundThem() throws IOException {
        String bundle = "# corporate roots, as in Debian's ca-certificates.crt\nsubject=CN = Reader Root\n"
                + "Certificate:\n    Data:\n        Version: 3 (0x2)\n"
                + pem("CERTIFICATE", der(ROOT)) + "\nsome notes: between blocks\n\n"
                + pem("X509 CERTIFICATE", der(INTERMEDIATE)) + pem("CERTIFICATE", der(OTHER)) + "trailing text";
        assertThat(CertificateFileReader.read(write("bundle.pem", bundle))).containsExactly(ROOT, INTERMEDIATE, OTHER);
    }

    @Test
    void acceptsWindowsLineEndingsAndAByteOrderMark() throws IOException {
        String crlf = ("\uFEFF" + pem("CERTIFICATE", der(ROOT)) + pem("CERTIFICATE", der(OTHER))).replace("\n", "\r\n");
        assertThat(CertificateFileReader.read(write("crlf.pem", crlf))).containsExactly(ROOT, OTHER);

        String truncated = ("notes\n" + pem("CERTIFICATE", der(ROOT))).replace("-----END CERTIFICATE-----", "")
                .replace("\n", "\r\n");
        assertThatThrownBy(() -> CertificateFileReader.read(write("cut.pem", truncated)))
                .hasMessageStartingWith("line 2: the CERTIFICATE block that starts here has no");
    }

    @Test
    void readsADerCertificate() throws IOException {
        Path file = Files.write(dir.resolve("root.der"), der(ROOT));
        assertThat(CertificateFileReader.read(file)).containsExactly(ROOT);
    }

    @Test
    void readsTheLeadingCertificateOfOpensslTrustedCertificates() throws IOException {
        // OpenSSL's X509_AUX trails the certificate: here trusted for serverAuth.
        byte[] aux = new DERSequence(new ASN1Encodable[] {
                new DERSequence(new ASN1Encodable[] { KeyPurposeId.id_kp_serverAuth.toOID() }) }).getEncoded();
        byte[] trusted = new byte[der(ROOT).length + aux.length];
        System.arraycopy(der(ROOT), 0, trusted, 0, der(ROOT).length);
        System.arraycopy(aux, 0, trusted, der(ROOT).length, aux.length);
        Path file = write("trusted.pem", pem("TRUSTED CERTIFICATE", trusted) + pem("CERTIFICATE", der(OTHER)));
        assertThat(CertificateFileReader.read(file)).containsExactly(ROOT, OTHER);
    }

    @Test
    void readsWhatOpensslWritesAsTrustedCertificate() throws Exception {
        Path openssl = Path.of("/usr/bin/openssl");
        assumeTrue(Files.isExecutable(openssl), "no " + openssl + " on this machine");
        Path in = write("in.pem", pem("CERTIFICATE", der(ROOT)));
        Path out = dir.resolve("out.pem");
        Process process = new ProcessBuilder(openssl.toString(), "x509", "-in", in.toString(), "-addtrust",
                "serverAuth", "-trustout", "-out", out.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(Files.readString(out)).contains("-----BEGIN TRUSTED CERTIFICATE-----");
        assertThat(CertificateFileReader.read(out)).containsExactly(ROOT);
    }

    @Test
    void leavesOutWhatOpensslTrustSettingsKeepFromTlsServers() throws Exception {
        Path openssl = Path.of("/usr/bin/openssl");
        assumeTrue(Files.isExecutable(openssl), "no " + openssl + " on this machine");
        String rejected = opensslTrustOut(ROOT, "-addreject", "serverAuth");
        String clientOnly = opensslTrustOut(INTERMEDIATE, "-addtrust", "clientAuth");
        String anyUse = opensslTrustOut(OTHER, "-addtrust", "anyExtendedKeyUsage");
        CertificateFileReader.CaFile read = CertificateFileReader
                .readCaFile(write("ca-bundle.trust.crt", rejected + clientOnly + anyUse));
        assertThat(read.certificates()).containsExactly(OTHER);
        assertThat(read.leftOut()).containsExactly(
                "'CN=Reader Root,O=Verify Tests' (line 1: its OpenSSL trust settings reject TLS server"
                        + " authentication)",
                "'CN=Reader Intermediate,O=Verify Tests' (line " + (rejected.split("\n").length + 1) + ": its OpenSSL"
                        + " trust settings trust it only for TLS client authentication, not for TLS server"
                        + " authentication)");
    }

    private String opensslTrustOut(X509Certificate certificate, String... settings) throws Exception {
        Path in = write("plain-" + certificate.getSerialNumber() + ".pem", pem("CERTIFICATE", der(certificate)));
        Path out = dir.resolve("trusted-" + certificate.getSerialNumber() + ".pem");
        List<String> command = new ArrayList<>(List.of("/usr/bin/openssl", "x509", "-in",
                in.toString()));
        command.addAll(List.of(settings));
        command.addAll(List.of("-trustout", "-out", out.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return Files.readString(out);
    }

    @ParameterizedTest
    @ValueSource(strings = { "PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY", "ENCRYPTED PRIVATE KEY",
            "OPENSSH PRIVATE KEY" })
    void refusesAPrivateKeyAndNamesTheLineWithoutShowingTheKey(String type) throws IOException {
        byte[] keyBytes = "PRIVATE KEY".equals(type) ? NamedCertificates.KEYS.getPrivate().getEncoded() : randomBytes(600);
        String key = pem(type, keyBytes);
        if (type.startsWith("ENCRYPTED")) {
            key = key.replaceFirst("-----\n", "-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00FF\n\n");
        }
        String certificates = "leading notes\n" + pem("CERTIFICATE", der(ROOT));
        int keyLine = certificates.split("\n").length + 1;
        Path file = write("leaky.pem", certificates + key + pem("CERTIFICATE", der(OTHER)));

        Throwable thrown = catchTrustFailure(file);
        assertThat(thrown).hasMessageStartingWith("line " + keyLine + " holds a private key (BEGIN " + type + "). A CA"
                + " bundle must contain certificates only; treat this key as leaked and keep it out of trust files");
        for (String line : key.split("\n")) {
            if (!line.startsWith("-----") && line.length() > 8) {
                assertThat(thrown.getMessage()).doesNotContain(line);
            }
        }
        assertThat(thrown.getMessage()).doesNotContain(Base64.getEncoder().encodeToString(keyBytes).substring(0, 16));
        assertThat(thrown.getCause()).isNull();
    }

    @Test
    void namesTheLineOfABlockWithoutEnd() throws IOException {
        String pem = pem("CERTIFICATE", der(ROOT));
        String truncated = "header\n" + pem.substring(0, pem.indexOf("-----END"));
        assertThatThrownBy(() -> CertificateFileReader.read(write("cut.pem", truncated)))
                .isInstanceOf(TrustMaterialException.class)
                .hasMessage("line 2: the CERTIFICATE block that starts here has no -----END CERTIFICATE----- line; the"
                        + " file is truncated or two blocks are interleaved");

        // The END line was lost in the middle of a bundle: the next BEGIN comes first.
        String lostEnd = pem.replace("-----END CERTIFICATE-----\n", "") + pem("CERTIFICATE", der(OTHER));
        assertThatThrownBy(() -> CertificateFileReader.read(write("lost.pem", lostEnd)))
                .hasMessageStartingWith("line 1: the CERTIFICATE block that starts here has no -----END CERTIFICATE");

        String mismatched = pem.replace("-----END CERTIFICATE-----", "-----END X509 CRL-----");
        int endLine = pem.split("\n").length;
        assertThatThrownBy(() -> CertificateFileReader.read(write("mismatch.pem", mismatched)))
                .hasMessageStartingWith("line 1: the CERTIFICATE block that starts here ends on line " + endLine
                        + " with -----END X509 CRL-----");
    }

    @Test
    void namesTheLineOfABlockThatIsNotBase64() throws IOException {
        String first = pem("CERTIFICATE", der(ROOT));
        int line = first.split("\n").length + 1;
        String notBase64 = first + "-----BEGIN CERTIFICATE-----\nMIIB!!!!\n-----END CERTIFICATE-----\n";
        assertThatThrownBy(() -> CertificateFileReader.read(write("b64.pem", notBase64)))
                .hasMessage("line " + line + ": the CERTIFICATE block starting here is not valid base64 (line "
                        + (line + 1) + " has the character '!')");

        String badLength = "-----BEGIN CERTIFICATE-----\nMIIBA\n-----END CERTIFICATE-----\n";
        assertThatThrownBy(() -> CertificateFileReader.read(write("length.pem", badLength)))
                .hasMessageStartingWith("line 1: the CERTIFICATE block starting here is not valid base64 (");

        String empty = "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n";
        assertThatThrownBy(() -> CertificateFileReader.read(write("hollow.pem", empty)))
                .hasMessage("line 1: the CERTIFICATE block starting here is empty");
    }

    @Test
    void namesTheLineOfABlockThatIsNotACertificate() throws IOException {
        String garbage = "text\n" + pem("CERTIFICATE", der(ROOT)) + pem("CERTIFICATE", randomBytes(300));
        int line = ("text\n" + pem("CERTIFICATE", der(ROOT))).split("\n").length + 1;
        assertThatThrownBy(() -> CertificateFileReader.read(write("bad.pem", garbage)))
                .hasMessageStartingWith("line " + line + ": the CERTIFICATE block starting here is not a valid X.509"
                        + " certificate (");
    }

    @Test
    void skipsOtherBlocksAndExplainsFilesWithoutCertificates() throws IOException {
        String publicKey = pem("PUBLIC KEY", NamedCertificates.KEYS.getPublic().getEncoded());
        String crl = pem("X509 CRL", randomBytes(100));
        assertThat(CertificateFileReader.read(write("mixed.pem", publicKey + pem("CERTIFICATE", der(ROOT)) + crl)))
                .containsExactly(ROOT);

        assertThatThrownBy(() -> CertificateFileReader.read(write("pub.pem", publicKey)))
                .hasMessage("no certificate found (1 PEM block, none of them a CERTIFICATE; found PUBLIC KEY)");
        assertThatThrownBy(() -> CertificateFileReader.read(write("two.pem", publicKey + crl + publicKey)))
                .hasMessage("no certificate found (3 PEM blocks, none of them a CERTIFICATE; found PUBLIC KEY,"
                        + " X509 CRL)");
    }

    @Test
    void explainsEmptyAndGarbageFiles() throws IOException {
        assertThatThrownBy(() -> CertificateFileReader.read(Files.write(dir.resolve("empty"), new byte[0])))
                .isInstanceOf(TrustMaterialException.class)
                .hasMessage("the file is empty");
        String neither = "no certificate found: the file is neither a PEM bundle (no -----BEGIN CERTIFICATE----- line)"
                + " nor a DER certificate";
        assertThatThrownBy(() -> CertificateFileReader.read(write("notes.txt", "just notes\n"))).hasMessage(neither);
        assertThatThrownBy(() -> CertificateFileReader.read(Files.write(dir.resolve("noise.bin"), randomBytes(2000))))
                .hasMessage(neither);
        // A DER private key is not recognisable as PEM either; it must not be echoed.
        assertThatThrownBy(() -> CertificateFileReader.read(Files.write(dir.resolve("key.der"),
                NamedCertificates.KEYS.getPrivate().getEncoded()))).hasMessage(neither);
    }

    @Test
    void explainsFilesThatCannotBeRead() throws IOException {
        assertThatThrownBy(() -> CertificateFileReader.read(dir.resolve("missing.pem")))
                .isInstanceOf(TrustMaterialException.class)
                .hasMessage("cannot be read: No such file or directory");
        assertThatThrownBy(() -> CertificateFileReader.read(dir))
                .isInstanceOf(TrustMaterialException.class)
                .hasMessageStartingWith("is a directory, not a regular file");
    }

    @Test
    void readsBytesFromAnySource() {
        byte[] content = pem("CERTIFICATE", der(ROOT)).getBytes(StandardCharsets.US_ASCII);
        assertThat(CertificateFileReader.read("classpath:ca.pem", content)).containsExactly(ROOT);
        assertThat(CertificateFileReader.read("classpath:ca.der", der(OTHER))).containsExactly(OTHER);
        assertThatThrownBy(() -> CertificateFileReader.read("classpath:empty.pem", new byte[0]))
                .hasMessage("the file is empty");
    }

    private static Throwable catchTrustFailure(Path file) {
        try {
            CertificateFileReader.read(file);
        } catch (TrustMaterialException e) {
            return e;
        }
        throw new AssertionError("expected a TrustMaterialException for " + file);
    }

    private Path write(String name, String content) throws IOException {
        return Files.write(dir.resolve(name), content.getBytes(StandardCharsets.UTF_8));
    }

    private static String pem(String type, byte[] content) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(content)
                + "\n-----END " + type + "-----\n";
    }

    private static byte[] der(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        // Not a DER SEQUENCE, so no parser mistakes it for the start of a certificate.
        bytes[0] = 0x04;
        return bytes;
    }

    private static X509Certificate selfSigned(String subject, long serial) {
        X500Principal name = new X500Principal(subject);
        Instant now = Instant.now();
        return NamedCertificates.certificate(name, name, serial, now.minusSeconds(60), now.plus(Duration.ofDays(1)));
    }
}
