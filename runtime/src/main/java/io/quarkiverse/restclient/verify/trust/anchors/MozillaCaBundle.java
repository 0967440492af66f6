package io.quarkiverse.restclient.verify.trust.anchors;

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
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.quarkiverse.restclient.verify.trust.TrustMaterialException;
import io.quarkiverse.restclient.verify.trust.files.PemBlocks;

/**
 * Mozilla's CA certificates for TLS servers, as shipped by the {@code quarkus-rest-client-verify-mozilla-ca}
 * artifact ({@code verify=mozilla}): the certificates, the release they come from, and each root's distrust-after
 * date. Read from the class path, from the artifact's own jar or directory only, so a test can hand in a bundle of
 * its own through a class loader that holds a copy of the artifact's marker class next to it.
 */
public final class MozillaCaBundle {

    /** Where the artifact puts its bundle. */
    public static final String RESOURCE = "META-INF/quarkus-rest-client-verify/mozilla-ca.pem";
    /** The class of the artifact next to which its bundle lies, as a resource path. */
    public static final String MARKER = "io/quarkiverse/restclient/verify/mozillaca/MozillaCaArtifact.class";
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
     * The bundle of the artifact on this class path, if the artifact is there: read only from the jar or directory
     * that holds the artifact's {@link #MARKER} class, never from another file of the same name (a jar's own copy or
     * the application's), which would otherwise decide what {@code verify=mozilla} trusts.
     */
    public static Optional<MozillaCaBundle> find(ClassLoader classLoader) {
        return locate(classLoader).artifact.map(MozillaCaBundle::read);
    }

    /**
     * The bundle on this class path.
     *
     * @throws TrustMaterialException naming the artifact to add when it is not there
     */
    public static MozillaCaBundle load(ClassLoader classLoader) {
        Located located = locate(classLoader);
        if (located.artifact.isPresent()) {
            return read(located.artifact.get());
        }
        String ignored = located.others.isEmpty() ? ""
                : " (" + RESOURCE + " at " + String.join(", ", located.others) + " is not the artifact's and is"
                        + " ignored)";
        throw new TrustMaterialException("mozilla names the Mozilla CA bundle, which is not on the class path" + ignored
                + ". Fix: add the dependency " + ARTIFACT + " (same version as quarkus-rest-client-verify), or use"
                + " default for the JDK's cacerts");
    }

    /** The artifact's copy of the bundle, if any, and the other copies seen (by URL). */
    private record Located(Optional<URL> artifact, List<String> others) {
    }

    private static Located locate(ClassLoader classLoader) {
        try {
            // The class loader answers for the marker with the element it loads the class from, so the bundle is
            // taken from the same element: a copy elsewhere needs a copy of the artifact's class too.
            URL marker = classLoader.getResource(MARKER);
            String root = marker == null ? null : root(marker, MARKER);
            URL artifact = null;
            List<String> others = new ArrayList<>();
            for (URL url : Collections.list(classLoader.getResources(RESOURCE))) {
                if (artifact == null && root != null && root.equals(root(url, RESOURCE))) {
                    artifact = url;
                } else {
                    others.add(url.toExternalForm());
                }
            }
            return new Located(Optional.ofNullable(artifact), others);
        } catch (IOException e) {
            throw new TrustMaterialException("cannot read the Mozilla CA bundle " + RESOURCE + ": " + e.getMessage(), e);
        }
    }

    /** The URL of a class-path element's root, from the URL of an entry in it; null if the URL does not end so. */
    private static String root(URL url, String path) {
        String text = url.toExternalForm();
        return text.endsWith(path) ? text.substring(0, text.length() - path.length()) : null;
    }

    private static MozillaCaBundle read(URL url) {
        try (InputStream in = url.openStream()) {
            return parse(in.readAllBytes());
        } catch (IOException e) {
            throw new TrustMaterialException("cannot read the Mozilla CA bundle " + RESOURCE + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads the bundle format written by the artifact's generator: header lines, then labelled PEM blocks, each
     * preceded by its comment lines. The blocks are found by the one PEM reader; the comments are read here.
     */
    static MozillaCaBundle parse(byte[] content) {
        String release = null;
        LocalDate releaseDate = null;
        String source = "";
        List<X509Certificate> certificates = new ArrayList<>();
        Map<X509Certificate, Instant> distrust = new LinkedHashMap<>();
        try {
            // Comment lines by number (from 1), as the PEM reader counts them, so a block finds the ones before it.
            String[] lines = new String(content, StandardCharsets.UTF_8).split("\r\n|\r|\n", -1);
            Map<Integer, Instant> distrustLines = new HashMap<>();
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i].strip();
                if (line.startsWith("# Release: ")) {
                    release = value(line);
                } else if (line.startsWith("# Release-Date: ")) {
                    releaseDate = LocalDate.parse(value(line));
                } else if (line.startsWith("# Source: ")) {
                    source = value(line);
                } else if (line.startsWith("# Server-Distrust-After: ")) {
                    distrustLines.put(i + 1, Instant.parse(value(line)));
                }
            }
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            PemBlocks blocks = new PemBlocks(content);
            int after = 0;
            for (Optional<PemBlocks.Begin> next = blocks.next(); next.isPresent(); next = blocks.next()) {
                if (!next.get().label().equals("CERTIFICATE")) {
                    blocks.skip(next.get());
                    continue;
                }
                PemBlocks.Block block = blocks.read(next.get());
                X509Certificate certificate = (X509Certificate) factory
                        .generateCertificate(new ByteArrayInputStream(block.der()));
                certificates.add(certificate);
                // The last distrust line between the previous block and this one is this root's.
                for (int line = block.line() - 1; line > after; line--) {
                    Instant date = distrustLines.get(line);
                    if (date != null) {
                        distrust.put(certificate, date);
                        break;
                    }
                }
                after = block.endLine();
            }
        } catch (CertificateException | IllegalArgumentException | java.time.DateTimeException
                | TrustMaterialException e) {
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
