package io.quarkiverse.restclient.verify.benchmarks;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
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

/**
 * Full TLS handshakes (and one HTTP GET each) over 127.0.0.1 against one server, with the extension's trust chain
 * versus a plain JDK PKIX trust manager (see {@link HandshakeFixture}). Client and server share the JVM and its two
 * cores, so the figures are whole round trips, both sides included. On a shared machine the two forks see different
 * loads; {@link HandshakeRounds} alternates the two clients in one JVM for a steadier ratio.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HandshakeBenchmark {

    private HandshakeFixture fixture;

    @Setup
    public void setUp() throws GeneralSecurityException, IOException {
        fixture = new HandshakeFixture();
    }

    @TearDown
    public void tearDown() throws IOException {
        fixture.close();
    }

    /** Baseline: the JDK's PKIX trust manager. The TLS stack needs longer than 3 s to reach steady state. */
    @Benchmark
    @Warmup(iterations = 8, time = 1)
    public byte[] jdkPkix() throws IOException {
        return fixture.handshakeAndGet(fixture.jdkContext);
    }

    /** The extension's chain, as a managed REST client uses it. */
    @Benchmark
    @Warmup(iterations = 8, time = 1)
    public byte[] extensionChain() throws IOException {
        return fixture.handshakeAndGet(fixture.extensionContext);
    }

    /** Baseline without the network: the JDK's PKIX validation of the server's chain. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @BenchmarkMode(Mode.AverageTime)
    public X509ExtendedTrustManager jdkCheckOnly() throws CertificateException {
        return FullHandshakes.checkServerTrusted(fixture.jdk, fixture.chain);
    }

    /** The extension's chain without the network: what it adds to each handshake's validation. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @BenchmarkMode(Mode.AverageTime)
    public X509ExtendedTrustManager extensionCheckOnly() throws CertificateException {
        return FullHandshakes.checkServerTrusted(fixture.extension, fixture.chain);
    }
}
