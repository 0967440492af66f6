package io.quarkiverse.restclient.verify.trust.anchors;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import javax.security.auth.x500.X500Principal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;
import io.quarkiverse.restclient.verify.testpki.Pem;

/**
 * A hashed directory's caches stay bounded: a hash link pointed at a new file again and again leaves at most
 * {@link CaDirectory#MAX_PARSED_FILES} parsed files behind, and look-ups for planning are remembered for at most
 * {@link CaDirectory#MAX_PLANNING_LOOKUPS} names, each seen again when the directory or its files change.
 */
class CaDirectoryStateBoundTest {

    private static final CertificateAuthority ROOT = CertificateAuthority.root("Rotated Root");

    @Test
    void repointedLinksDoNotGrowTheParseCache(@TempDir Path directory) throws Exception {
        X500Principal subject = ROOT.certificate().getSubjectX500Principal();
        Path link = directory.resolve(OpenSslSubjectHash.of(subject) + ".0");
        Path kept = Files.createDirectories(directory.resolve("rotations"));
        String pem = Pem.certificates(ROOT.certificate());
        CaDirectory ca = new CaDirectory(directory);
        for (int i = 0; i < 1_500; i++) {
            // Each rotation writes a new file and points the hash link at it, keeping the old files (distinct inodes).
            Path target = Files.writeString(kept.resolve("ca-" + i + ".pem"), pem);
            Path next = directory.resolve(".next");
            Files.createSymbolicLink(next, target);
            Files.move(next, link, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            assertThat(ca.findBySubject(subject)).hasSize(1);
        }
        assertThat(cached(ca, "parsed")).isLessThanOrEqualTo(1_024);
    }

    @Test
    void planningLookUpsAreBoundedAndFollowChanges(@TempDir Path directory) throws Exception {
        X500Principal subject = ROOT.certificate().getSubjectX500Principal();
        String hash = OpenSslSubjectHash.of(subject);
        Path file = directory.resolve(hash + ".0");
        Files.writeString(file, Pem.certificates(ROOT.certificate()));
        CaDirectory ca = new CaDirectory(directory);

        assertThat(ca.findBySubjectForPlanning(subject)).containsExactly(ROOT.certificate());
        for (int i = 0; i < 3_000; i++) {
            assertThat(ca.findBySubjectForPlanning(new X500Principal("CN=server-" + i + ".test"))).isEmpty();
        }
        assertThat(ca.cachedPlanningLookups()).isLessThanOrEqualTo(CaDirectory.MAX_PLANNING_LOOKUPS);

        // The same file with another CA of that name (a renewal in place): seen by its modification time.
        CertificateAuthority renewed = CertificateAuthority.rootNamed(subject, Instant.now().minus(Duration.ofDays(1)),
                Instant.now().plus(Duration.ofDays(10)));
        Files.writeString(file, Pem.certificates(renewed.certificate()));
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
        assertThat(ca.findBySubjectForPlanning(subject)).containsExactly(renewed.certificate());

        // A second CA of that name added: the directory changed.
        Files.writeString(directory.resolve(hash + ".1"), Pem.certificates(ROOT.certificate()));
        Files.setLastModifiedTime(directory, FileTime.from(Instant.now().plusSeconds(10)));
        assertThat(ca.findBySubjectForPlanning(subject)).containsExactly(renewed.certificate(), ROOT.certificate());
    }

    /** The size of one of the directory's caches, read from its field so that the test also runs on older code. */
    private static int cached(CaDirectory directory, String field) throws ReflectiveOperationException {
        Field cache = CaDirectory.class.getDeclaredField(field);
        cache.setAccessible(true);
        return ((Map<?, ?>) cache.get(directory)).size();
    }
}
