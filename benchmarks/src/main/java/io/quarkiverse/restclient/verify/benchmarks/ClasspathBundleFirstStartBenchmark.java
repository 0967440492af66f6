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

/**
 * The first load of {@code verify=classpath:certs/bundle-0.pem} in a fresh JVM, as at an application's start-up:
 * nothing JIT-compiled, no certificate cached. One operation per JVM, many JVMs; the PEM resource parsed (baseline)
 * versus the DER certificates recorded at build time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(20)
public class ClasspathBundleFirstStartBenchmark {

    private ClasspathBundleFixture fixture;

    @Setup
    public void setUp() {
        fixture = new ClasspathBundleFixture(false);
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
}
