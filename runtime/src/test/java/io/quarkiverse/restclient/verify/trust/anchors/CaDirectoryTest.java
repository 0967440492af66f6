package io.quarkiverse.restclient.verify.trust.anchors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.security.auth.x500.X500Principal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkiverse.restclient.verify.testpki.OpenSsl;
import io.quarkiverse.restclient.verify.trust.NamedCertificates;
import io.quarkiverse.restclient.verify.trust.TrustMaterialException;

class CaDirectoryTest {

    private static final X500Principal ROOT_NAME = new X500Principal("CN=Directory Root,O=Verify Tests");
    private static final X509Certificate ROOT = selfSigned(ROOT_NAME, 1, Instant.now().minus(Duration.ofDays(400)));
    // The renewed CA keeps the subject, so c_rehash puts it in the next slot of the same hash.
    private static final X509Certificate RENEWED = selfSigned(ROOT_NAME, 2, Instant.now());
    private static final X509Certificate OTHER = selfSigned(new X500Principal("CN=Directory Other,O=Verify Tests"), 3,
            Instant.now());

    @TempDir
    Path dir;

    @Test
    void findsCertificatesThroughHashLinksLikeDebian() throws IOException {
        Path store = Files.createDirectories(dir.resolve("store"));
        Path cas = Files.createDirectories(dir.resolve("certs"));
        Files.createSymbolicLink(cas.resolve(hash(ROOT) + ".0"), write(store.resolve("root.pem"), pem(ROOT)));
        Files.createSymbolicLink(cas.resolve(hash(ROOT) + ".1"), write(store.resolve("renewed.pem"), pem(RENEWED)));
        Files.createSymbolicLink(cas.resolve(hash(OTHER) + ".0"), write(store.resolve("other.pem"), pem(OTHER)));

        CaDirectory directory = new CaDirectory(cas);
        assertThat(directory.path()).isEqualTo(cas);
        assertThat(directory.isHashed()).isTrue();
        assertThat(directory.findBySubject(ROOT_NAME)).containsExactly(ROOT, RENEWED);
        assertThat(directory.findBySubject(OTHER.getSubjectX500Principal())).containsExactly(OTHER);
        assertThat(directory.findBySubject(new X500Principal("CN=Nobody"))).isEmpty();
        assertThat(directory.problems()).isEmpty();
    }

    @Test
    void keepsOnlyCertificatesWithExactlyTheSubject() throws IOException {
        // A misnamed file (here OTHER under ROOT's hash) must not answer for ROOT.
        write(dir.resolve(hash(ROOT) + ".0"), pem(OTHER) + pem(ROOT));
        assertThat(new CaDirectory(dir).findBySubject(ROOT_NAME)).containsExactly(ROOT);
    }

    @Test
    void findsAFileAddedAfterTheFirstLookup() throws IOException {
        write(dir.resolve(hash(OTHER) + ".0"), pem(OTHER));
        CaDirectory directory = new CaDirectory(dir);
        assertThat(directory.findBySubject(ROOT_NAME)).isEmpty();

        write(dir.resolve(hash(ROOT) + ".0"), pem(ROOT));
        assertThat(directory.findBySubject(ROOT_NAME)).containsExactly(ROOT);

        write(dir.resolve(hash(ROOT) + ".1"), pem(RENEWED));
        assertThat(directory.findBySubject(ROOT_NAME)).containsExactly(ROOT, RENEWED);
    }

    @Test
    void parsesAFileOnceButRereadsItWhenItChanges() throws IOException {
        Path file = write(dir.resolve(hash(ROOT) + ".0"), pem(ROOT));
        CaDirectory directory = new CaDirectory(dir);
        X509Certificate first = directory.findBySubject(ROOT_NAME).get(0);
        // The same instance again: the file was not parsed a second time.
        assertThat(directory.findBySubject(ROOT_NAME).get(0)).isSameAs(first);

        write(file, pem(RENEWED));
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
        assertThat(directory.findBySubject(ROOT_NAME)).containsExactly(RENEWED);
    }

    @Test
    void followsALinkThatIsRepointed() throws IOException {
        Path root = write(dir.resolve("root.pem"), pem(ROOT));
        Path renewed = write(dir.resolve("renewed.pem"), pem(RENEWED));
        Files.setLastModifiedTime(renewed, Files.getLastModifiedTime(root));
        Path link = Files.createSymbolicLink(dir.resolve(hash(ROOT) + ".0"), root.getFileName());
        CaDirectory directory = new CaDirectory(dir);
        assertThat(directory.findBySubject(ROOT_NAME)).containsExactly(ROOT);

        Files.delete(link);
        Files.createSymbolicLink(link, renewed.getFileName());
        assertThat(directory.findBySubject(ROOT_NAME)).containsExactly(RENEWED);
    }

    @Test
    void skipsAndRecordsABrokenFileInAHashSlot() throws IOException {
        write(dir.resolve(hash(ROOT) + ".0"), "garbage");
        write(dir.resolve(hash(ROOT) + ".1"), pem(RENEWED));
        CaDirectory directory = new CaDirectory(dir);
        assertThat(directory.findBySubject(ROOT_NAME)).containsExactly(RENEWED);
        assertThat(directory.problems()).singleElement().asString()
                .contains(hash(ROOT) + ".0")
                .contains("no certificate found: the file is neither a PEM bundle");

        // Recorded once per version of the file, not on every handshake.
        directory.findBySubject(ROOT_NAME);
        assertThat(directory.problems()).hasSize(1);
    }

