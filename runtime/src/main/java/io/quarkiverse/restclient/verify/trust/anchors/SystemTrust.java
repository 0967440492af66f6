package io.quarkiverse.restclient.verify.trust.anchors;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;

import io.quarkiverse.restclient.verify.trust.TrustMaterialException;
import io.quarkiverse.restclient.verify.trust.files.CertificateFileReader;

/**
 * The operating system's trust store ({@code verify=system}): the Windows ROOT store, the macOS keychain, or the first
 * distribution bundle file that exists, probed in the order Go's crypto/x509 and curl use. Immutable once loaded.
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

    /** The kinds of store this extension reads. */
    public enum Store {
        /** The Windows {@code ROOT} certificate store, through the JDK's {@code Windows-ROOT} key store. */
        WINDOWS_ROOT,
        /** The macOS keychain, through the JDK's {@code KeychainStore}. */
        MACOS_KEYCHAIN,
        /** A distribution's PEM bundle file. */
        BUNDLE_FILE
    }

    private final Store store;
    private final String where;
    private final List<X509Certificate> certificates;
    private final List<String> leftOut;

    private SystemTrust(Store store, String where, List<X509Certificate> certificates, List<String> leftOut) {
        this.store = store;
        this.where = where;
        this.certificates = List.copyOf(certificates);
        this.leftOut = List.copyOf(leftOut);
    }

    /**
     * Reads the store of this operating system.
     *
     * @throws TrustMaterialException when the store cannot be read, or no bundle file exists, with the fix
     */
    public static SystemTrust load() {
        String override = System.getProperty(BUNDLES_PROPERTY);
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (override == null && os.contains("win")) {
            return fromKeyStore(Store.WINDOWS_ROOT, "Windows-ROOT", "the Windows ROOT store");
        }
        if (override == null && os.contains("mac")) {
            return fromKeyStore(Store.MACOS_KEYCHAIN, "KeychainStore", "the macOS keychain");
        }
        List<String> bundles = bundleFiles();
        for (String candidate : bundles) {
            Path bundle = Path.of(candidate);
            if (Files.isReadable(bundle)) {
                try {
                    CertificateFileReader.CaFile read = CertificateFileReader.readCaFile(bundle);
                    return new SystemTrust(Store.BUNDLE_FILE, candidate, read.certificates(), read.leftOut());
                } catch (TrustMaterialException e) {
                    throw new TrustMaterialException("system trust " + candidate + ": " + e.getMessage(), e);
                }
            }
        }
        throw new TrustMaterialException("system trust: none of " + String.join(", ", bundles)
                + " exists on this machine. Fix: install the distribution's CA package (ca-certificates), or name a"
                + " bundle file instead of system");
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

    private static SystemTrust fromKeyStore(Store kind, String type, String where) {
        try {
            KeyStore store = KeyStore.getInstance(type);
            store.load(null, null);
            List<X509Certificate> certificates = new ArrayList<>();
            for (Enumeration<String> aliases = store.aliases(); aliases.hasMoreElements();) {
                Certificate certificate = store.getCertificate(aliases.nextElement());
                if (certificate instanceof X509Certificate) {
                    certificates.add((X509Certificate) certificate);
                }
            }
            return new SystemTrust(kind, where, certificates, List.of());
        } catch (GeneralSecurityException | IOException e) {
            throw new TrustMaterialException("system trust: " + where + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** Which kind of store was read. */
    public Store store() {
        return store;
    }

    /** Where the certificates came from: a bundle file's path, or {@code the Windows ROOT store}. */
    public String where() {
        return where;
    }

    /** The certificates that may anchor a TLS server's chain. */
    public List<X509Certificate> certificates() {
        return certificates;
    }

    /** The certificates a bundle's OpenSSL trust settings leave out, each with the reason. */
    public List<String> leftOut() {
        return leftOut;
    }

    /** For the start-up line: {@code system trust /etc/ssl/certs/ca-certificates.crt (146 CA certificates)}. */
    public String description() {
        return "system trust " + where + " (" + TrustMaterial.count(certificates) + TrustMaterial.leftOut(leftOut)
                + ")";
    }

    @Override
    public String toString() {
        return description();
    }
}
