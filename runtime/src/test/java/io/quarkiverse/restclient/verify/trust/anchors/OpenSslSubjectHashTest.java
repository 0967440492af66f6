package io.quarkiverse.restclient.verify.trust.anchors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERBMPString;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.DERNumericString;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERT61String;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.DERUniversalString;
import org.bouncycastle.asn1.DERVisibleString;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkiverse.restclient.verify.trust.NamedCertificates;
import io.quarkiverse.restclient.verify.trust.files.CertificateFileReader;

class OpenSslSubjectHashTest {

    private static final Path SYSTEM_CERTS = Path.of("/etc/ssl/certs");
    private static final Path OPENSSL = Path.of("/usr/bin/openssl");
    private static final Pattern HASH_NAME = Pattern.compile("([0-9a-f]{8})\\.[0-9]+");
    private static final X500Name ISSUER = new X500Name("CN=Hash Test Issuer");

    @Test
    void agreesWithEveryHashLinkOfTheSystemCaDirectory() throws IOException {
        assumeTrue(Files.isDirectory(SYSTEM_CERTS), "no " + SYSTEM_CERTS + " on this machine");
        List<String> mismatches = new ArrayList<>();
        int checked = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(SYSTEM_CERTS)) {
            for (Path entry : entries) {
                Matcher matcher = HASH_NAME.matcher(entry.getFileName().toString());
                if (!matcher.matches() || !Files.isRegularFile(entry)) {
                    continue;
                }
                X509Certificate certificate = CertificateFileReader.read(entry).get(0);
                checked++;
                String hash = OpenSslSubjectHash.of(certificate);
                if (!hash.equals(matcher.group(1))) {
                    mismatches.add(entry.getFileName() + " -> " + hash + " for "
                            + certificate.getSubjectX500Principal());
                }
            }
        }
        assumeTrue(checked > 0, "no hash links in " + SYSTEM_CERTS);
        System.out.println("OpenSslSubjectHashTest: checked " + checked + " hash links of " + SYSTEM_CERTS);
        assertThat(mismatches).isEmpty();
        assertThat(checked).isGreaterThan(100);
    }

    @Test
    void agreesWithHashesComputedByOpensslItself() throws IOException {
        // Committed pairs, so the comparison with OpenSSL holds on machines without OpenSSL or /etc/ssl/certs too.
        List<String> lines;
        try (InputStream in = getClass().getResourceAsStream("/openssl-subject-hashes/hashes.txt")) {
            assertThat(in).as("openssl-subject-hashes/hashes.txt on the test class path").isNotNull();
            lines = new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
        }
        Map<String, String> mismatches = new LinkedHashMap<>();
        for (String line : lines) {
            String[] pair = line.split(" ", 2);
            X509Certificate certificate;
            try (InputStream in = getClass().getResourceAsStream("/openssl-subject-hashes/" + pair[1])) {
                certificate = CertificateFileReader.read(pair[1], in.readAllBytes()).get(0);
            }
            String hash = OpenSslSubjectHash.of(certificate);
            if (!hash.equals(pair[0])) {
                mismatches.put(pair[1], "OpenSSL " + pair[0] + ", ours " + hash);
            }
        }
        assertThat(lines).hasSizeGreaterThanOrEqualTo(10);
        assertThat(mismatches).isEmpty();
    }

    @Test
    void caseAndWhiteSpaceVariantsHashEqually() {
        String plain = hash(name(rdn(BCStyle.CN, new DERUTF8String("corp root ca")), rdn(BCStyle.O, utf8("acme"))));
        assertThat(plain).matches("[0-9a-f]{8}");
        // Same text in other string types, cases and white space: OpenSSL treats them as one name.
        assertThat(hash(name(rdn(BCStyle.CN, utf8("  Corp \t  ROOT\nCA ")), rdn(BCStyle.O, utf8("ACME")))))
                .isEqualTo(plain);
        assertThat(hash(name(rdn(BCStyle.CN, new DERPrintableString("CORP ROOT CA")),
                rdn(BCStyle.O, new DERPrintableString(" Acme"))))).isEqualTo(plain);
        assertThat(hash(name(rdn(BCStyle.CN, new DERBMPString("Corp Root CA")),
                rdn(BCStyle.O, new DERT61String("acme  "))))).isEqualTo(plain);
        // OpenSSL refuses VisibleString in names when parsing certificates, but canonicalises it all the same.
        assertThat(hash(name(rdn(BCStyle.CN, new DERVisibleString("Corp  Root CA")),
                rdn(BCStyle.O, new DERIA5String("ACME"))))).isEqualTo(plain);
        // RFC 2253 strings list the last RDN first.
        assertThat(OpenSslSubjectHash.of(new X500Principal("O=Acme, CN=Corp Root CA"))).isEqualTo(plain);

        // Content, attribute types and RDN order still count.
        assertThat(hash(name(rdn(BCStyle.CN, utf8("corp root ca")), rdn(BCStyle.O, utf8("other")))))
                .isNotEqualTo(plain);
        assertThat(hash(name(rdn(BCStyle.CN, utf8("corproot ca")), rdn(BCStyle.O, utf8("acme"))))).isNotEqualTo(plain);
        assertThat(hash(name(rdn(BCStyle.O, utf8("acme")), rdn(BCStyle.CN, utf8("corp root ca"))))).isNotEqualTo(plain);
        assertThat(hash(name(rdn(BCStyle.OU, utf8("corp root ca")), rdn(BCStyle.O, utf8("acme"))))).isNotEqualTo(plain);
    }

    @Test
    void nonAsciiLettersKeepTheirCaseAndNumericStringsAreNotCanonicalised() {
        assertThat(hash(name(rdn(BCStyle.CN, utf8("Ünïcödé")))))
                .isNotEqualTo(hash(name(rdn(BCStyle.CN, utf8("ünïcödé")))))
                .isEqualTo(hash(name(rdn(BCStyle.CN, utf8("ÜNïCöDé")))));
        assertThat(hash(name(rdn(BCStyle.SERIALNUMBER, new DERNumericString("0123 ")))))
                .isNotEqualTo(hash(name(rdn(BCStyle.SERIALNUMBER, new DERNumericString("0123")))));
    }

    @Test
    void anEmptyNameHashesTheEmptyInput() throws Exception {
        byte[] sha1 = MessageDigest.getInstance("SHA-1").digest(new byte[0]);
        String expected = String.format("%02x%02x%02x%02x", sha1[3], sha1[2], sha1[1], sha1[0]);
        assertThat(expected).isEqualTo("eea339da");
        assertThat(hash(new X500Name(new RDN[0]))).isEqualTo(expected);
    }

    @Test
    void agreesWithTheOpensslCommand(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(OPENSSL), "no " + OPENSSL + " on this machine");
        Map<String, X500Name> names = new LinkedHashMap<>();
        names.put("JDK-encoded simple", X500Name.getInstance(new X500Principal("CN=Simple").getEncoded()));
        names.put("upper case and spaces", name(rdn(BCStyle.C, new DERPrintableString("DE")),
                rdn(BCStyle.O, new DERPrintableString("Example  CORP")), rdn(BCStyle.OU, utf8("Unit One")),
                rdn(BCStyle.CN, utf8("  Mixed   Case\tName \r\n"))));
        names.put("UTF8 non-ASCII",
                name(rdn(BCStyle.O, utf8("Grüße GmbH")), rdn(BCStyle.CN, utf8(" Ünïcödé  Wörld 日本"))));
        names.put("multi-valued RDN re-sorted after trimming", new X500Name(new RDN[] {
                new RDN(new AttributeTypeAndValue[] {
                        new AttributeTypeAndValue(BCStyle.CN, utf8("    X    ")),
                        new AttributeTypeAndValue(BCStyle.OU, utf8("abc")) }),
                rdn(BCStyle.O, utf8("Multi")) }));
        names.put("every string type", name(rdn(BCStyle.CN, new DERBMPString("BMP Ñame")),
                rdn(BCStyle.O, new DERT61String("T61  Org")), rdn(BCStyle.OU, new DERT61String("Caf\u00e9 Unit")),
                rdn(BCStyle.L, universal(" Universal City ")),
                rdn(BCStyle.EmailAddress, new DERIA5String("Ops@Example.COM")),
                rdn(BCStyle.DC, new DERIA5String("EXAMPLE"))));
        names.put("numeric string kept as is", name(rdn(BCStyle.SERIALNUMBER, new DERNumericString(" 0123  45 ")),
                rdn(BCStyle.CN, utf8("Numeric"))));
        names.put("white space only value", name(rdn(BCStyle.CN, utf8(" \t ")), rdn(BCStyle.O, utf8("Blank"))));
        names.put("empty name", new X500Name(new RDN[0]));

        for (Map.Entry<String, X500Name> name : names.entrySet()) {
            X509Certificate certificate = withSubject(name.getValue());
            Path file = dir.resolve("c.pem");
            Files.writeString(file, pem(certificate), StandardCharsets.US_ASCII);
            Process process = new ProcessBuilder(OPENSSL.toString(), "x509", "-hash", "-noout", "-in", file.toString())
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as(name.getKey() + ": " + output).isZero();
            assertThat(OpenSslSubjectHash.of(certificate)).as(name.getKey()).isEqualTo(output);
        }
    }

    private static String hash(X500Name name) {
        try {
            return OpenSslSubjectHash.of(new X500Principal(name.getEncoded()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static X500Name name(RDN... rdns) {
        return new X500Name(rdns);
    }

    private static RDN rdn(ASN1ObjectIdentifier type, ASN1Encodable value) {
        return new RDN(type, value);
    }

    private static DERUTF8String utf8(String value) {
        return new DERUTF8String(value);
    }

    private static DERUniversalString universal(String value) {
        return new DERUniversalString(value.getBytes(Charset.forName("UTF-32BE")));
    }

    private static String pem(X509Certificate certificate) throws Exception {
        return "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }

    private static X509Certificate withSubject(X500Name subject) throws Exception {
        // A fixed issuer, because the JDK refuses an empty issuer and the empty subject is one of the cases.
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(ISSUER, BigInteger.ONE,
                new Date(System.currentTimeMillis() - 60_000L), new Date(System.currentTimeMillis() + 86_400_000L),
                subject, NamedCertificates.KEYS.getPublic());
        return new JcaX509CertificateConverter()
                .getCertificate(builder
                        .build(new JcaContentSignerBuilder("SHA256withECDSA").build(NamedCertificates.KEYS.getPrivate())));
    }

}
