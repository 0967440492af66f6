package io.quarkiverse.restclient.verify.trust.anchors;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.ProviderException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import io.quarkiverse.restclient.verify.trust.Fingerprints;
import io.quarkiverse.restclient.verify.trust.TrustMaterialException;
import io.quarkiverse.restclient.verify.trust.files.CertificateFileReader;

/**
 * The operating system's trust store ({@code verify=system}), read once: on Windows the JDK's {@code Windows-ROOT} and,
 * where the JDK has it, {@code Windows-ROOT-LOCALMACHINE}; on macOS the JDK's {@code KeychainStore} and, where the JDK
 * has it (JDK 23 and later), {@code KeychainStore-ROOT}; elsewhere the first distribution bundle file that exists,
 * probed in the order Go's crypto/x509 and curl use. A CA held by two stores counts once. Immutable once loaded.
 */
public final class SystemTrust {

    /** Distribution bundle files, in the order Go's crypto/x509 and curl probe them. */
    static final List<String> BUNDLES = List.of(
            "/etc/ssl/certs/ca-certificates.crt", // Debian, Ubuntu, Gentoo, Arch
            "/etc/pki/tls/certs/ca-bundle.crt", // Fedora, RHEL
            "/etc/ssl/ca-bundle.pem", // openSUSE
            "/etc/pki/tls/cacert.pem", // OpenELEC
            "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem", // CentOS, RHEL 7
            "/etc/ssl/cert.pem"); // Alpine, macOS, BSDs

    /**
     * For tests only: a comma-separated list of bundle files that replaces {@link #BUNDLES} (and the macOS and Windows
     * stores), so that a test can prove what {@code verify=system} accepts with a root of its own.
     */
    static final String BUNDLES_PROPERTY = "io.quarkiverse.restclient.verify.test.system-bundles";

    /** The macOS key store of the user's keychain and the certificates with explicit trust settings. */
    static final String KEYCHAIN = "KeychainStore";
    /** The macOS key store of Apple's system roots, in JDK 23 and later. */
    static final String KEYCHAIN_ROOT = "KeychainStore-ROOT";

    /** What {@code system} lacks on a macOS JDK without {@link #KEYCHAIN_ROOT}, and the fix. */
    static final String KEYCHAIN_ONLY = "system holds only the CAs installed by the user or IT (" + KEYCHAIN + "):"
            + " Apple's system roots need JDK 23 or later (" + KEYCHAIN_ROOT + "). Fix: write default,system";

    /** The JDK key stores each system's trust is read from, in order, with what each holds for messages. */
    private static final List<KeyStoreSource> WINDOWS = List.of(
            new KeyStoreSource("Windows-ROOT", "the ROOT store as the current user sees it"),
            new KeyStoreSource("Windows-ROOT-LOCALMACHINE", "the machine's ROOT store"));
    private static final List<KeyStoreSource> MACOS = List.of(
            new KeyStoreSource(KEYCHAIN, "the user's keychain and the certificates with explicit trust settings"),
            new KeyStoreSource(KEYCHAIN_ROOT, "Apple's system roots"));

    private record KeyStoreSource(String type, String holds) {
    }

    /** The kinds of store this extension reads. */
    public enum Store {
        /** The Windows {@code ROOT} certificate stores, through the JDK's {@code Windows-ROOT} key stores. */
        WINDOWS_ROOT,
        /** The macOS keychains, through the JDK's {@code KeychainStore} key stores. */
        MACOS_KEYCHAIN,
        /** A distribution's PEM bundle file. */
        BUNDLE_FILE
    }

    /**
     * One store read for {@code verify=system}.
     *
     * @param name the JDK key store type ({@code KeychainStore-ROOT}, {@code Windows-ROOT-LOCALMACHINE}) or the
     *        bundle file's path
     * @param certificates the certificates it holds that may anchor a TLS server's chain
     */
    public record Part(String name, List<X509Certificate> certificates) {

        public Part {
            certificates = List.copyOf(certificates);
        }

        /** How many distinct certificates the store holds. */
        public int count() {
            return distinct(certificates).size();
        }
    }

    private final Store store;
    private final List<Part> stores;
    private final List<X509Certificate> certificates;
    private final List<String> leftOut;

    private SystemTrust(Store store, List<Part> stores, List<String> leftOut) {
        this.store = store;
        this.stores = List.copyOf(stores);
        this.certificates = List.copyOf(distinct(stores.stream().flatMap(p -> p.certificates().stream()).toList())
                .values());
        this.leftOut = List.copyOf(leftOut);
    }

    /**
     * Reads the store of this operating system.
     *
     * @throws TrustMaterialException when a store cannot be read, or none exists, with the fix
     */
    public static SystemTrust load() {
        String override = System.getProperty(BUNDLES_PROPERTY);
        if (override == null && isWindows()) {
            return fromKeyStores(Store.WINDOWS_ROOT, WINDOWS);
        }
        if (override == null && isMacOs()) {
            return fromKeyStores(Store.MACOS_KEYCHAIN, MACOS);
        }
        List<String> bundles = bundleFiles();
        for (String candidate : bundles) {
            Path bundle = Path.of(candidate);
            if (Files.isReadable(bundle)) {
                try {
                    CertificateFileReader.CaFile read = CertificateFileReader.readCaFile(bundle);
                    return new SystemTrust(Store.BUNDLE_FILE, List.of(new Part(candidate, read.certificates())),
                            read.leftOut());
                } catch (TrustMaterialException e) {
                    throw new TrustMaterialException("system trust " + candidate + ": " + e.getMessage(), e);
                }
            }
        }
        throw new TrustMaterialException("system trust: none of " + String.join(", ", bundles)
                + " exists on this machine. Fix: install the distribution's CA package (ca-certificates), or name a"
                + " bundle file instead of system");
    }

