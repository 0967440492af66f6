package io.quarkiverse.restclient.verify.trust;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Mozilla's CA certificates for TLS servers, as shipped by the {@code quarkus-rest-client-verify-mozilla-ca}
 * artifact ({@code verify=mozilla}): the certificates, the release they come from, and each root's distrust-after
 * date. Read from the class path, so a test can hand in a bundle of its own through a class loader.
 */
public final class MozillaCaBundle {

    /** Where the artifact puts its bundle. */
    public static final String RESOURCE = "META-INF/quarkus-rest-client-verify/mozilla-ca.pem";
    /** The Maven coordinates users add. */
    public static final String ARTIFACT = "io.quarkiverse.restclientverify:quarkus-rest-client-verify-mozilla-ca";
    /** A bundle older than this logs a WARN at start-up. */
    public static final Period MAX_AGE = Period.ofMonths(12);

    private final String release;
    private final LocalDate releaseDate;
    private final String source;
    private final List<X509Certificate> certificates;
    private final Map<X509Certificate, Instant> distrustAfter;

    private MozillaCaBundle(String release, LocalDate releaseDate, String source, List<X509Certificate> certificates,
            Map<X509Certificate, Instant> distrustAfter) {
        this.release = release;
        this.releaseDate = releaseDate;
        this.source = source;
        this.certificates = List.copyOf(certificates);
        this.distrustAfter = Map.copyOf(distrustAfter);
    }

    /**
     * The bundle on this class path, if the artifact is there. When several copies are (two versions of the artifact,
     * or an application that ships a newer bundle of its own), the newest release wins, as a dependency upgrade
     * means it to.
     */
    public static Optional<MozillaCaBundle> find(ClassLoader classLoader) {
        MozillaCaBundle newest = null;
        try {
            for (URL url : Collections.list(classLoader.getResources(RESOURCE))) {
                MozillaCaBundle bundle;
                try (InputStream in = url.openStream()) {
                    bundle = parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
                if (newest == null || bundle.releaseDate.isAfter(newest.releaseDate)) {
                    newest = bundle;
                }
            }
        } catch (IOException e) {
            throw new TrustMaterialException("cannot read the Mozilla CA bundle " + RESOURCE + ": " + e.getMessage(), e);
        }
        return Optional.ofNullable(newest);
    }

    /**
     * The bundle on this class path.
     *
     * @throws TrustMaterialException naming the artifact to add when it is not there
     */
    public static MozillaCaBundle load(ClassLoader classLoader) {
        return find(classLoader).orElseThrow(() -> new TrustMaterialException("mozilla names the Mozilla CA bundle,"
                + " which is not on the class path. Fix: add the dependency " + ARTIFACT + " (same version as"
                + " quarkus-rest-client-verify), or use default for the JDK's cacerts"));
    }

    /** Reads the bundle format written by the artifact's generator: header lines, then labelled PEM blocks. */
    static MozillaCaBundle parse(String text) {
        String release = null;
        LocalDate releaseDate = null;
        String source = "";
        Instant pendingDistrust = null;
        List<X509Certificate> certificates = new ArrayList<>();
        Map<X509Certificate, Instant> distrust = new LinkedHashMap<>();
        StringBuilder base64 = null;
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (String raw : text.split("\n")) {
                String line = raw.strip();
                if (line.startsWith("# Release: ")) {
                    release = value(line);
                } else if (line.startsWith("# Release-Date: ")) {
                    releaseDate = LocalDate.parse(value(line));
                } else if (line.startsWith("# Source: ")) {
                    source = value(line);
                } else if (line.startsWith("# Server-Distrust-After: ")) {
                    pendingDistrust = Instant.parse(value(line));
                } else if (line.equals("-----BEGIN CERTIFICATE-----")) {
                    base64 = new StringBuilder();
                } else if (line.equals("-----END CERTIFICATE-----") && base64 != null) {
                    X509Certificate certificate = (X509Certificate) factory.generateCertificate(
                            new ByteArrayInputStream(Base64.getMimeDecoder().decode(base64.toString())));
                    certificates.add(certificate);
                    if (pendingDistrust != null) {
                        distrust.put(certificate, pendingDistrust);
                    }
                    pendingDistrust = null;
                    base64 = null;
                } else if (base64 != null) {
                    base64.append(line);
                }
            }
        } catch (CertificateException | IllegalArgumentException | java.time.DateTimeException e) {
            throw new TrustMaterialException("the Mozilla CA bundle " + RESOURCE + " is damaged (" + e.getMessage()
                    + "). Fix: use an unmodified " + ARTIFACT + " jar", e);
        }
        if (release == null || releaseDate == null || certificates.isEmpty()) {
            throw new TrustMaterialException("the Mozilla CA bundle " + RESOURCE + " has no release header or no"
                    + " certificates. Fix: use an unmodified " + ARTIFACT + " jar");
        }
        return new MozillaCaBundle(release, releaseDate, source, certificates, distrust);
    }

    private static String value(String line) {
        return line.substring(line.indexOf(':') + 1).strip();
    }

    /** The Mozilla root store release, e.g. {@code 2.60}. */
    public String release() {
        return release;
    }

    /** The day the release was published. */
    public LocalDate releaseDate() {
        return releaseDate;
    }

    /** Where the data came from, e.g. {@code Debian ca-certificates 20230311+deb12u1 (mozilla/certdata.txt)}. */
    public String source() {
        return source;
    }

    /** The CA certificates. */
    public List<X509Certificate> certificates() {
        return certificates;
    }

    /** The roots with a distrust-after date: certificates they issued after it are not trusted. */
    public Map<X509Certificate, Instant> distrustAfter() {
        return distrustAfter;
    }

    /** For people and the start-up line: {@code Mozilla CA bundle 2.60 of 2023-03-11 (140 CA certificates)}. */
    public String description() {
        return "Mozilla CA bundle " + release + " of " + releaseDate + " (" + TrustMaterial.count(certificates)
                + ")";
    }

    /** A WARN text when the bundle is older than {@link #MAX_AGE} on this clock. */
    public Optional<String> staleness(Clock clock) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        if (!releaseDate.plus(MAX_AGE).isBefore(today)) {
            return Optional.empty();
        }
        Period age = Period.between(releaseDate, today);
        return Optional.of("the Mozilla CA bundle " + release + " was released on " + releaseDate + ", "
                + age.toTotalMonths() + " months ago (more than " + MAX_AGE.toTotalMonths() + "): it may trust CAs"
                + " Mozilla has since removed and miss new ones. Fix: upgrade " + ARTIFACT + " to its latest version,"
                + " as you would run pip install -U certifi");
    }

    @Override
    public String toString() {
        return description();
    }
}
