package io.quarkiverse.restclient.verify.trust.anchors;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import javax.security.auth.x500.X500Principal;

import io.quarkiverse.restclient.verify.testpki.Pem;
import io.quarkiverse.restclient.verify.trust.Mutations;
import io.quarkiverse.restclient.verify.trust.NamedCertificates;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterTry;

/**
 * Whatever the {@code <hash>.N} files of a CA directory hold, a lookup by subject never throws, returns only
 * certificates with exactly that subject, keeps a good file's CA, and reports bad files in short escaped lines.
 */
class CaDirectoryLookupProperties {

    private static final X500Principal SUBJECT = new X500Principal("CN=Lookup Root,O=Verify Tests");
    private static final X509Certificate CA = NamedCertificates.certificate(SUBJECT, SUBJECT, 7, Instant.now(),
            Instant.now().plus(Duration.ofDays(1)));
    private static final byte[] PEM = Pem.certificates(CA).getBytes(StandardCharsets.US_ASCII);
    private static final String HASH = OpenSslSubjectHash.of(CA);

    private Path dir;

    @Property(tries = 200)
    void lookupsSurviveAnyFiles(@ForAll("files") List<byte[]> files, @ForAll boolean goodFileLast) throws IOException {
        dir = Files.createTempDirectory("ca-directory-properties");
        int n = 0;
        for (byte[] content : files) {
            Files.write(dir.resolve(HASH + "." + n++), content);
        }
        if (goodFileLast) {
            Files.write(dir.resolve(HASH + "." + n), PEM);
        }
        CaDirectory directory = new CaDirectory(dir);
        Mutations.withinBound(() -> {
            List<X509Certificate> found = directory.findBySubject(SUBJECT);
            assertThat(found).allSatisfy(certificate -> assertThat(certificate.getSubjectX500Principal())
                    .isEqualTo(SUBJECT));
            if (goodFileLast) {
                assertThat(found).contains(CA);
            }
            assertThat(directory.problems()).hasSizeLessThanOrEqualTo(20)
                    .allSatisfy(problem -> assertThat(problem).doesNotContain("\n", "\r").hasSizeLessThan(1100));
        });
    }

    @Provide
    Arbitrary<List<byte[]>> files() {
        return Arbitraries.oneOf(Mutations.mutationsOf(PEM), Mutations.bytes(), Mutations.pemLike()).list()
                .ofMaxSize(3);
    }

    @AfterTry
    void removeDirectory() throws IOException {
        if (dir == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        dir = null;
    }
}
