package io.quarkiverse.restclient.verify.testpki;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;

/**
 * Saves and loads certificates and keys as PEM files. Quarkus tests initialise a test class twice, in two class
 * loaders; writing the PKI once and reading it back keeps both sides on the same certificates.
 */
public final class PkiFiles {

    private PkiFiles() {
    }

    /** A directory shared by every class loader of this JVM under the given name, created on first use. */
    public static synchronized Path sharedDirectory(String name) {
        String property = "verify.tests.dir." + name;
        String existing = System.getProperty(property);
        if (existing != null) {
            return Path.of(existing);
        }
        try {
            Path dir = Files.createTempDirectory("verify-" + name.replaceAll("[^A-Za-z0-9-]", "_") + "-");
            System.setProperty(property, dir.toString());
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The CA saved under this name in the directory, or the one {@code create} makes, saved there first: Quarkus tests
     * initialise a test class in two class loaders, and both must trust the same CA.
     */
    public static synchronized CertificateAuthority sharedCa(Path dir, String name,
            Supplier<CertificateAuthority> create) {
        if (Files.exists(dir.resolve(name + ".key"))) {
            List<X509Certificate> chain = chain(dir, name);
            return CertificateAuthority.of(chain.get(0), key(dir, name), chain);
        }
        CertificateAuthority created = create.get();
        save(dir, name, created.chainToRoot(), created.privateKey());
        return created;
    }

    static void save(Path dir, String name, List<X509Certificate> chain, PrivateKey key) {
        Pem.write(dir.resolve(name + ".crt"), Pem.certificates(chain));
        Pem.write(dir.resolve(name + ".key"), Pem.privateKey(key));
    }

    static List<X509Certificate> chain(Path dir, String name) {
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            List<X509Certificate> chain = new ArrayList<>();
            for (Certificate certificate : factory
                    .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(dir.resolve(name + ".crt"))))) {
                chain.add((X509Certificate) certificate);
            }
            return chain;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static PrivateKey key(Path dir, String name) {
        try {
            String pem = Files.readString(dir.resolve(name + ".key"), StandardCharsets.US_ASCII);
            String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            byte[] der = Base64.getDecoder().decode(base64);
            GeneralSecurityException last = null;
            for (String algorithm : List.of("EC", "RSA", "Ed25519")) {
                try {
                    return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
                } catch (GeneralSecurityException e) {
                    last = e;
                }
            }
            throw new IllegalStateException("unreadable key " + name, last);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