    /**
     * What {@code verify=system} lacks on this JDK, if anything: on macOS without {@code KeychainStore-ROOT} (before
     * JDK 23), the sentence <i>system holds only the CAs installed by the user or IT (KeychainStore): Apple's system
     * roots need JDK 23 or later (KeychainStore-ROOT). Fix: write default,system</i>. Asks the JDK's providers only and
     * reads no store, so it is cheap enough for a failure's explanation. It does not apply to a client whose
     * {@code verify} also has {@code default}.
     */
    public static Optional<String> limitation() {
        if (System.getProperty(BUNDLES_PROPERTY) != null || !isMacOs() || offered(KEYCHAIN_ROOT)) {
            return Optional.empty();
        }
        return Optional.of(KEYCHAIN_ONLY);
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("win");
    }

    private static boolean isMacOs() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("mac");
    }

    private static boolean offered(String type) {
        try {
            KeyStore.getInstance(type);
            return true;
        } catch (KeyStoreException e) {
            return false;
        }
    }

    /** The bundle files probed, in order: the distributions' paths, or a test's own. */
    static List<String> bundleFiles() {
        String override = System.getProperty(BUNDLES_PROPERTY);
        return override == null ? BUNDLES : List.of(override.split(","));
    }

    /** Whether the file is the operating system's CA bundle, by whatever link or name it was reached. */
    public static boolean isBundleFile(Path path) {
        try {
            Path real = path.toRealPath();
            for (String candidate : BUNDLES) {
                Path bundle = Path.of(candidate);
                if (Files.exists(bundle) && bundle.toRealPath().equals(real)) {
                    return true;
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    private static SystemTrust fromKeyStores(Store kind, List<KeyStoreSource> sources) {
        List<Part> parts = new ArrayList<>();
        for (KeyStoreSource source : sources) {
            KeyStore store;
            try {
                store = KeyStore.getInstance(source.type());
            } catch (KeyStoreException e) {
                // Not in this JDK (KeychainStore-ROOT before JDK 23): skipped; limitation() says what is lost.
                continue;
            }
            parts.add(new Part(source.type(), read(store, source)));
        }
        if (parts.isEmpty()) {
            throw new TrustMaterialException("system trust: this JDK offers none of the key stores "
                    + sources.stream().map(KeyStoreSource::type).collect(Collectors.joining(", "))
                    + " that hold the operating system's CAs. Fix: run on a JDK built for this operating system, or"
                    + " write default, or a CA bundle file exported from the system, instead of system");
        }
        return new SystemTrust(kind, parts, List.of());
    }

    private static List<X509Certificate> read(KeyStore store, KeyStoreSource source) {
        try {
            store.load(null, null);
            List<X509Certificate> certificates = new ArrayList<>();
            for (Enumeration<String> aliases = store.aliases(); aliases.hasMoreElements();) {
                // As the JDK's own trust manager factory does: certificate entries, and the certificate of a key entry.
                Certificate certificate = store.getCertificate(aliases.nextElement());
                if (certificate instanceof X509Certificate) {
                    certificates.add((X509Certificate) certificate);
                }
            }
            return certificates;
        } catch (GeneralSecurityException | IOException | ProviderException e) {
            throw new TrustMaterialException("system trust: " + source.type() + " (" + source.holds() + ") cannot be"
                    + " read: " + e.getMessage() + ". Fix: let this process read it, or write default, or a CA"
                    + " bundle file exported from the store, instead of system", e);
        }
    }

    private static Map<String, X509Certificate> distinct(List<X509Certificate> certificates) {
        Map<String, X509Certificate> distinct = new LinkedHashMap<>();
        certificates.forEach(certificate -> distinct.putIfAbsent(Fingerprints.sha256(certificate), certificate));
        return distinct;
    }

    /** Which kind of store was read. */
    public Store store() {
        return store;
    }

    /**
     * The stores read, in order, each with its certificates: one bundle file, or the JDK key stores this JDK has
     * ({@code KeychainStore} and {@code KeychainStore-ROOT}; {@code Windows-ROOT} and
     * {@code Windows-ROOT-LOCALMACHINE}).
     */
    public List<Part> stores() {
        return stores;
    }

    /** Where the certificates came from: a bundle file's path, or the key store types read, comma-separated. */
    public String where() {
        return stores.stream().map(Part::name).collect(Collectors.joining(", "));
    }

    /** The certificates that may anchor a TLS server's chain, from every store, each once. */
    public List<X509Certificate> certificates() {
        return certificates;
    }

    /** The certificates a bundle's OpenSSL trust settings leave out, each with the reason. */
    public List<String> leftOut() {
        return leftOut;
    }

    /**
     * For the start-up line: {@code system trust /etc/ssl/certs/ca-certificates.crt (146 CA certificates)}, or each key
     * store read with its count, e.g. {@code system trust: macOS KeychainStore (3 CA certificates), KeychainStore-ROOT
     * (151 CA certificates); 153 CA certificates in all}.
     */
    public String description() {
        if (store == Store.BUNDLE_FILE) {
            return "system trust " + where() + " (" + TrustMaterial.count(certificates)
                    + TrustMaterial.leftOut(leftOut) + ")";
        }
        String each = stores.stream().map(p -> p.name() + " (" + TrustMaterial.count(p.certificates()) + ")")
                .collect(Collectors.joining(", "));
        String all = stores.size() > 1 ? "; " + TrustMaterial.count(certificates) + " in all" : "";
        return "system trust: " + (store == Store.MACOS_KEYCHAIN ? "macOS " : "") + each + all;
    }

    @Override
    public String toString() {
        return description();
    }
}
