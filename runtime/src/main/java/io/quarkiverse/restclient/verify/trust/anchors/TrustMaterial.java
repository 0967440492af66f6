package io.quarkiverse.restclient.verify.trust.anchors;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

import io.quarkiverse.restclient.verify.trust.Fingerprints;
import io.quarkiverse.restclient.verify.trust.Printable;
import io.quarkiverse.restclient.verify.trust.Reloadable;
import io.quarkiverse.restclient.verify.trust.TrustMaterialException;
import io.quarkiverse.restclient.verify.trust.files.CertificateFileReader;
import io.quarkiverse.restclient.verify.trust.files.FileContents;
import io.quarkiverse.restclient.verify.trust.files.TrustFiles;

/**
 * The trust a {@link TrustSpec} resolves to: CA certificates loaded once, plus CA directories searched per
 * handshake. Immutable; {@link #trustManager()} is built on first use and shared.
 */
public final class TrustMaterial implements Reloadable.Kind<TrustMaterial> {

    /** How notes name the reload setting when the application does not hand in its full name. */
    public static final String DEFAULT_RELOAD_PROPERTY = "verify-reload-period";

    private final TrustSpec spec;
    private final boolean jdkDefaultOnly;
    private final List<X509Certificate> anchors;
    private final List<X509Certificate> configuredAnchors;
    private final List<CaDirectory> directories;
    private final List<String> parts;
    private final List<String> warnings;
    private final List<String> notes;
    private final Map<X509Certificate, Instant> distrustAfter;
    private volatile X509ExtendedTrustManager trustManager;

    private TrustMaterial(TrustSpec spec, boolean jdkDefaultOnly, List<X509Certificate> anchors,
            List<X509Certificate> configuredAnchors, List<CaDirectory> directories, List<String> parts,
            List<String> warnings, List<String> notes, Map<X509Certificate, Instant> distrustAfter) {
        this.spec = spec;
        this.distrustAfter = Map.copyOf(distrustAfter);
        this.jdkDefaultOnly = jdkDefaultOnly;
        this.anchors = List.copyOf(anchors);
        this.configuredAnchors = List.copyOf(configuredAnchors);
        this.directories = List.copyOf(directories);
        this.parts = List.copyOf(parts);
        this.warnings = List.copyOf(warnings);
        this.notes = List.copyOf(notes);
    }

    /**
     * Loads every source of the spec.
     *
     * @param spec the parsed {@code verify} value
     * @param classLoader where {@code classpath:} resources are looked up
     * @throws TrustMaterialException naming the failing source, what is wrong with it and the fix
     */
    public static TrustMaterial load(TrustSpec spec, ClassLoader classLoader) {
        return load(spec, classLoader, Map.of());
    }

    /**
     * Loads every source of the spec, taking {@code classpath:} bundles that were read at build time from
     * {@code prebuilt} (DER certificates by resource name) instead of parsing their PEM again.
     *
     * @throws TrustMaterialException naming the failing source, what is wrong with it and the fix
     */
    public static TrustMaterial load(TrustSpec spec, ClassLoader classLoader, Map<String, List<byte[]>> prebuilt) {
        return load(spec, classLoader, prebuilt, DEFAULT_RELOAD_PROPERTY);
    }

