package io.quarkiverse.restclient.verify.trust.anchors;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The Mozilla CA bundle, as the runtime reads it from the artifact, holds exactly the roots its {@code certdata.txt}
 * trusts for TLS servers ({@code CKA_TRUST_SERVER_AUTH CKT_NSS_TRUSTED_DELEGATOR}), by SHA-256, each with the
 * {@code CKA_NSS_SERVER_DISTRUST_AFTER} date Mozilla set on it, and names the release of {@code nssckbi.h}.
 * <p>
 * {@code certdata.txt} is read here by a parser of its own, not the generator's: trust objects are joined to
 * certificates by {@code CKA_CERT_SHA1_HASH} (the generator joins by issuer and serial number). Run against another
 * {@code certdata.txt} with {@code -Dmozilla.certdata=<path>}.
 */
class MozillaBundleMatchesCertdataTest {

    private static final Path CERTDATA_DIRECTORY = Path.of("../mozilla-ca/src/certdata");

    @Test
    void artifactEqualsItsCertdata() throws IOException {
        Path certdata = Path.of(System.getProperty("mozilla.certdata", CERTDATA_DIRECTORY.resolve("certdata.txt")
                .toString()));
        MozillaCaBundle bundle = MozillaCaBundle.load(getClass().getClassLoader());

        String text = Files.readString(certdata, StandardCharsets.UTF_8);
        Map<String, Instant> shipped = new HashMap<>();
        bundle.distrustAfter().forEach((root, date) -> shipped.put(sha256(encoded(root)), date));

        assertThat(differences(text, bundle)).as("the artifact against %s", certdata).isEmpty();
        // Every date Mozilla set, on whichever certificate, is on that root in the bundle.
        assertThat(shipped).as("distrust-after dates by SHA-256").containsExactlyInAnyOrderEntriesOf(dated(text));
        assertThat(bundle.release()).isEqualTo(builtinsVersion(
                Files.readString(CERTDATA_DIRECTORY.resolve("nssckbi.h"), StandardCharsets.UTF_8)));
    }

    @Test
    void aRootNoLongerTrustedForServersIsFound() throws IOException {
        String certdata = read();
        String changed = certdata.replaceFirst("CKA_TRUST_SERVER_AUTH CK_TRUST CKT_NSS_TRUSTED_DELEGATOR",
                "CKA_TRUST_SERVER_AUTH CK_TRUST CKT_NSS_MUST_VERIFY_TRUST");

        assertThat(changed).isNotEqualTo(certdata);
        assertThat(differences(changed, MozillaCaBundle.load(getClass().getClassLoader())))
                .singleElement().asString().startsWith("in the bundle, not trusted for servers in certdata.txt: ");
    }

    @Test
    void aMissingOrMovedDistrustDateIsFound() throws IOException {
        String certdata = read();
        Matcher first = Pattern.compile("CKA_NSS_SERVER_DISTRUST_AFTER MULTILINE_OCTAL\n[^E]*END").matcher(certdata);
        assertThat(first.find()).isTrue();
        String dropped = certdata.substring(0, first.start()) + "CKA_NSS_SERVER_DISTRUST_AFTER CK_BBOOL CK_FALSE"
                + certdata.substring(first.end());
        // The first two digits of the UTCTime are the year: one year later.
        int lastYearDigit = first.start() + first.group().indexOf('\n') + 8;
        String later = certdata.substring(0, lastYearDigit) + (char) (certdata.charAt(lastYearDigit) + 1)
                + certdata.substring(lastYearDigit + 1);
        MozillaCaBundle bundle = MozillaCaBundle.load(getClass().getClassLoader());

        assertThat(differences(dropped, bundle)).singleElement().asString()
                .startsWith("distrust-after differs for ").endsWith(": certdata.txt none, bundle 2024-11-30T23:59:59Z");
        assertThat(differences(later, bundle)).singleElement().asString()
                .endsWith(": certdata.txt 2025-11-30T23:59:59Z, bundle 2024-11-30T23:59:59Z");
    }

    /** What differs between the roots certdata.txt trusts for TLS servers and the bundle; empty when equal. */
    private static List<String> differences(String certdata, MozillaCaBundle bundle) {
        Map<String, Instant> trusted = serverRoots(certdata);
        Map<String, Instant> shipped = new TreeMap<>();
        Map<String, String> names = labels(certdata);
        List<String> differences = new ArrayList<>();
        for (X509Certificate certificate : bundle.certificates()) {
            String sha256 = sha256(encoded(certificate));
            names.put(sha256, certificate.getSubjectX500Principal().getName());
            if (shipped.put(sha256, bundle.distrustAfter().getOrDefault(certificate, Instant.MIN)) != null) {
                differences.add("twice in the bundle: " + names.get(sha256));
            }
        }
        Set<String> all = new TreeSet<>(trusted.keySet());
        all.addAll(shipped.keySet());
        for (String sha256 : all) {
            String name = names.getOrDefault(sha256, "SHA-256 " + sha256);
            if (!shipped.containsKey(sha256)) {
                differences.add("trusted for servers in certdata.txt, not in the bundle: " + name);
            } else if (!trusted.containsKey(sha256)) {
                differences.add("in the bundle, not trusted for servers in certdata.txt: " + name);
            } else if (!trusted.get(sha256).equals(shipped.get(sha256))) {
                differences.add("distrust-after differs for " + name + ": certdata.txt " + text(trusted.get(sha256))
                        + ", bundle " + text(shipped.get(sha256)));
            }
        }
        return differences;
    }

