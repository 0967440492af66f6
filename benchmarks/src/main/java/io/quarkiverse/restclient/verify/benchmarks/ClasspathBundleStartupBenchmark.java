package io.quarkiverse.restclient.verify.benchmarks;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.X509ExtendedTrustManager;

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

import io.quarkiverse.restclient.verify.trust.anchors.TrustMaterial;
import io.quarkiverse.restclient.verify.trust.anchors.TrustSpec;

/**
 * The start-up cost of {@code verify=classpath:certs/bundle.pem} with a real-size bundle, in a JIT-warm JVM: parsing
 * the PEM resource (baseline, what every start did before the build recorded classpath bundles) versus decoding the
 * DER certificates the build recorded (what a production start does now). The {@code cold*} pair loads copies of the
 * bundle that are never in the JDK's certificate cache, so every certificate is decoded as at a real start-up; the
 * other pairs hit that cache, so they show what differs besides X.509 decoding.
 * {@link ClasspathBundleFirstStartBenchmark} measures a fresh JVM.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ClasspathBundleStartupBenchmark {

    private ClasspathBundleFixture fixture;
    private int next;

    @Setup
    public void setUp() {
        fixture = new ClasspathBundleFixture(true);
        int fromPem = TrustMaterial.load(fixture.spec, fixture.loader).anchors().size();
        int fromDer = TrustMaterial.load(fixture.spec, fixture.loader, fixture.prebuilt).anchors().size();
        if (fromPem != fromDer || fromPem < 100) {
            throw new IllegalStateException(fixture.bundle.source() + ": " + fromPem + " anchors from PEM, " + fromDer
                    + " from DER; expected the same 100 or more");
        }
        System.out.println(fixture.bundle.source() + ": " + fromPem + " CA certificates");
    }

    @TearDown
    public void tearDown() throws IOException {
        fixture.close();
    }

    /** Baseline: the PEM resource parsed at start-up, then the trust manager built. */
    @Benchmark
    public X509ExtendedTrustManager pemAtStartup() {
        return TrustMaterial.load(fixture.spec, fixture.loader).trustManager();
    }

    /** Now: the DER certificates recorded at build time decoded, then the trust manager built. */
    @Benchmark
    public X509ExtendedTrustManager derFromBuild() {
        return TrustMaterial.load(fixture.spec, fixture.loader, fixture.prebuilt).trustManager();
    }

    /** Baseline without the trust manager: only the PEM parsed into certificates. */
    @Benchmark
    public TrustMaterial pemAtStartupLoadOnly() {
        return TrustMaterial.load(fixture.spec, fixture.loader);
    }

    /** Now, without the trust manager: only the recorded DER decoded into certificates. */
    @Benchmark
    public TrustMaterial derFromBuildLoadOnly() {
        return TrustMaterial.load(fixture.spec, fixture.loader, fixture.prebuilt);
    }

    /** Baseline with every certificate decoded as at a start-up: the next uncached copy's PEM parsed. */
    @Benchmark
    public X509ExtendedTrustManager coldPemAtStartup() {
        return TrustMaterial.load(nextCopy(), fixture.loader).trustManager();
    }

    /** Now, with every certificate decoded as at a start-up: the next uncached copy's recorded DER decoded. */
    @Benchmark
    public X509ExtendedTrustManager coldDerFromBuild() {
        return TrustMaterial.load(nextCopy(), fixture.loader, fixture.prebuilt).trustManager();
    }

    private TrustSpec nextCopy() {
        TrustSpec copy = fixture.copies.get(next);
        next = (next + 1) % fixture.copies.size();
        return copy;
    }
}