    /**
     * Loads every source of the spec, as {@link #load(TrustSpec, ClassLoader, Map)} does.
     *
     * @param reloadProperty the setting that turns periodic reloads on, as the user writes it, for the notes
     * @throws TrustMaterialException naming the failing source, what is wrong with it and the fix
     */
    public static TrustMaterial load(TrustSpec spec, ClassLoader classLoader, Map<String, List<byte[]>> prebuilt,
            String reloadProperty) {
        if (spec.insecure()) {
            return new TrustMaterial(spec, false, List.of(), List.of(), List.of(),
                    List.of(Keyword.FALSE.load(classLoader).description()), List.of(), List.of(), Map.of());
        }
        Map<String, X509Certificate> anchors = new LinkedHashMap<>();
        // The CA certificates from the user's own files, as opposed to the JDK's or the operating system's.
        Map<String, X509Certificate> configured = new LinkedHashMap<>();
        List<CaDirectory> directories = new ArrayList<>();
        List<String> parts = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Map<X509Certificate, Instant> distrustAfter = new LinkedHashMap<>();
        for (TrustSpec.TrustSource source : spec.sources()) {
            switch (source.kind()) {
                case KEYWORD: {
                    Keyword keyword = source.keyword().orElseThrow();
                    Keyword.Loaded loaded = keyword.load(classLoader);
                    addAll(anchors, loaded.certificates());
                    distrustAfter.putAll(loaded.distrustAfter());
                    parts.add(loaded.description());
                    // What system lacks (Apple's roots before JDK 23) the JDK default trust beside it supplies.
                    if (keyword != Keyword.SYSTEM || !spec.includesJdkDefault()) {
                        warnings.addAll(loaded.warnings());
                    }
                    break;
                }
                case CLASSPATH: {
                    List<byte[]> der = prebuilt.get(source.location());
                    CertificateFileReader.CaFile bundle = der != null
                            ? new CertificateFileReader.CaFile(fromDer(source.location(), der), List.of())
                            : classpathCaFile(source.location(), classLoader);
                    List<X509Certificate> certificates = bundle.certificates();
                    addAll(anchors, certificates);
                    String name = "classpath:" + source.location();
                    inspect(name, certificates, warnings);
                    addAll(configured, certificates);
                    parts.add("classpath bundle " + source.location() + " (" + count(certificates)
                            + (der != null ? ", read at build time" : "") + leftOut(bundle.leftOut()) + ")");
                    break;
                }
                case PATH:
                    loadPath(Path.of(source.location()), configured, directories, parts, warnings, notes,
                            reloadProperty);
                    configured.forEach(anchors::putIfAbsent);
                    break;
                default:
                    throw new IllegalStateException("unexpected source " + source);
            }
        }
        boolean jdkDefaultOnly = spec.sources().size() == 1 && spec.includesJdkDefault();
        return new TrustMaterial(spec, jdkDefaultOnly, new ArrayList<>(anchors.values()),
                new ArrayList<>(configured.values()), directories, parts, warnings, notes, distrustAfter);
    }

    private static void loadPath(Path path, Map<String, X509Certificate> anchors, List<CaDirectory> directories,
            List<String> parts, List<String> warnings, List<String> notes, String reloadProperty) {
        if (!Files.exists(path)) {
            Path absolute = path.toAbsolutePath().normalize();
            String where = path.isAbsolute() ? "" : " (resolved to " + absolute + ")";
            throw new TrustMaterialException(path + " does not exist" + where + ". Fix: mount or copy the CA bundle"
                    + " there, or point the property at the file or directory that holds your CA certificates");
        }
        if (Files.isDirectory(path)) {
            if (!Files.isReadable(path) || !Files.isExecutable(path)) {
                throw new TrustMaterialException("the directory " + path + " cannot be read by this process. Fix:"
                        + " make it readable (chmod a+rx) or mount it with the right owner");
            }
            CaDirectory directory = new CaDirectory(path);
            if (directory.isHashed()) {
                directories.add(directory);
                parts.add("directory " + path + " (OpenSSL hashed CA directory, looked up per handshake)");
            } else {
                CertificateFileReader.CaFile all = directory.loadAll();
                List<X509Certificate> certificates = all.certificates();
                addAll(anchors, certificates);
                inspect(path.toString(), certificates, warnings);
                parts.add("directory " + path + " (" + count(certificates) + leftOut(all.leftOut()) + ")");
                notes.add("directory " + path + " has no OpenSSL <hash>.N names (openssl rehash, c_rehash), so it was"
                        + " loaded whole at start-up (" + count(certificates) + "); CA files added to it later"
                        + " are not seen until a restart or, with " + reloadProperty + ", the next reload");
            }
            return;
        }
        if (!Files.isReadable(path)) {
            throw new TrustMaterialException(path + " cannot be read by this process. Fix: make the file readable"
                    + " (chmod a+r) or mount it with the right owner");
        }
        CertificateFileReader.CaFile file;
        try {
            file = CertificateFileReader.readCaFile(path);
        } catch (TrustMaterialException e) {
            throw new TrustMaterialException(path + ": " + e.getMessage(), e);
        }
        List<X509Certificate> certificates = file.certificates();
        addAll(anchors, certificates);
        if (!SystemTrust.isBundleFile(path)) {
            // The distribution's own bundle is not the user's to fix; verify=system is not inspected either.
            inspect(path.toString(), certificates, warnings);
        }
        parts.add("file " + path + " (" + count(certificates) + leftOut(file.leftOut()) + ")");
    }

