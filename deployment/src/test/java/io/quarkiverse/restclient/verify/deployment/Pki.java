package io.quarkiverse.restclient.verify.deployment;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;

import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import io.quarkiverse.restclient.verify.testpki.IssuedCertificate;
import io.quarkiverse.restclient.verify.testpki.OpenSsl;
import io.quarkiverse.restclient.verify.testpki.Pem;
import io.quarkiverse.restclient.verify.testpki.PkiFiles;
import io.quarkiverse.restclient.verify.trust.anchors.OpenSslSubjectHash;

/** Trust files as users have them, written into a fresh temporary directory. */
public final class Pki {

    private Pki() {
    }

    /** A temporary directory shared by both class loaders a Quarkus test runs in. */
    public static Path tempDir(String name) {
        return PkiFiles.sharedDirectory(name);
    }

    /** A root CA of the JDK default trust store, to imitate a server with a public certificate. */
    public static X509Certificate jdkDefaultRoot() {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init((KeyStore) null);
            X509TrustManager manager = (X509TrustManager) factory.getTrustManagers()[0];
            return manager.getAcceptedIssuers()[0];
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A PKCS#12 store (password {@code changeit}) with an optional key entry and trusted certificates. */
    public static Path pkcs12(Path file, IssuedCertificate key, List<X509Certificate> trusted) {
        try (OutputStream out = Files.newOutputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            if (key != null) {
                store.setKeyEntry("client", key.privateKey(), "changeit".toCharArray(),
                        key.chain().toArray(new X509Certificate[0]));
            }
            int i = 0;
            for (X509Certificate certificate : trusted) {
                store.setCertificateEntry("ca-" + i++, certificate);
            }
            store.store(out, "changeit".toCharArray());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A PEM bundle with these certificates. */
    public static Path bundle(Path file, X509Certificate... certificates) {
        return Pem.write(file, Pem.certificates(certificates));
    }

    /**
     * An OpenSSL hashed CA directory, laid out by {@code openssl rehash} where OpenSSL is installed (one file per
     * certificate), so the names do not come from the code under test.
     */
    public static Path hashedDirectory(Path dir, X509Certificate... certificates) {
        try {
            clean(dir);
            return OpenSsl.hashedDirectory(dir, List.of(certificates), OpenSslSubjectHash::of);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates the directory, or empties it: both class loaders of a test lay out the same files. */
    public static void clean(Path dir) throws IOException {
        Files.createDirectories(dir);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                Files.delete(entry);
            }
        }
    }

    /** A directory of CA files without hash names. */
    public static Path plainDirectory(Path dir, X509Certificate... certificates) {
        try {
            clean(dir);
            int i = 0;
            for (X509Certificate certificate : certificates) {
                Pem.write(dir.resolve("ca-" + i++ + ".crt"), Pem.certificates(List.of(certificate)));
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
