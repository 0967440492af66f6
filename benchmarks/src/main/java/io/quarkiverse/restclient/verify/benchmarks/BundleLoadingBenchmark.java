package io.quarkiverse.restclient.verify.benchmarks;

import java.io.ByteArrayInputStream;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.TrustManagerFactory;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import io.quarkiverse.restclient.verify.trust.files.CertificateFileReader;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.PemTrustOptions;

/**
 * Reading a real-size PEM bundle (the distribution's, about 140 CAs): the extension's reader, which checks every block
 * to name the line of a bad one, against the JDK's {@code CertificateFactory.generateCertificates} alone (baseline) and
 * against Vert.x's PEM trust options up to their trust manager factory.
 * <p>
 * The JDK keeps the last 750 certificates that {@code generateCertificate} parsed; the extension reads block by block
 * through that method, so in a warm JVM it gets cached objects, while {@code generateCertificates} always decodes.
 * The {@code cold*} pair reads copies of the bundle that are never in that cache, as at an application's start-up.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BundleLoadingBenchmark {

    private byte[] pem;
    private List<byte[]> copies;
    private int next;
    private Vertx vertx;

    @Setup
    public void setUp() throws CertificateException {
        RealSizeBundle bundle = RealSizeBundle.load();
        pem = bundle.pem();
        copies = bundle.uncachedCopies().stream().map(RealSizeBundle::pem).toList();
        vertx = Vertx.vertx();
        int jdk = jdkGenerateCertificates().size();
        int extension = extensionReader().size();
        if (jdk != extension || jdk < 100) {
            throw new IllegalStateException(bundle.source() + ": the JDK reads " + jdk + " certificates, the extension "
                    + extension + "; expected the same 100 or more");
        }
        System.out.println(bundle.source() + ": " + jdk + " certificates");
    }

    @TearDown
    public void tearDown() {
        vertx.close();
    }

    /** Baseline: the JDK's own PEM reading. */
    @Benchmark
    public Collection<? extends Certificate> jdkGenerateCertificates() throws CertificateException {
        return CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem));
    }

    /** The extension's reader. */
    @Benchmark
    public List<X509Certificate> extensionReader() {
        return CertificateFileReader.read("bundle.pem", pem);
    }

    /** Vert.x's PEM trust, up to the trust manager factory it builds (a key store and PKIX set-up included). */
    @Benchmark
    public TrustManagerFactory vertxPemTrustOptions() throws Exception {
        return new PemTrustOptions().addCertValue(Buffer.buffer(pem)).getTrustManagerFactory(vertx);
    }

    /** Baseline on the uncached copies (the JDK call never uses the cache, so it costs what it costs warm). */
    @Benchmark
    public Collection<? extends Certificate> coldJdkGenerateCertificates() throws CertificateException {
        return CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(nextCopy()));
    }

    /** The extension's reader on the uncached copies: every certificate decoded, as at a start-up. */
    @Benchmark
    public List<X509Certificate> coldExtensionReader() {
        return CertificateFileReader.read("bundle.pem", nextCopy());
    }

    private byte[] nextCopy() {
        byte[] copy = copies.get(next);
        next = (next + 1) % copies.size();
        return copy;
    }
}