    /**
     * The spec's trust, loaded now; when it names files, it can be loaded again when their content changes (see
     * {@link Reloadable#reload()}). The trust manager of each loaded value is built before the value is used.
     */
    public static Reloadable<TrustMaterial> reloadable(TrustSpec spec, ClassLoader classLoader,
            Map<String, List<byte[]>> prebuilt) {
        return reloadable(spec, classLoader, prebuilt, DEFAULT_RELOAD_PROPERTY);
    }

    /**
     * The spec's trust, as {@link #reloadable(TrustSpec, ClassLoader, Map)} loads it.
     *
     * @param reloadProperty the setting that turns periodic reloads on, as the user writes it, for the notes
     */
    public static Reloadable<TrustMaterial> reloadable(TrustSpec spec, ClassLoader classLoader,
            Map<String, List<byte[]>> prebuilt, String reloadProperty) {
        if (spec.files().isEmpty()) {
            TrustMaterial material = load(spec, classLoader, prebuilt, reloadProperty);
            material.trustManager();
            return Reloadable.fixed(spec.value(), material);
        }
        return Reloadable.load(spec.value(), () -> contentHash(spec), () -> {
            TrustMaterial material = load(spec, classLoader, prebuilt, reloadProperty);
            material.trustManager();
            return material;
        });
    }

    /**
     * The hash of what the spec's files hold. A hashed CA directory counts by its listing (names, sizes, times,
     * inodes; see {@link FileContents#listing}): it is read per handshake anyway, and a listing is cheap, but an entry
     * deleted or replaced must reach the connections that are already open.
     */
    public static String contentHash(TrustSpec spec) {
        List<Path> read = new ArrayList<>();
        List<Path> named = new ArrayList<>();
        for (Path path : spec.files()) {
            boolean hashed;
            try {
                hashed = Files.isDirectory(path) && new CaDirectory(path).isHashed();
            } catch (TrustMaterialException e) {
                hashed = false;
            }
            (hashed ? named : read).add(path);
        }
        return FileContents.hash(read) + FileContents.listing(named);
    }

    /**
     * What changed from the earlier material, by CA subject: {@code added 'CN=B'; removed 'CN=A'}, or
     * {@code no CA added or removed}.
     */
    public String changesSince(TrustMaterial before) {
        Map<String, X509Certificate> old = byFingerprint(before.anchors);
        Map<String, X509Certificate> now = byFingerprint(anchors);
        List<String> added = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        now.forEach((fingerprint, certificate) -> {
            if (!old.containsKey(fingerprint)) {
                added.add("'" + Printable.name(certificate.getSubjectX500Principal()) + "'");
            }
        });
        old.forEach((fingerprint, certificate) -> {
            if (!now.containsKey(fingerprint)) {
                removed.add("'" + Printable.name(certificate.getSubjectX500Principal()) + "'");
            }
        });
        if (added.isEmpty() && removed.isEmpty()) {
            return "no CA added or removed";
        }
        List<String> parts = new ArrayList<>();
        if (!added.isEmpty()) {
            parts.add("added " + String.join(", ", added));
        }
        if (!removed.isEmpty()) {
            parts.add("removed " + String.join(", ", removed));
        }
        return String.join("; ", parts);
    }

    private static Map<String, X509Certificate> byFingerprint(List<X509Certificate> certificates) {
        Map<String, X509Certificate> result = new LinkedHashMap<>();
        certificates.forEach(certificate -> result.put(Fingerprints.sha256(certificate), certificate));
        return result;
    }

