package io.quarkiverse.restclient.verify.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.regex.Pattern;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkiverse.restclient.verify.testpki.Pem;

class OpenSslSubjectHashTest {

    private static final Path SYSTEM_CERTS = Path.of("/etc/ssl/certs");
    private static final Pattern HASH_NAME = Pattern.compile("([0-9a-f]{8})\\.[0-9]+");

    @Test
    void agreesWithEveryHashLinkOfTheSystemCaDirectory() throws IOException {
        assumeTrue(Files.isDirectory(SYSTEM_CERTS), "no " + SYSTEM_CERTS + " on this machine");
        List<String> mismatches = new ArrayList<>();
        int checked = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(SYSTEM_CERTS)) {
            for (Path entry : entries) {
                var matcher = HASH_NAME.matcher(entry.getFileName().toString());
                if (!matcher.matches()) {
                    continue;
                }
                X509Certificate certificate = CertificateFileReader.read(entry).get(0);
                checked++;
                String hash = OpenSslSubjectHash.of(certificate);
                if (!hash.equals(matcher.group(1))) {
                    mismatches.add(entry.getFileName() + " -> " + hash + " for " + certificate.getSubjectX500Principal());
                }
            }
        }
        assumeTrue(checked > 0, "no hash links in " + SYSTEM_CERTS);
        assertThat(mismatches).isEmpty();
        assertThat(checked).isGreaterThan(100);
    }

    @Test
    void caseAndWhiteSpaceDoNotChangeTheHash() {
        String plain = OpenSslSubjectHash.of(new X500Principal("CN=corp root ca,O=acme"));
        assertThat(OpenSslSubjectHash.of(new X500Principal("CN=  Corp   ROOT CA ,O=ACME"))).isEqualTo(plain);
        assertThat(OpenSslSubjectHash.of(new X500Principal("CN=corp root ca,O=other"))).isNotEqualTo(plain);
        assertThat(plain).matches("[0-9a-f]{8}");
    }

    @Test
    void agreesWithTheOpensslCommand(@TempDir Path dir) throws Exception {
        Path openssl = Path.of("/usr/bin/openssl");
        assumeTrue(Files.isExecutable(openssl), "no openssl binary");
        List<String> names = List.of("CN=Simple", "CN=  Mixed   Case Name ,OU=Unit One,O=Example Corp,C=DE",
                "CN=Ünïcödé Wörld,O=Grüße GmbH", "CN=a+OU=multi valued,O=x", "EMAILADDRESS=ops@example.com,CN=Mail");
        for (String name : names) {
            Path file = dir.resolve("c.pem");
            X509Certificate subjectCertificate = withSubject(name);
            Pem.write(file, Pem.certificates(subjectCertificate));
            Process process = new ProcessBuilder(openssl.toString(), "x509", "-hash", "-noout", "-in", file.toString())
                    .redirectErrorStream(true).start();
            String expected = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            assertThat(process.waitFor()).isZero();
            assertThat(OpenSslSubjectHash.of(subjectCertificate)).as(name).isEqualTo(expected);
        }
    }

    private static X509Certificate withSubject(String name) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        KeyPair keys = generator.generateKeyPair();
        X500Principal subject = new X500Principal(name);
        var builder = new JcaX509v3CertificateBuilder(subject, BigInteger.ONE, new Date(),
                new Date(System.currentTimeMillis() + 86_400_000L), subject, keys.getPublic());
        return new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
    }
}
