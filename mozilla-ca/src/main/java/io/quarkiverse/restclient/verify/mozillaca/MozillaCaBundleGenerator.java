package io.quarkiverse.restclient.verify.mozillaca;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns Mozilla's {@code certdata.txt} into the PEM bundle this artifact ships: every certificate whose trust
 * object says {@code CKA_TRUST_SERVER_AUTH CKT_NSS_TRUSTED_DELEGATOR}, each preceded by its label and, where Mozilla
 * sets one, its {@code CKA_NSS_SERVER_DISTRUST_AFTER} date.
 * <p>
 * The output depends on the input only (no clock), so a test can check that the committed bundle is exactly what
 * the committed {@code certdata.txt} gives. Run it as described in the module's README.
 */
public final class MozillaCaBundleGenerator {

    /** The header line that names the Mozilla root store release. */
    public static final String RELEASE = "# Release: ";
    /** The header line that gives the day the release was published. */
    public static final String RELEASE_DATE = "# Release-Date: ";
    /** The header line that names where the data came from. */
    public static final String SOURCE = "# Source: ";
    /** The line before a certificate that gives its label. */
    public static final String LABEL = "# Label: ";
    /** The line before a certificate that gives its distrust-after date. */
    public static final String DISTRUST_AFTER = "# Server-Distrust-After: ";

    /** Mozilla's root store, from the Debian package's {@code mozilla/} folder. */
    public static final String CERTDATA = "certdata.txt";
    /** Mozilla's header naming the root store release, from the same folder. */
    public static final String NSSCKBI = "nssckbi.h";
    /** The Debian package's {@code debian/changelog}, which dates the release. */
    public static final String CHANGELOG = "debian-changelog";
    /** Package, version and suite, written by {@code regenerate.sh}. */
    public static final String SOURCE_PROPERTIES = "debian-source.properties";

    /** {@code ca-certificates (20250419) unstable; urgency=medium}: the version of a changelog entry. */
    private static final Pattern ENTRY_HEADER = Pattern.compile("^ca-certificates \\(([^)]+)\\)", Pattern.MULTILINE);
    /** {@code  -- Name <mail>  Sat, 19 Apr 2025 09:25:37 +0200}: the date of a changelog entry. */
    private static final Pattern ENTRY_TRAILER = Pattern.compile("^ -- .*?>  (.+)$", Pattern.MULTILINE);

    private MozillaCaBundleGenerator() {
    }

    /**
     * A root trusted for TLS server authentication.
     *
     * @param label Mozilla's label
     * @param der the certificate
     * @param distrustAfter certificates this root issued after this instant are not trusted
     */
    public record Root(String label, byte[] der, Optional<Instant> distrustAfter) {
    }

    /**
     * Which release a bundle carries.
     *
     * @param release the NSS builtins version, e.g. {@code 2.74}
     * @param date the day Debian's changelog imported it (see {@link #release(String, String, DebianSource)})
     * @param source where the data came from
     */
    public record Release(String release, LocalDate date, String source) {
    }

    /**
     * The Debian source package the data was taken from, as {@code regenerate.sh} records it in
     * {@code src/certdata/debian-source.properties}.
     *
     * @param version the package version, e.g. {@code 20250419}
     * @param suite the suite it was downloaded from, e.g. {@code sid}
     */
    public record DebianSource(String version, String suite) {

        /** Reads {@code version} and {@code suite} from the properties text {@code regenerate.sh} writes. */
        public static DebianSource parse(String properties) {
            Properties values = new Properties();
            try {
                values.load(new StringReader(properties));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            String version = values.getProperty("version");
            String suite = values.getProperty("suite");
            if (version == null || suite == null || !"ca-certificates".equals(values.getProperty("package"))) {
                throw new IllegalArgumentException(
                        "debian-source.properties needs package=ca-certificates, version= and suite=");
            }
            return new DebianSource(version.strip(), suite.strip());
        }
    }

