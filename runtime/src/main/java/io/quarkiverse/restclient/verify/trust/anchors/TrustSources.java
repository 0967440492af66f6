package io.quarkiverse.restclient.verify.trust.anchors;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import javax.net.ssl.X509ExtendedTrustManager;

import io.quarkiverse.restclient.verify.trust.PathValidating;
import io.quarkiverse.restclient.verify.trust.Printable;
import io.quarkiverse.restclient.verify.trust.RecentlyUsed;
import io.quarkiverse.restclient.verify.trust.ValidatedPath;
import io.quarkiverse.restclient.verify.trust.files.TrustFiles;

/**
 * The trust sources an application could use right now, judged on one server chain, so that a failure can name the
 * source that would have accepted the server: the JDK default trust, the operating system's store, the Mozilla bundle
 * when its artifact is on the class path, and the files and directories named by {@code REQUESTS_CA_BUNDLE},
 * {@code CURL_CA_BUNDLE}, {@code SSL_CERT_FILE} and {@code SSL_CERT_DIR}.
 * <p>
 * Each source is judged by the anchor layer this extension builds for it as a {@code verify} source (anchors valid now,
 * OpenSSL's path checks, key usage, Mozilla's distrust-after dates), never by a validator of its own; the host name is
 * not judged. Sources are read only when a chain is judged, never over the network, and remembered for the whole
 * process ({@value #MAX_REMEMBERED} at most), read again when their file changes (size, modification time or file
 * identity, through {@code trust.files}). A source that cannot be read, or that holds more than
 * {@value #MAX_CERTIFICATES} certificates, is skipped with the reason.
 */
public final class TrustSources {

    /**
     * The most certificates a source may hold to be judged: cacerts, Debian's bundle and Mozilla's each hold about 150,
     * and a corporate bundle adds a few; a larger source is skipped rather than half judged.
     */
    public static final int MAX_CERTIFICATES = 1000;
    /** The most sources remembered: seven kinds at most, read again only when their content changed. */
    static final int MAX_REMEMBERED = 16;
    /** The environment variables of Python requests and curl that name CA files, in requests' order. */
    public static final List<String> VARIABLES = List.of("REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE", "SSL_CERT_FILE",
            "SSL_CERT_DIR");
    /** The auth type of TLS 1.3, under which the JDK asks the server's key for digital signatures. */
    private static final String AUTH_TYPE = "UNKNOWN";
    private static final int MAX_DETAIL = 300;

    private static final Map<String, Loaded> REMEMBERED = RecentlyUsed.map(MAX_REMEMBERED);
    private static final AtomicLong LOADS = new AtomicLong();
    private static final AtomicLong JUDGEMENTS = new AtomicLong();

    private TrustSources() {
    }

    /** The kinds of source. */
    public enum Kind {
        /** The JDK default trust ({@code verify=default}). */
        JDK_DEFAULT,
        /** The operating system's store ({@code verify=system}). */
        SYSTEM,
        /** The Mozilla CA bundle of its artifact ({@code verify=mozilla}). */
        MOZILLA,
        /** A file or directory named by an environment variable of Python requests or curl. */
        ENVIRONMENT
    }

    /**
     * One source.
     *
     * @param kind what it is
     * @param variables the environment variables that name it, for {@link Kind#ENVIRONMENT}; else empty
     * @param location the file or directory, for {@link Kind#ENVIRONMENT}; else null
     */
    public record Source(Kind kind, List<String> variables, String location) {

        public Source {
            variables = List.copyOf(variables);
        }

        /** What a {@code verify} value lists to trust this source: its keyword, or its path. */
        public String verifyWord() {
            return switch (kind) {
                case JDK_DEFAULT -> "default";
                case SYSTEM -> "system";
                case MOZILLA -> "mozilla";
                case ENVIRONMENT -> location;
            };
        }
    }

    /** What a source said about a chain. */
    public enum Status {
        /** Its anchors validate the chain. */
        ACCEPTS,
        /** It does not validate the chain. */
        REJECTS,
        /** It could not be read, or is too large to judge. */
        SKIPPED
    }

    /**
     * A source's verdict on a chain.
     *
     * @param source the source
     * @param status its verdict
     * @param own whether the client already trusts this source
     * @param description the source as loaded, e.g. {@code system trust /etc/ssl/certs/ca-certificates.crt (146 CA
     *        certificates)} or {@code file /certs/corp.pem (1 CA certificate)}, or the source's name or path when it
     *        could not be loaded
     * @param certificates how many certificates it holds (0 for a hashed directory, read per look-up)
     * @param anchor the name of the anchor the validated path ends at, escaped, when it accepts; else null
     * @param detail why it rejects or was skipped, escaped; null when it accepts
     */
    public record Verdict(Source source, Status status, boolean own, String description, int certificates,
            String anchor, String detail) {

        /** Whether the source accepts the chain. */
        public boolean accepts() {
            return status == Status.ACCEPTS;
        }
    }