    @Test
    void stopsAtADanglingLinkAndSaysSo() throws IOException {
        Files.createSymbolicLink(dir.resolve(hash(ROOT) + ".0"), dir.resolve("removed.pem"));
        write(dir.resolve(hash(ROOT) + ".1"), pem(RENEWED));
        CaDirectory directory = new CaDirectory(dir);
        assertThat(directory.findBySubject(ROOT_NAME)).isEmpty();
        assertThat(directory.problems()).singleElement().asString()
                .contains(hash(ROOT) + ".0").contains("link to a file that does not exist");
    }

    @Test
    void keepsOnlyRecentProblems() throws IOException {
        CaDirectory directory = new CaDirectory(dir);
        for (int i = 0; i < 30; i++) {
            X500Principal name = new X500Principal("CN=Broken " + i);
            write(dir.resolve(OpenSslSubjectHash.of(name) + ".0"), "broken " + i);
            directory.findBySubject(name);
        }
        assertThat(directory.problems()).hasSize(20);
        assertThat(directory.problems().get(19)).contains(OpenSslSubjectHash.of(new X500Principal("CN=Broken 29")));
    }

    @Test
    void answersConcurrentLookups() throws Exception {
        write(dir.resolve(hash(ROOT) + ".0"), pem(ROOT));
        write(dir.resolve(hash(ROOT) + ".1"), pem(RENEWED));
        CaDirectory directory = new CaDirectory(dir);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<X509Certificate>>> results = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                results.add(pool.submit(() -> directory.findBySubject(ROOT_NAME)));
            }
            for (Future<List<X509Certificate>> result : results) {
                assertThat(result.get()).containsExactly(ROOT, RENEWED);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void detectsHashNames() throws IOException {
        CaDirectory directory = new CaDirectory(dir);
        write(dir.resolve("ABCDEF01.0"), pem(ROOT));
        write(dir.resolve("abcdef01.pem"), pem(ROOT));
        write(dir.resolve("abcdefgh.0"), pem(ROOT));
        write(dir.resolve("abcdef0.0"), pem(ROOT));
        write(dir.resolve("abcdef01.r0"), pem(ROOT));
        Files.createDirectory(dir.resolve("abcdef01.1"));
        Files.createSymbolicLink(dir.resolve("abcdef01.2"), dir.resolve("gone.pem"));
        assertThat(directory.isHashed()).isFalse();

        write(dir.resolve("abcdef01.10"), pem(ROOT));
        assertThat(directory.isHashed()).isTrue();
    }

    @Test
    void loadsADirectoryWithoutHashNamesWhole() throws Exception {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Path cas = Files.createDirectories(dir.resolve("cas"));
        write(cas.resolve("root.pem"), pem(ROOT));
        Files.write(cas.resolve("other.der"), OTHER.getEncoded());
        Files.createSymbolicLink(cas.resolve("renewed.crt"), write(outside.resolve("renewed.pem"), pem(RENEWED)));
        write(cas.resolve("README"), "not a certificate");
        write(cas.resolve(".hidden.pem"), "hidden files are not read");
        Files.createDirectories(cas.resolve("nested"));
        write(cas.resolve("nested").resolve("deep.pem"), pem(OTHER));

        CaDirectory directory = new CaDirectory(cas);
        assertThat(directory.isHashed()).isFalse();
        assertThat(directory.loadAll().certificates()).containsExactlyInAnyOrder(ROOT, OTHER, RENEWED);
        assertThat(directory.problems()).singleElement().asString().contains("README").contains("no certificate found");
    }

    @Test
    void explainsADirectoryWithoutCertificates() throws IOException {
        write(dir.resolve("README"), "not a certificate");
        write(dir.resolve("notes.txt"), "");
        write(dir.resolve(".hidden"), "");
        assertThatThrownBy(() -> new CaDirectory(dir).loadAll())
                .isInstanceOf(TrustMaterialException.class)
                .hasMessageStartingWith(dir + ": no certificate found in any of the 2 files (")
                .hasMessageContaining("README: no certificate found: the file is neither a PEM bundle")
                .hasMessageContaining("notes.txt: the file is empty");

        Path empty = Files.createDirectory(dir.resolve("empty"));
        assertThatThrownBy(() -> new CaDirectory(empty).loadAll())
                .hasMessage(empty + ": no certificate found: the directory has no files");
    }

    @Test
    void explainsADirectoryThatCannotBeListed() throws IOException {
        Path missing = dir.resolve("missing");
        assertThatThrownBy(() -> new CaDirectory(missing).isHashed())
                .isInstanceOf(TrustMaterialException.class)
                .hasMessage(missing + ": cannot be read: No such file or directory");
        assertThatThrownBy(() -> new CaDirectory(missing).loadAll())
                .hasMessage(missing + ": cannot be read: No such file or directory");
        // Lookups during a handshake do not throw: the directory simply has nothing.
        assertThat(new CaDirectory(missing).findBySubject(ROOT_NAME)).isEmpty();

        // A directory this process may not list: see UnreadableFilesTest.
    }

    private static String hash(X509Certificate certificate) {
        // OpenSSL's own answer where installed: these names must not come from the code under test.
        return OpenSsl.subjectHash(certificate, OpenSslSubjectHash::of);
    }

    private static Path write(Path file, String content) throws IOException {
        return Files.write(file, content.getBytes(StandardCharsets.US_ASCII));
    }

    private static String pem(X509Certificate certificate) {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate selfSigned(X500Principal name, long serial, Instant notBefore) {
        return NamedCertificates.certificate(name, name, serial, notBefore, notBefore.plus(Duration.ofDays(3650)));
    }
}
