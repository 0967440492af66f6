package io.quarkiverse.restclient.verify.trust.anchors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;
import io.quarkiverse.restclient.verify.testpki.Pem;
import io.quarkiverse.restclient.verify.trust.ManyIssued;
import io.quarkiverse.restclient.verify.trust.MozillaBundles;
import io.quarkiverse.restclient.verify.trust.anchors.TrustSources.Kind;
import io.quarkiverse.restclient.verify.trust.anchors.TrustSources.Status;
import io.quarkiverse.restclient.verify.trust.anchors.TrustSources.Verdict;

/**
 * Which of the application's other trust sources accept a chain: each is judged by the anchor layer the extension
 * builds for it, by key and dates, never by name; hostile environment values are skipped at once; sources are read
 * once and again only when their file changes, and what is remembered is bounded.
 */
class TrustSourcesTest {

    private static final Duration PROMPTLY = Duration.ofSeconds(5);
    private static final CertificateAuthority CORP = CertificateAuthority.root("Corp Proxy CA");
    private static final List<X509Certificate> BEHIND_PROXY = CORP.intermediate("Corp Proxy Issuing CA")
            .server("api.example", List.of("api.example"), List.of()).chain();

    @TempDir
    Path dir;

    @Test
    void aFileNamedByTheEnvironmentThatHoldsTheRootAcceptsTheChainWithItsAnchor() {
        Path corp = Pem.write(dir.resolve("corp.pem"), Pem.certificates(CORP.certificate()));

        List<Verdict> verdicts = environment(BEHIND_PROXY, Map.of("REQUESTS_CA_BUNDLE", corp.toString(),
                "SSL_CERT_FILE", corp.toString()));

        assertThat(verdicts).singleElement().satisfies(v -> {
            assertThat(v.status()).isEqualTo(Status.ACCEPTS);
            assertThat(v.anchor()).isEqualTo("CN=Corp Proxy CA,O=Verify Tests");
            assertThat(v.source().variables()).containsExactly("REQUESTS_CA_BUNDLE", "SSL_CERT_FILE");
            assertThat(v.source().verifyWord()).isEqualTo(corp.toString());
            assertThat(v.description()).isEqualTo("file " + corp + " (1 CA certificate)");
        });
    }

    @Test
    void aRootWithTheSameNameButAnotherKeyDoesNotAccept() {
        CertificateAuthority forged = CertificateAuthority.rootNamed(CORP.certificate().getSubjectX500Principal());
        Path file = Pem.write(dir.resolve("forged.pem"), Pem.certificates(forged.certificate()));

        assertThat(environment(BEHIND_PROXY, Map.of("REQUESTS_CA_BUNDLE", file.toString())))
                .singleElement().satisfies(v -> assertThat(v.status()).isEqualTo(Status.REJECTS));
    }