    private static List<X509Certificate> fromDer(String resource, List<byte[]> der) {
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            List<X509Certificate> certificates = new ArrayList<>(der.size());
            for (byte[] encoded : der) {
                certificates.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(encoded)));
            }
            return certificates;
        } catch (CertificateException e) {
            throw new TrustMaterialException("classpath:" + resource + " as recorded at build time cannot be decoded: "
                    + e.getMessage(), e);
        }
    }

    /**
     * The certificates of a {@code classpath:} bundle, read from the class loader.
     *
     * @throws TrustMaterialException naming the resource when it is missing, unreadable or holds no usable certificate
     */
    public static List<X509Certificate> classpathBundle(String resource, ClassLoader classLoader) {
        return classpathCaFile(resource, classLoader).certificates();
    }

    private static CertificateFileReader.CaFile classpathCaFile(String resource, ClassLoader classLoader) {
        byte[] content;
        try {
            content = TrustFiles.resource(classLoader, resource).orElseThrow(() -> new TrustMaterialException(
                    "classpath:" + resource + " does not exist in the application. Fix: put the bundle under"
                            + " src/main/resources/" + resource + ", or use a file path"));
        } catch (TrustMaterialException e) {
            if (e.getMessage().startsWith("classpath:")) {
                throw e;
            }
            // "is larger than the limit ..." or "cannot be read: ...", named like the resource.
            throw new TrustMaterialException("classpath:" + resource + " " + e.getMessage(), e);
        }
        try {
            return CertificateFileReader.readCaFile("classpath:" + resource, content);
        } catch (TrustMaterialException e) {
            throw new TrustMaterialException("classpath:" + resource + ": " + e.getMessage(), e);
        }
    }

    private static void inspect(String source, List<X509Certificate> certificates, List<String> warnings) {
        Date now = Date.from(Instant.now());
        for (X509Certificate certificate : certificates) {
            String subject = certificate.getSubjectX500Principal().getName();
            String validity = "valid from " + certificate.getNotBefore().toInstant() + " to "
                    + certificate.getNotAfter().toInstant();
            if (now.after(certificate.getNotAfter())) {
                warnings.add(source + ": CA certificate '" + subject + "' has expired (" + validity
                        + "); it can no longer anchor a chain, so replace it with its renewed version");
            } else if (now.before(certificate.getNotBefore())) {
                warnings.add(source + ": CA certificate '" + subject + "' is not valid yet (" + validity + ")");
            }
            if (certificate.getBasicConstraints() < 0) {
                warnings.add(source + ": certificate '" + subject + "' is not a CA certificate (" + validity
                        + "); it trusts only a server that presents exactly this certificate, so add the CA that"
                        + " issued it instead");
            }
        }
    }

    private static void addAll(Map<String, X509Certificate> anchors, List<X509Certificate> certificates) {
        for (X509Certificate certificate : certificates) {
            anchors.putIfAbsent(Fingerprints.sha256(certificate), certificate);
        }
    }

    /** The certificates a file's OpenSSL trust settings leave out, for the start-up line; empty when none. */
    static String leftOut(List<String> leftOut) {
        if (leftOut.isEmpty()) {
            return "";
        }
        int shown = Math.min(leftOut.size(), 3);
        return "; " + leftOut.size() + " left out for TLS server authentication: "
                + String.join(", ", leftOut.subList(0, shown))
                + (leftOut.size() > shown ? " and " + (leftOut.size() - shown) + " more" : "");
    }

    /**
     * How many distinct certificates, for people: {@code 3 CA certificates}, {@code 1 pinned server certificate}, or
     * both joined by {@code +}. A certificate listed twice counts once, as it trusts once.
     */
    static String count(List<X509Certificate> certificates) {
        Map<String, X509Certificate> distinct = new LinkedHashMap<>();
        addAll(distinct, certificates);
        long pinned = distinct.values().stream().filter(c -> c.getBasicConstraints() < 0).count();
        long cas = distinct.size() - pinned;
        String caText = cas + (cas == 1 ? " CA certificate" : " CA certificates");
        if (pinned == 0) {
            return caText;
        }
        String pinnedText = pinned + (pinned == 1 ? " pinned server certificate" : " pinned server certificates");
        return cas == 0 ? pinnedText : caText + " + " + pinnedText;
    }

    /** The spec this material was loaded from. */
    public TrustSpec spec() {
        return spec;
    }

    /** Whether this is {@code verify=false}. */
    public boolean insecure() {
        return spec.insecure();
    }

    /** The CA certificates loaded at start-up (directories add theirs per handshake). */
    public List<X509Certificate> anchors() {
        return anchors;
    }

    /**
     * The CA certificates from the application's own files and classpath bundles, without the JDK's or the operating
     * system's: the ones whose expiry the application's owners must watch.
     */
    public List<X509Certificate> configuredAnchors() {
        return configuredAnchors;
    }

    /** The hashed CA directories searched per handshake. */
    public List<CaDirectory> directories() {
        return directories;
    }

    /** What is trusted, for people: e.g. {@code file /certs/corp.pem (3 CA certificates)}. */
    @Override
    public String description() {
        return String.join(" + ", parts);
    }

    @Override
    public String inUse() {
        return "now trusts " + description();
    }

    @Override
    public String whatChanged(TrustMaterial previous) {
        // A hashed directory's CAs are read per handshake, not listed: its entries are what changed.
        return directories.isEmpty() ? changesSince(previous) : changesSince(previous) + "; CA directory entries changed";
    }

    /** The new trust judges the open connections again: those it still accepts stay open. */
    @Override
    public Optional<X509ExtendedTrustManager> judgesOpenConnections() {
        return Optional.of(trustManager());
    }

    /** Problems worth a WARN line that do not stop the client: expired or non-CA certificates. */
    public List<String> warnings() {
        return warnings;
    }

    /** Facts worth an INFO line, such as a CA directory loaded whole. */
    public List<String> notes() {
        return notes;
    }

    /** The trust manager for this material: built once, then shared by every client that uses it. */
    public X509ExtendedTrustManager trustManager() {
        X509ExtendedTrustManager result = trustManager;
        if (result == null) {
            synchronized (this) {
                result = trustManager;
                if (result == null) {
                    result = createTrustManager();
                    trustManager = result;
                }
            }
        }
        return result;
    }

    private X509ExtendedTrustManager createTrustManager() {
        if (spec.insecure()) {
            return InsecureTrustManager.INSTANCE;
        }
        if (jdkDefaultOnly) {
            // The very trust manager the JDK uses, so decisions stay identical to a client without this extension.
            return JdkDefaultTrust.trustManager();
        }
        // Anchors count only while valid: the JDK alone would let an expired CA anchor chains.
        X509ExtendedTrustManager result;
        if (directories.isEmpty()) {
            result = new ValidAnchorsTrustManager(anchors);
        } else {
            X509ExtendedTrustManager fixed = anchors.isEmpty() ? null : new ValidAnchorsTrustManager(anchors);
            result = new DirectoryTrustManager(anchors, fixed, directories);
        }
        // Mozilla's distrust-after dates, checked after the chain itself (verify=mozilla).
        return distrustAfter.isEmpty() ? result : new DistrustAfterTrustManager(result, distrustAfter);
    }

    /** A PKIX trust manager with exactly these anchors, whatever their dates. */
    public static X509ExtendedTrustManager pkix(List<X509Certificate> anchors) {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (X509Certificate anchor : anchors) {
                store.setCertificateEntry("ca-" + i++, anchor);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
            factory.init(store);
            return firstX509(factory.getTrustManagers());
        } catch (GeneralSecurityException | IOException e) {
            throw new TrustMaterialException("cannot build a trust manager: " + e.getMessage(), e);
        }
    }

    static X509ExtendedTrustManager firstX509(TrustManager[] managers) {
        for (TrustManager manager : managers) {
            if (manager instanceof X509ExtendedTrustManager) {
                return (X509ExtendedTrustManager) manager;
            }
        }
        throw new TrustMaterialException("the JDK returned no X509ExtendedTrustManager");
    }

    @Override
    public String toString() {
        return description();
    }

}