    /**
     * The sources of this application, in a fixed order: the JDK default trust, the operating system's store, the
     * Mozilla bundle, then the environment's files in requests' order (a file named by two variables counts once).
     */
    public static List<Source> candidates(Function<String, String> environment) {
        List<Source> sources = new ArrayList<>();
        sources.add(new Source(Kind.JDK_DEFAULT, List.of(), null));
        sources.add(new Source(Kind.SYSTEM, List.of(), null));
        sources.add(new Source(Kind.MOZILLA, List.of(), null));
        Map<String, List<String>> files = new LinkedHashMap<>();
        for (String variable : VARIABLES) {
            String value = environment.apply(variable);
            if (value != null && !value.isBlank()) {
                files.computeIfAbsent(value.trim(), v -> new ArrayList<>()).add(variable);
            }
        }
        files.forEach((file, variables) -> sources.add(new Source(Kind.ENVIRONMENT, variables, file)));
        return sources;
    }

    /**
     * Judges the chain with every source of the application, each alone. A source whose artifact is absent (Mozilla)
     * is left out; one that cannot be read is {@link Status#SKIPPED}.
     *
     * @param chain the chain the server presented, its certificate first
     * @param own what the client trusts, or null when unknown
     * @param includeOwn whether to judge the sources the client already trusts too
     * @param classLoader where the Mozilla bundle's artifact is looked up
     * @param environment the process environment
     */
    public static List<Verdict> judge(List<X509Certificate> chain, TrustSpec own, boolean includeOwn,
            ClassLoader classLoader, Function<String, String> environment) {
        JUDGEMENTS.incrementAndGet();
        X509Certificate[] presented = chain.toArray(new X509Certificate[0]);
        List<Verdict> verdicts = new ArrayList<>();
        for (Source source : candidates(environment)) {
            boolean owned = owned(source, own);
            if (owned && !includeOwn) {
                continue;
            }
            Loaded loaded = load(source, classLoader);
            if (loaded.absent()) {
                continue;
            }
            if (loaded.failure() != null) {
                verdicts.add(new Verdict(source, Status.SKIPPED, owned, loaded.description(), 0, null,
                        loaded.failure()));
                continue;
            }
            try {
                ValidatedPath path = PathValidating.checkServerPath(loaded.trust(), presented, AUTH_TYPE, null, null);
                verdicts.add(new Verdict(source, Status.ACCEPTS, owned, loaded.description(), loaded.certificates(),
                        Printable.name(path.anchor().getSubjectX500Principal()), null));
            } catch (CertificateException | RuntimeException e) {
                verdicts.add(new Verdict(source, Status.REJECTS, owned, loaded.description(), loaded.certificates(),
                        null, rejection(e)));
            }
        }
        return verdicts;
    }