    @Test
    void anExpiredServerCertificateOrAnExpiredRootDoesNotAccept() {
        Path corp = Pem.write(dir.resolve("corp.pem"), Pem.certificates(CORP.certificate()));
        Instant now = Instant.now();
        List<X509Certificate> expiredLeaf = CORP.server("old.example", List.of("old.example"), List.of(),
                now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1))).chain();
        assertThat(environment(expiredLeaf, Map.of("REQUESTS_CA_BUNDLE", corp.toString())))
                .singleElement().satisfies(v -> assertThat(v.status()).isEqualTo(Status.REJECTS));

        CertificateAuthority expiredRoot = CertificateAuthority.root("Expired Proxy CA",
                now.minus(Duration.ofDays(400)), now.minus(Duration.ofDays(1)));
        Path old = Pem.write(dir.resolve("old.pem"), Pem.certificates(expiredRoot.certificate()));
        List<X509Certificate> underIt = expiredRoot.server("api.example", List.of("api.example"), List.of(),
                now.minus(Duration.ofDays(300)), now.plus(Duration.ofDays(30))).chain();
        assertThat(environment(underIt, Map.of("REQUESTS_CA_BUNDLE", old.toString())))
                .singleElement().satisfies(v -> assertThat(v.status()).isEqualTo(Status.REJECTS));
    }

    @Test
    void mozillasDistrustAfterDateIsApplied() {
        Instant date = Instant.now().minus(Duration.ofDays(10));
        CertificateAuthority dated = CertificateAuthority.root("Dated Root");
        ClassLoader mozilla = new MozillaBundles().add(dated.certificate(), date).released("test-1", LocalDate.now(),
                dir);
        List<X509Certificate> newer = dated.server("new.example", List.of("new.example"), List.of(),
                date.plus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(30))).chain();
        List<X509Certificate> older = dated.server("old.example", List.of("old.example"), List.of(),
                date.minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(30))).chain();

        assertThat(of(Kind.MOZILLA, TrustSources.judge(newer, null, false, mozilla, v -> null)))
                .singleElement().satisfies(v -> {
                    assertThat(v.status()).isEqualTo(Status.REJECTS);
                    assertThat(v.detail()).contains("distrust");
                });
        assertThat(of(Kind.MOZILLA, TrustSources.judge(older, null, false, mozilla, v -> null)))
                .singleElement().satisfies(v -> assertThat(v.status()).isEqualTo(Status.ACCEPTS));
    }

    @Test
    void aPipeAHugeFileADeviceAndADirectoryWithoutHashNamesAreSkippedAtOnce() throws IOException {
        Path pipe = fifo("pipe.pem");
        Path huge = dir.resolve("huge.pem");
        try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
            // Sparse: four gigabytes that take no disk, far above the size limit of trust files.
            file.setLength(4L * 1024 * 1024 * 1024);
        }
        Path plain = Files.createDirectories(dir.resolve("plain"));
        Pem.write(plain.resolve("corp.pem"), Pem.certificates(CORP.certificate()));
        Map<String, String> environment = Map.of("REQUESTS_CA_BUNDLE", pipe.toString(), "CURL_CA_BUNDLE",
                huge.toString(), "SSL_CERT_FILE", "/dev/zero", "SSL_CERT_DIR", plain.toString());

        List<Verdict> verdicts = assertTimeoutPreemptively(PROMPTLY, () -> environment(BEHIND_PROXY, environment));

        assertThat(verdicts).hasSize(4).allSatisfy(v -> assertThat(v.status()).isEqualTo(Status.SKIPPED));
        assertThat(verdicts).map(Verdict::detail).anySatisfy(d -> assertThat(d).contains("named pipe"))
                .anySatisfy(d -> assertThat(d).contains("more than the limit"))
                .anySatisfy(d -> assertThat(d).contains("without OpenSSL <hash>.N names"));
    }

    @Test
    void aSourceIsReadOnceAndAgainWhenItsFileChanges() throws IOException {
        Path bundle = Pem.write(dir.resolve("bundle.pem"), Pem.certificates(CORP.certificate()));
        Map<String, String> environment = Map.of("REQUESTS_CA_BUNDLE", bundle.toString());
        environment(BEHIND_PROXY, environment);

        long loads = TrustSources.loads();
        assertThat(environment(BEHIND_PROXY, environment)).singleElement()
                .satisfies(v -> assertThat(v.status()).isEqualTo(Status.ACCEPTS));
        assertThat(TrustSources.loads()).as("reads of unchanged sources").isEqualTo(loads);

        CertificateAuthority other = CertificateAuthority.root("Other Proxy CA");
        Pem.write(bundle, Pem.certificates(other.certificate()));
        Files.setLastModifiedTime(bundle, FileTime.from(Instant.now().plus(Duration.ofMinutes(1))));
        assertThat(environment(BEHIND_PROXY, environment)).singleElement()
                .satisfies(v -> assertThat(v.status()).isEqualTo(Status.REJECTS));
        assertThat(TrustSources.loads()).as("reads after the file changed").isEqualTo(loads + 1);
    }

    @Test
    void whatIsRememberedIsBounded() {
        for (int i = 0; i < 3 * TrustSources.MAX_REMEMBERED; i++) {
            Path file = Pem.write(dir.resolve("ca-" + i + ".pem"), Pem.certificates(CORP.certificate()));
            environment(BEHIND_PROXY, Map.of("REQUESTS_CA_BUNDLE", file.toString()));
        }
        assertThat(TrustSources.remembered()).isLessThanOrEqualTo(TrustSources.MAX_REMEMBERED);
    }

    @Test
    void aSourceWithMoreCertificatesThanTheBoundIsSkipped() {
        List<X509Certificate> many = new ArrayList<>();
        many.add(CORP.certificate());
        for (int i = 0; i < TrustSources.MAX_CERTIFICATES; i++) {
            many.add(ManyIssued.issue(CORP, "Filler " + i, List.of()));
        }
        Path file = Pem.write(dir.resolve("many.pem"), Pem.certificates(many));

        assertThat(environment(BEHIND_PROXY, Map.of("REQUESTS_CA_BUNDLE", file.toString()))).singleElement()
                .satisfies(v -> {
                    assertThat(v.status()).isEqualTo(Status.SKIPPED);
                    assertThat(v.detail()).isEqualTo("holds " + (TrustSources.MAX_CERTIFICATES + 1)
                            + " certificates, more than the " + TrustSources.MAX_CERTIFICATES
                            + " a source may hold to be judged");
                });
    }

    @Test
    void theClientsOwnSourcesAreLeftOutUnlessAskedFor() {
        Path corp = Pem.write(dir.resolve("corp.pem"), Pem.certificates(CORP.certificate()));
        TrustSpec own = TrustSpec.parse("default," + corp);
        Map<String, String> environment = new HashMap<>(Map.of("REQUESTS_CA_BUNDLE", corp.toString()));

        List<Verdict> others = TrustSources.judge(BEHIND_PROXY, own, false, getClass().getClassLoader(),
                environment::get);
        assertThat(others).map(v -> v.source().kind()).doesNotContain(Kind.JDK_DEFAULT, Kind.ENVIRONMENT)
                .contains(Kind.SYSTEM);

        List<Verdict> all = TrustSources.judge(BEHIND_PROXY, own, true, getClass().getClassLoader(),
                environment::get);
        assertThat(of(Kind.ENVIRONMENT, all)).singleElement().satisfies(v -> {
            assertThat(v.own()).isTrue();
            assertThat(v.accepts()).isTrue();
        });
        assertThat(of(Kind.JDK_DEFAULT, all)).singleElement().satisfies(v -> {
            assertThat(v.own()).isTrue();
            assertThat(v.accepts()).isFalse();
        });
    }

    private List<Verdict> environment(List<X509Certificate> chain, Map<String, String> environment) {
        return of(Kind.ENVIRONMENT, TrustSources.judge(chain, null, false, getClass().getClassLoader(),
                environment::get));
    }

    private static List<Verdict> of(Kind kind, List<Verdict> verdicts) {
        return verdicts.stream().filter(v -> v.source().kind() == kind).toList();
    }

    private Path fifo(String name) {
        Path path = dir.resolve(name);
        try {
            Process mkfifo = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
            assumeTrue(mkfifo.waitFor() == 0, "needs mkfifo");
        } catch (IOException e) {
            assumeTrue(false, "needs mkfifo: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return path;
    }
}