    /**
     * {@code java MozillaCaBundleGenerator <certdata directory> <output.pem>}: the directory holds
     * {@code certdata.txt}, {@code nssckbi.h}, {@code debian-changelog} and {@code debian-source.properties}.
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: MozillaCaBundleGenerator <certdata directory> <output.pem>");
        }
        Path directory = Path.of(args[0]);
        String bundle = generate(read(directory, CERTDATA), read(directory, NSSCKBI), read(directory, CHANGELOG),
                read(directory, SOURCE_PROPERTIES));
        Files.writeString(Path.of(args[1]), bundle, StandardCharsets.UTF_8);
    }

    /** The bundle for these files of {@code src/certdata} (their contents, in the order of the file names). */
    public static String generate(String certdata, String nssckbi, String changelog, String sourceProperties) {
        return write(parse(certdata), release(nssckbi, changelog, DebianSource.parse(sourceProperties)));
    }

    /**
     * The release named by {@code nssckbi.h} ({@code NSS_BUILTINS_LIBRARY_VERSION}), dated by the newest entry of
     * Debian's changelog that updated the package to that NSS version ("Update Mozilla certificate authority bundle
     * to version 2.74"). Neither Mozilla's files nor the version number carry a publication date that stays true:
     * a stable update ({@code 20230311+deb12u1}, dated 2025) can carry data imported years earlier.
     *
     * @throws IllegalArgumentException when the changelog is not the one of {@code source}'s version, or no entry
     *         imports this NSS version
     */
    public static Release release(String nssckbi, String changelog, DebianSource source) {
        String marker = "#define NSS_BUILTINS_LIBRARY_VERSION \"";
        int start = nssckbi.indexOf(marker);
        if (start < 0) {
            throw new IllegalArgumentException("nssckbi.h has no NSS_BUILTINS_LIBRARY_VERSION");
        }
        start += marker.length();
        String version = nssckbi.substring(start, nssckbi.indexOf('"', start));
        Matcher top = ENTRY_HEADER.matcher(changelog);
        String newest = top.find() ? top.group(1) : "missing";
        if (!newest.equals(source.version())) {
            throw new IllegalArgumentException("debian-changelog is not the changelog of ca-certificates "
                    + source.version() + " (its newest entry is " + newest + ")");
        }
        Pattern imported = Pattern.compile("bundle\\s+to\\s+version\\s+" + Pattern.quote(version) + "(?![0-9])");
        for (String entry : changelog.split("\n(?=\\S)")) {
            Matcher trailer = ENTRY_TRAILER.matcher(entry);
            if (imported.matcher(entry).find() && trailer.find()) {
                LocalDate date = ZonedDateTime.parse(trailer.group(1).strip(), DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toLocalDate();
                return new Release(version, date, "Debian ca-certificates " + source.version() + " (" + source.suite()
                        + "), mozilla/certdata.txt");
            }
        }
        throw new IllegalArgumentException("no entry of debian-changelog says it updated the bundle to version "
                + version + ", so there is no date for it");
    }

    /** The roots of {@code certdata.txt} that Mozilla trusts to issue TLS server certificates, in file order. */
    public static List<Root> parse(String certdata) {
        List<Map<String, Object>> objects = objects(certdata);
        Map<String, Map<String, Object>> trustByIssuerAndSerial = new HashMap<>();
        for (Map<String, Object> object : objects) {
            if ("CKO_NSS_TRUST".equals(object.get("CKA_CLASS"))) {
                trustByIssuerAndSerial.put(key(object), object);
            }
        }
        List<Root> roots = new ArrayList<>();
        for (Map<String, Object> object : objects) {
            if (!"CKO_CERTIFICATE".equals(object.get("CKA_CLASS"))) {
                continue;
            }
            Map<String, Object> trust = trustByIssuerAndSerial.get(key(object));
            if (trust == null || !"CKT_NSS_TRUSTED_DELEGATOR".equals(trust.get("CKA_TRUST_SERVER_AUTH"))) {
                continue;
            }
            Optional<Instant> distrustAfter = distrustAfter(object.get("CKA_NSS_SERVER_DISTRUST_AFTER"));
            if (distrustAfter.isEmpty()) {
                distrustAfter = distrustAfter(trust.get("CKA_NSS_SERVER_DISTRUST_AFTER"));
            }
            roots.add(new Root((String) object.get("CKA_LABEL"), (byte[]) object.get("CKA_VALUE"), distrustAfter));
        }
        return roots;
    }

    /** The bundle text: a header naming the release, then each root as PEM after its label and distrust-after. */
    public static String write(List<Root> roots, Release release) {
        StringBuilder out = new StringBuilder();
        out.append("# Mozilla CA certificates trusted for TLS server authentication, for quarkus-rest-client-verify\n");
        out.append("# (verify=mozilla). Generated by MozillaCaBundleGenerator: do not edit, regenerate (see README).\n");
        out.append("# This Source Code Form is subject to the terms of the Mozilla Public License, v. 2.0.\n");
        out.append(RELEASE).append(release.release()).append('\n');
        out.append(RELEASE_DATE).append(release.date()).append('\n');
        out.append(SOURCE).append(release.source()).append('\n');
        out.append("# (Release is NSS_BUILTINS_LIBRARY_VERSION of mozilla/nssckbi.h; Release-Date is the date of the\n");
        out.append("# Debian changelog entry that updated the package to that version.)\n");
        out.append("# Certificates: ").append(roots.size()).append('\n');
        Base64.Encoder base64 = Base64.getMimeEncoder(64, new byte[] { '\n' });
        for (Root root : roots) {
            out.append('\n');
            out.append(LABEL).append(root.label()).append('\n');
            root.distrustAfter().ifPresent(date -> out.append(DISTRUST_AFTER).append(date).append('\n'));
            out.append("-----BEGIN CERTIFICATE-----\n");
            out.append(base64.encodeToString(root.der())).append('\n');
            out.append("-----END CERTIFICATE-----\n");
        }
        return out.toString();
    }

    private static String read(Path directory, String name) throws IOException {
        return Files.readString(directory.resolve(name), StandardCharsets.UTF_8);
    }

    private static String key(Map<String, Object> object) {
        return Base64.getEncoder().encodeToString((byte[]) object.get("CKA_ISSUER")) + "/"
                + Base64.getEncoder().encodeToString((byte[]) object.get("CKA_SERIAL_NUMBER"));
    }

    private static Optional<Instant> distrustAfter(Object value) {
        if (!(value instanceof byte[])) {
            // CK_BBOOL CK_FALSE: no distrust date.
            return Optional.empty();
        }
        // A UTCTime (YYMMDDHHMMSSZ) or GeneralizedTime (YYYYMMDDHHMMSSZ), as ASCII.
        String time = new String((byte[]) value, StandardCharsets.US_ASCII);
        if (time.length() == 13) {
            int year = Integer.parseInt(time.substring(0, 2));
            time = (year < 50 ? "20" : "19") + time;
        }
        return Optional.of(DateTimeFormatter.ofPattern("yyyyMMddHHmmssX").parse(time, Instant::from)
                .atOffset(ZoneOffset.UTC).toInstant());
    }

    /** The objects of certdata.txt, each attribute as a String (a keyword, a UTF-8 string) or a byte[] (octal). */
    private static List<Map<String, Object>> objects(String certdata) {
        List<Map<String, Object>> objects = new ArrayList<>();
        Map<String, Object> current = null;
        String[] lines = certdata.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#") || line.equals("BEGINDATA")) {
                continue;
            }
            String[] parts = line.split("\\s+", 3);
            if (parts[0].equals("CKA_CLASS")) {
                current = new HashMap<>();
                objects.add(current);
            }
            if (current == null || parts.length < 2) {
                continue;
            }
            if (parts[1].equals("MULTILINE_OCTAL")) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                for (i++; !lines[i].strip().equals("END"); i++) {
                    for (String octal : lines[i].strip().split("\\\\")) {
                        if (!octal.isEmpty()) {
                            bytes.write(Integer.parseInt(octal, 8));
                        }
                    }
                }
                current.put(parts[0], bytes.toByteArray());
            } else if (parts[1].equals("UTF8") && parts.length == 3) {
                String quoted = parts[2];
                current.put(parts[0], quoted.substring(1, quoted.length() - 1));
            } else if (parts.length == 3) {
                current.put(parts[0], parts[2]);
            }
        }
        return objects;
    }
}
