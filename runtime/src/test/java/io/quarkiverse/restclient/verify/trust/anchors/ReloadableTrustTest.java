package io.quarkiverse.restclient.verify.trust.anchors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;
import io.quarkiverse.restclient.verify.testpki.IssuedCertificate;
import io.quarkiverse.restclient.verify.testpki.MountedDirectory;
import io.quarkiverse.restclient.verify.testpki.OpenSsl;
import io.quarkiverse.restclient.verify.testpki.Pem;
import io.quarkiverse.restclient.verify.trust.Reloadable;
import io.quarkiverse.restclient.verify.trust.TrustMaterialException;

/** Reloading by content: link swaps, A → B → A, broken content, files written while read. */
class ReloadableTrustTest {

    private static final CertificateAuthority A = CertificateAuthority.root("Reload Root A");
    private static final CertificateAuthority B = CertificateAuthority.root("Reload Root B");
    private static final IssuedCertificate SERVER_A = A.server("a.test", List.of("a.test"), List.of());
    private static final IssuedCertificate SERVER_B = B.server("b.test", List.of("b.test"), List.of());

    @TempDir
    Path dir;

    @Test
    void aLinkSwapIsSeenAlthoughTheConfiguredPathNeverChanges() throws Exception {
        MountedDirectory secret = MountedDirectory.create(dir.resolve("secret"), Map.of("ca.pem", pem(A)));
        Reloadable<TrustMaterial> trust = reloadable(secret.file("ca.pem"));
        ReloadingTrustManager manager = new ReloadingTrustManager(trust);
        assertTrusted(manager, SERVER_A);
        assertThat(trust.reload().change()).isEqualTo(Reloadable.Change.UNCHANGED);

        secret.update(Map.of("ca.pem", pem(B)));
        Reloadable.Outcome<TrustMaterial> outcome = trust.reload();
        assertThat(outcome.change()).isEqualTo(Reloadable.Change.RELOADED);
        assertThat(outcome.current().changesSince(outcome.previous())).isEqualTo("added '"
                + subject(B) + "'; removed '" + subject(A) + "'");
        assertTrusted(manager, SERVER_B);
        assertRejected(manager, SERVER_A);
        assertThat(trust.generation().number()).isEqualTo(2);
    }

    @Test
    void newContentIsSeenWhenSizeAndModificationTimeStayTheSame() throws Exception {
        // Text after a PEM block is ignored: pad both bundles to one size, so only their content tells them apart.
        int size = Math.max(pem(A).length(), pem(B).length());
        String bundleA = pem(A) + " ".repeat(size - pem(A).length());
        String bundleB = pem(B) + " ".repeat(size - pem(B).length());
        FileTime stamp = FileTime.from(Instant.parse("2026-01-01T00:00:00Z"));
        Path file = Pem.write(dir.resolve("ca.pem"), bundleA);
        Files.setLastModifiedTime(file, stamp);
        Reloadable<TrustMaterial> trust = reloadable(file);
        ReloadingTrustManager manager = new ReloadingTrustManager(trust);
        assertTrusted(manager, SERVER_A);

        Files.writeString(file, bundleB, StandardCharsets.US_ASCII);
        Files.setLastModifiedTime(file, stamp);
        assertThat(Files.size(file)).isEqualTo(size);
        assertThat(Files.getLastModifiedTime(file)).isEqualTo(stamp);
        assertThat(trust.reload().change()).isEqualTo(Reloadable.Change.RELOADED);
        assertTrusted(manager, SERVER_B);
        assertRejected(manager, SERVER_A);
    }

    @Test
    void rotatingBackToTheFirstBundleIsAChangeLikeAnyOther() throws Exception {
        Path file = Pem.write(dir.resolve("ca.pem"), pem(A));
        Reloadable<TrustMaterial> trust = reloadable(file);
        ReloadingTrustManager manager = new ReloadingTrustManager(trust);

        Pem.write(file, pem(B));
        assertThat(trust.reload().change()).isEqualTo(Reloadable.Change.RELOADED);
        assertRejected(manager, SERVER_A);
        // Same size, same time stamp as far as a reloader looking at metadata could tell: only content says A again.
        Pem.write(file, pem(A));
        assertThat(trust.reload().change()).isEqualTo(Reloadable.Change.RELOADED);
        assertTrusted(manager, SERVER_A);
        assertRejected(manager, SERVER_B);
    }

    @Test
    void brokenContentKeepsTheLastGoodMaterialAndIsReportedOnce() throws Exception {
        Path file = Pem.write(dir.resolve("ca.pem"), pem(A));
        Reloadable<TrustMaterial> trust = reloadable(file);
        ReloadingTrustManager manager = new ReloadingTrustManager(trust);
        TrustMaterial good = trust.current();

        Files.writeString(file, "garbage");
        Reloadable.Outcome<TrustMaterial> failed = trust.reload();
        assertThat(failed.change()).isEqualTo(Reloadable.Change.FAILED);
        assertThat(failed.failure()).contains(file.toString()).contains("no certificate found");
        assertThat(trust.failure()).isEqualTo(failed.failure());
        assertThat(trust.reload().change()).isEqualTo(Reloadable.Change.STILL_FAILING);
        assertThat(trust.current()).isSameAs(good);
        assertTrusted(manager, SERVER_A);

        // A private key pushed by mistake is refused like at start-up, and never widens trust.
        Files.writeString(file, pem(B) + Pem.privateKey(SERVER_B.privateKey()));
        assertThat(trust.reload().change()).isEqualTo(Reloadable.Change.FAILED);
        assertRejected(manager, SERVER_B);

        Files.delete(file);
        assertThat(trust.reload().failure()).contains("does not exist");
        assertThat(trust.current()).isSameAs(good);

        Pem.write(file, pem(A));
        assertThat(trust.reload().change()).isEqualTo(Reloadable.Change.RECOVERED);
        assertThat(trust.failure()).isNull();
        assertThat(trust.current()).isSameAs(good);
    }