    /**
     * Why a source rejects the chain, for people: the common case, no CA of the source at the top of the chain, in
     * words instead of the JDK's "PKIX path building failed"; any other refusal (dates, distrust) as it was told.
     */
    private static String rejection(Exception e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("PKIX path building failed") || message.contains("unable to find valid certification path")) {
            return "none of its CAs issued this chain";
        }
        return Printable.text(message, MAX_DETAIL);
    }

    /** How many times a source was read so far in this process: a probe that a successful handshake reads none. */
    public static long loads() {
        return LOADS.get();
    }

    /** How many chains were judged so far in this process: a probe that a successful handshake judges none. */
    public static long judgements() {
        return JUDGEMENTS.get();
    }

    /** How many sources are remembered, for tests that check the bound. */
    static int remembered() {
        return REMEMBERED.size();
    }

    /** Whether the client's trust already holds this source. */
    private static boolean owned(Source source, TrustSpec own) {
        if (own == null) {
            return false;
        }
        for (TrustSpec.TrustSource mine : own.sources()) {
            boolean same = switch (source.kind()) {
                case JDK_DEFAULT -> mine.is(Keyword.DEFAULT);
                case SYSTEM -> mine.is(Keyword.SYSTEM);
                case MOZILLA -> mine.is(Keyword.MOZILLA);
                case ENVIRONMENT -> mine.kind() == TrustSpec.TrustSource.Kind.PATH
                        && samePath(mine.location(), source.location());
            };
            if (same) {
                return true;
            }
        }
        return false;
    }

    private static boolean samePath(String a, String b) {
        try {
            return Path.of(a).toAbsolutePath().normalize().equals(Path.of(b).toAbsolutePath().normalize());
        } catch (InvalidPathException e) {
            return a.equals(b);
        }
    }

    /**
     * A source as read, or why it could not be.
     *
     * @param stamp what its files were when it was read
     * @param absent whether the source does not exist here at all (no Mozilla artifact)
     */
    private record Loaded(String stamp, boolean absent, X509ExtendedTrustManager trust, String description,
            int certificates, String failure) {
    }

    /** The source, from memory while its files are unchanged, else read now. */
    private static Loaded load(Source source, ClassLoader classLoader) {
        String key = source.kind() == Kind.MOZILLA ? "mozilla@" + System.identityHashCode(classLoader)
                : source.kind() + ":" + Optional.ofNullable(source.location()).orElse("");
        String stamp = stamp(source);
        Loaded known = REMEMBERED.get(key);
        if (known != null && known.stamp().equals(stamp)) {
            return known;
        }
        LOADS.incrementAndGet();
        Loaded read = read(source, classLoader, stamp);
        REMEMBERED.put(key, read);
        return read;
    }

    private static Loaded read(Source source, ClassLoader classLoader, String stamp) {
        String name = name(source);
        try {
            switch (source.kind()) {
                case JDK_DEFAULT: {
                    List<X509Certificate> anchors = List.of(JdkDefaultTrust.trustManager().getAcceptedIssuers());
                    // As in default,<file>: anchors count only while valid, with OpenSSL's path checks.
                    return loaded(stamp, anchors, "JDK default trust (" + TrustMaterial.count(anchors) + ")",
                            () -> new ValidAnchorsTrustManager(anchors));
                }
                case SYSTEM: {
                    SystemTrust system = SystemTrust.load();
                    List<X509Certificate> anchors = system.certificates();
                    return loaded(stamp, anchors, system.description(), () -> new ValidAnchorsTrustManager(anchors));
                }
                case MOZILLA: {
                    Optional<MozillaCaBundle> bundle = MozillaCaBundle.find(classLoader);
                    if (bundle.isEmpty()) {
                        return new Loaded(stamp, true, null, name, 0, null);
                    }
                    MozillaCaBundle mozilla = bundle.get();
                    return loaded(stamp, mozilla.certificates(), mozilla.description(),
                            () -> new DistrustAfterTrustManager(new ValidAnchorsTrustManager(mozilla.certificates()),
                                    mozilla.distrustAfter()));
                }
                default: {
                    Path path = Path.of(source.location());
                    BasicFileAttributes attributes = TrustFiles.attributes(path);
                    if (attributes.isDirectory() && !new CaDirectory(path).isHashed()) {
                        // OpenSSL, and so requests and curl, look a CA directory up by hash names only.
                        return skipped(stamp, name, "a directory without OpenSSL <hash>.N names, which OpenSSL does"
                                + " not search either");
                    }
                    TrustMaterial material = TrustMaterial.load(TrustSpec.path(source.location()), classLoader);
                    return loaded(stamp, material.anchors(), material.description(), material::trustManager);
                }
            }
        } catch (IOException | RuntimeException e) {
            return skipped(stamp, name, Printable.text(String.valueOf(e.getMessage()), MAX_DETAIL));
        }
    }

    /** What a source's trust manager is built from. */
    @FunctionalInterface
    private interface TrustFactory {
        X509ExtendedTrustManager build();
    }

    private static Loaded loaded(String stamp, List<X509Certificate> anchors, String description,
            TrustFactory trust) {
        if (anchors.size() > MAX_CERTIFICATES) {
            return skipped(stamp, description, "holds " + anchors.size() + " certificates, more than the "
                    + MAX_CERTIFICATES + " a source may hold to be judged");
        }
        return new Loaded(stamp, false, trust.build(), description, anchors.size(), null);
    }

    private static Loaded skipped(String stamp, String description, String why) {
        return new Loaded(stamp, false, null, description, 0, why);
    }

    /** The source's name for people when it could not be loaded. */
    private static String name(Source source) {
        return switch (source.kind()) {
            case JDK_DEFAULT -> "JDK default trust";
            case SYSTEM -> "system trust";
            case MOZILLA -> "Mozilla CA bundle";
            case ENVIRONMENT -> Printable.text(source.location(), Printable.MAX_NAME);
        };
    }

    /**
     * What the source's files are now, without reading them: size, modification time and file identity. The JDK
     * default trust and the class path do not change while the process runs.
     */
    private static String stamp(Source source) {
        return switch (source.kind()) {
            case JDK_DEFAULT, MOZILLA -> "fixed";
            case SYSTEM -> System.getProperty("os.name", "").toLowerCase(Locale.ROOT) + "|"
                    + String.join("|", SystemTrust.bundleFiles().stream().map(TrustSources::stamp).toList());
            case ENVIRONMENT -> stamp(source.location());
        };
    }

    private static String stamp(String location) {
        try {
            BasicFileAttributes attributes = TrustFiles.attributes(Path.of(location));
            return location + ":" + attributes.size() + ":" + attributes.lastModifiedTime() + ":"
                    + attributes.fileKey() + ":" + attributes.isDirectory();
        } catch (IOException | InvalidPathException e) {
            return location + ":unreadable:" + e.getClass().getName();
        }
    }
}
