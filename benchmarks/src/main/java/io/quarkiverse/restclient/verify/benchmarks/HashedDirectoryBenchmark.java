package io.quarkiverse.restclient.verify.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.net.ssl.X509ExtendedTrustManager;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;
import io.quarkiverse.restclient.verify.testpki.Pem;
import io.quarkiverse.restclient.verify.trust.anchors.OpenSslSubjectHash;
import io.quarkiverse.restclient.verify.trust.anchors.TrustMaterial;
import io.quarkiverse.restclient.verify.trust.anchors.TrustSpec;

/**
 * {@code verify=/path/to/directory} for an OpenSSL hashed CA directory of 10, 100 and 1,000 CA files (each with its
 * {@code <hash>.0} link beside it, as {@code update-ca-certificates} leaves {@code /etc/ssl/certs}): the start-up cost,
 * and the first handshake's lookup on a fresh material. Baseline: the same CAs as one PEM bundle, which is read whole
 * at start-up.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HashedDirectoryBenchmark {

    @Param({ "10", "100", "1000" })
    int cas;

    private Path root;
    private TrustSpec directory;
    private TrustSpec bundle;
    private X509Certificate[] chain;
    private ClassLoader loader;
    private X509ExtendedTrustManager loadedBundle;
    private X509ExtendedTrustManager loadedDirectory;

    @Setup
    public void setUp() throws IOException, CertificateException {
        root = Files.createTempDirectory("hashed-directory");
        Path dir = Files.createDirectories(root.resolve("certs"));
        List<X509Certificate> all = new ArrayList<>();
        CertificateAuthority issuing = null;
        for (int i = 0; i < cas; i++) {
            CertificateAuthority ca = CertificateAuthority.root("Directory Root " + i);
            all.add(ca.certificate());
            String file = "ca-" + i + ".pem";
            Pem.write(dir.resolve(file), Pem.certificates(ca.certificate()));
            String hash = OpenSslSubjectHash.of(ca.certificate());
            int n = 0;
            while (Files.exists(dir.resolve(hash + "." + n), LinkOption.NOFOLLOW_LINKS)) {
                n++;
            }
            Files.createSymbolicLink(dir.resolve(hash + "." + n), Path.of(file));
            if (i == cas / 2) {
                issuing = ca;
            }
        }
        chain = issuing.intermediate("Directory Intermediate")
                .server("api.test", List.of("localhost"), List.of("127.0.0.1")).chain()
                .toArray(new X509Certificate[0]);
        Path pem = Pem.write(root.resolve("bundle.pem"), Pem.certificates(all));
        directory = TrustSpec.parse(dir.toString());
        bundle = TrustSpec.parse(pem.toString());
        loader = getClass().getClassLoader();

        TrustMaterial material = TrustMaterial.load(directory, loader);
        if (material.directories().size() != 1 || !material.anchors().isEmpty()) {
            throw new IllegalStateException("expected a hashed directory, got " + material.description());
        }
        loadedDirectory = firstHandshake();
        loadedBundle = bundleStartup();
        loadedBundle.checkServerTrusted(chain, "ECDHE_ECDSA");
    }

    @TearDown
    public void tearDown() throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    /** Baseline: the same CAs as one PEM bundle, read whole at start-up. */
    @Benchmark
    public X509ExtendedTrustManager bundleStartup() {
        return TrustMaterial.load(bundle, loader).trustManager();
    }

    /** Baseline for a handshake: the check against the bundle's trust manager, loaded at start-up. */
    @Benchmark
    public X509ExtendedTrustManager bundleCheck() throws CertificateException {
        loadedBundle.checkServerTrusted(chain, "ECDHE_ECDSA");
        return loadedBundle;
    }

    /** The directory at start-up: its CA files are read only when a handshake needs them. */
    @Benchmark
    public X509ExtendedTrustManager directoryStartup() {
        return TrustMaterial.load(directory, loader).trustManager();
    }

    /** Start-up plus the first handshake's check: the issuer looked up by subject hash, read and validated. */
    @Benchmark
    public X509ExtendedTrustManager directoryFirstHandshake() throws CertificateException {
        return firstHandshake();
    }

    /**
     * Every later handshake: the check against the directory's trust manager, which looks the issuer up again (a
     * changed or removed file counts) and reuses the file it parsed before. Its baseline is {@link #bundleCheck()}.
     */
    @Benchmark
    public X509ExtendedTrustManager directoryCheck() throws CertificateException {
        loadedDirectory.checkServerTrusted(chain, "ECDHE_ECDSA");
        return loadedDirectory;
    }

    private X509ExtendedTrustManager firstHandshake() throws CertificateException {
        X509ExtendedTrustManager trustManager = TrustMaterial.load(directory, loader).trustManager();
        trustManager.checkServerTrusted(chain, "ECDHE_ECDSA");
        return trustManager;
    }
}