    @Test
    void contentWrittenWhileItIsReadIsJudgedOnceItHoldsStill() {
        Path file = Pem.write(dir.resolve("ca.pem"), pem(A));
        int[] reads = { 0 };
        // The second hash differs from the first: the file changed between the check and the load.
        Reloadable<String> files = Reloadable.load(file.toString(), () -> "hash-" + (reads[0]++ == 1 ? "new"
                : "x"
                        + reads[0]),
                () -> "loaded");
        assertThat(files.reload().change()).isEqualTo(Reloadable.Change.UNCHANGED);
        assertThat(files.current()).isEqualTo("loaded");
        assertThat(files.generation().number()).isEqualTo(1);
    }

    @Test
    void fixedSourcesNeverReload() {
        Reloadable<TrustMaterial> trust = TrustMaterial.reloadable(TrustSpec.parse("default"),
                getClass().getClassLoader(), Map.of());
        assertThat(trust.reload().change()).isEqualTo(Reloadable.Change.UNCHANGED);
    }

    @Test
    void aHashedDirectoryCountsByItsListingSoEntriesDeletedOrReplacedReachOpenConnections() throws IOException {
        Path cas = Files.createDirectories(dir.resolve("cas"));
        Pem.write(cas.resolve("a.pem"), pem(A));
        Files.createSymbolicLink(cas.resolve(OpenSsl.subjectHash(A.certificate(), OpenSslSubjectHash::of) + ".0"),
                Path.of("a.pem"));
        String first = TrustMaterial.contentHash(TrustSpec.parse(cas.toString()));
        assertThat(TrustMaterial.contentHash(TrustSpec.parse(cas.toString()))).as("nothing changed").isEqualTo(first);

        Pem.write(cas.resolve("b.pem"), pem(B));
        Files.createSymbolicLink(cas.resolve(OpenSsl.subjectHash(B.certificate(), OpenSslSubjectHash::of) + ".0"),
                Path.of("b.pem"));
        String added = TrustMaterial.contentHash(TrustSpec.parse(cas.toString()));
        assertThat(added).as("an entry added").isNotEqualTo(first);

        // Rewritten in place with the same size and modification time: only the change time (ctime) tells.
        FileTime modified = Files.getLastModifiedTime(cas.resolve("b.pem"));
        byte[] same = Files.readAllBytes(cas.resolve("b.pem"));
        sleepPastTheClockGranularity();
        Files.write(cas.resolve("b.pem"), same);
        Files.setLastModifiedTime(cas.resolve("b.pem"), modified);
        String rewritten = TrustMaterial.contentHash(TrustSpec.parse(cas.toString()));
        assertThat(rewritten).as("an entry rewritten in place").isNotEqualTo(added);

        Files.delete(cas.resolve("b.pem"));
        assertThat(TrustMaterial.contentHash(TrustSpec.parse(cas.toString()))).as("an entry's file deleted")
                .isNotEqualTo(rewritten);
    }

    private static void sleepPastTheClockGranularity() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void anUnhashedDirectoryIsLoadedWholeSoItsContentCounts() throws IOException {
        Path cas = Files.createDirectories(dir.resolve("plain"));
        Pem.write(cas.resolve("a.pem"), pem(A));
        Reloadable<TrustMaterial> trust = reloadable(cas);
        Path staged = Pem.write(dir.resolve("b.pem.tmp"), pem(B));
        Files.move(staged, cas.resolve("b.pem"), StandardCopyOption.ATOMIC_MOVE);
        Reloadable.Outcome<TrustMaterial> outcome = trust.reload();
        assertThat(outcome.change()).isEqualTo(Reloadable.Change.RELOADED);
        assertThat(outcome.current().changesSince(outcome.previous())).isEqualTo("added '" + subject(B) + "'");
    }

    @Test
    void classpathBundlesRecordedAtBuildTimeNeedNoResource() throws Exception {
        Map<String, List<byte[]>> prebuilt = Map.of("certs/ca.pem", List.of(A.certificate().getEncoded()));
        ClassLoader empty = new ClassLoader(null) {
        };
        TrustMaterial material = TrustMaterial.load(TrustSpec.parse("classpath:/certs/ca.pem"), empty, prebuilt);
        assertThat(material.anchors()).containsExactly(A.certificate());
        assertThat(material.description()).isEqualTo("classpath bundle certs/ca.pem (1 CA certificate, read at build"
                + " time)");
        assertThatThrownBy(() -> TrustMaterial.load(TrustSpec.parse("classpath:certs/ca.pem"), empty, Map.of()))
                .isInstanceOf(TrustMaterialException.class).hasMessageContaining("does not exist in the application");
    }

    private Reloadable<TrustMaterial> reloadable(Path path) {
        return TrustMaterial.reloadable(TrustSpec.path(path.toString()), getClass().getClassLoader(), Map.of());
    }

    private static String pem(CertificateAuthority ca) {
        return Pem.certificates(ca.certificate());
    }

    private static String subject(CertificateAuthority ca) {
        return ca.certificate().getSubjectX500Principal().getName();
    }

    private static void assertTrusted(ReloadingTrustManager manager, IssuedCertificate server)
            throws CertificateException {
        manager.checkServerTrusted(server.chain().toArray(new X509Certificate[0]), "ECDHE_ECDSA");
    }

    private static void assertRejected(ReloadingTrustManager manager, IssuedCertificate server) {
        assertThatThrownBy(() -> assertTrusted(manager, server)).isInstanceOf(CertificateException.class);
    }
}