    /**
     * SHA-256 of each certificate whose trust object says {@code CKA_TRUST_SERVER_AUTH CKT_NSS_TRUSTED_DELEGATOR},
     * with its {@code CKA_NSS_SERVER_DISTRUST_AFTER} ({@link Instant#MIN} for none).
     */
    private static Map<String, Instant> serverRoots(String certdata) {
        Map<String, byte[]> certificateBySha1 = new HashMap<>();
        Map<String, Instant> distrustBySha1 = new HashMap<>();
        Set<String> serverTrustedSha1 = new TreeSet<>();
        for (Map<String, Object> object : objects(certdata)) {
            if ("CKO_CERTIFICATE".equals(object.get("CKA_CLASS"))) {
                byte[] der = (byte[]) object.get("CKA_VALUE");
                String sha1 = HexFormat.of().formatHex(digest("SHA-1", der));
                certificateBySha1.put(sha1, der);
                Object distrust = object.get("CKA_NSS_SERVER_DISTRUST_AFTER");
                distrustBySha1.put(sha1, distrust instanceof byte[] time ? utcTime(time) : Instant.MIN);
            } else if ("CKO_NSS_TRUST".equals(object.get("CKA_CLASS"))
                    && "CKT_NSS_TRUSTED_DELEGATOR".equals(object.get("CKA_TRUST_SERVER_AUTH"))) {
                serverTrustedSha1.add(HexFormat.of().formatHex((byte[]) object.get("CKA_CERT_SHA1_HASH")));
            }
        }
        Map<String, Instant> roots = new TreeMap<>();
        for (String sha1 : serverTrustedSha1) {
            byte[] der = certificateBySha1.get(sha1);
            assertThat(der).as("the certificate of trust object %s", sha1).isNotNull();
            roots.put(sha256(der), distrustBySha1.get(sha1));
        }
        return roots;
    }

    /** Mozilla's label of each certificate, by SHA-256, to name a root that is missing from the bundle. */
    private static Map<String, String> labels(String certdata) {
        Map<String, String> labels = new HashMap<>();
        for (Map<String, Object> object : objects(certdata)) {
            if ("CKO_CERTIFICATE".equals(object.get("CKA_CLASS"))) {
                labels.put(sha256((byte[]) object.get("CKA_VALUE")), "'" + object.get("CKA_LABEL") + "'");
            }
        }
        return labels;
    }

    /** SHA-256 of each certificate of certdata.txt that has a {@code CKA_NSS_SERVER_DISTRUST_AFTER} date, with it. */
    private static Map<String, Instant> dated(String certdata) {
        Map<String, Instant> dated = new HashMap<>();
        for (Map<String, Object> object : objects(certdata)) {
            if ("CKO_CERTIFICATE".equals(object.get("CKA_CLASS"))
                    && object.get("CKA_NSS_SERVER_DISTRUST_AFTER") instanceof byte[] time) {
                dated.put(sha256((byte[]) object.get("CKA_VALUE")), utcTime(time));
            }
        }
        return dated;
    }

    /** Objects as attribute maps: a keyword or UTF-8 string as String, MULTILINE_OCTAL as byte[]. */
    private static List<Map<String, Object>> objects(String certdata) {
        Pattern attribute = Pattern.compile("^(CKA_\\w+) (\\w+)(?: (.*))?$");
        Pattern octal = Pattern.compile("\\\\([0-7]{3})");
        List<Map<String, Object>> objects = new ArrayList<>();
        Map<String, Object> object = null;
        ByteArrayOutputStream octets = null;
        String octalName = null;
        for (String line : certdata.split("\\R")) {
            if (octets != null) {
                if (line.equals("END")) {
                    object.put(octalName, octets.toByteArray());
                    octets = null;
                } else {
                    Matcher bytes = octal.matcher(line);
                    while (bytes.find()) {
                        octets.write(Integer.parseInt(bytes.group(1), 8));
                    }
                }
                continue;
            }
            Matcher matcher = attribute.matcher(line);
            if (!matcher.matches()) {
                continue;
            }
            if (matcher.group(1).equals("CKA_CLASS")) {
                object = new HashMap<>();
                objects.add(object);
            }
            if (matcher.group(2).equals("MULTILINE_OCTAL")) {
                octets = new ByteArrayOutputStream();
                octalName = matcher.group(1);
            } else if (matcher.group(3) != null) {
                object.put(matcher.group(1), matcher.group(3).replaceAll("^\"|\"$", ""));
            }
        }
        return objects;
    }

    /** An ASN.1 UTCTime as Mozilla writes it: {@code YYMMDDHHMMSSZ}, years before 50 in this century (RFC 5280). */
    private static Instant utcTime(byte[] ascii) {
        String time = new String(ascii, StandardCharsets.US_ASCII);
        assertThat(time).matches("\\d{12}Z");
        int year = Integer.parseInt(time.substring(0, 2));
        return LocalDateTime.parse((year < 50 ? "20" : "19") + time.substring(0, 12),
                DateTimeFormatter.ofPattern("yyyyMMddHHmmss")).toInstant(ZoneOffset.UTC);
    }

    private static String builtinsVersion(String nssckbi) {
        Matcher version = Pattern.compile("#define\\s+NSS_BUILTINS_LIBRARY_VERSION\\s+\"([^\"]+)\"").matcher(nssckbi);
        assertThat(version.find()).isTrue();
        return version.group(1);
    }

    private static String text(Instant instant) {
        return instant.equals(Instant.MIN) ? "none" : instant.toString();
    }

    private static String read() throws IOException {
        return Files.readString(CERTDATA_DIRECTORY.resolve("certdata.txt"), StandardCharsets.UTF_8);
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(byte[] der) {
        return HexFormat.of().formatHex(digest("SHA-256", der));
    }

    private static byte[] digest(String algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(algorithm).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
