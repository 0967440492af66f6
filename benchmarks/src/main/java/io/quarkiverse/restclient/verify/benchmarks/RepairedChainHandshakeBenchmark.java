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
 * Full handshakes with a server that omits its intermediate, repaired from the cache after the first fetch, against
 * the same server sending its full chain (see {@link RepairedChainFixture}); and the trust check alone for both
 * chains. {@link RepairedChainRounds} alternates the two servers in one JVM for a steadier ratio.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RepairedChainHandshakeBenchmark {

    private RepairedChainFixture fixture;

    @Setup
    public void setUp() throws GeneralSecurityException, IOException {
        fixture = new RepairedChainFixture();
    }

    @TearDown
    public void tearDown() throws IOException {
        fixture.close();
    }

    /** Baseline: the server sends its full chain. */
    @Benchmark
    @Warmup(iterations = 8, time = 1)
    public byte[] fullChain() throws IOException {
        return fixture.handshakeAndGet(fixture.full);
    }

    /** The server sends only its certificate; the intermediate comes from the cache. */
    @Benchmark
    @Warmup(iterations = 8, time = 1)
    public byte[] repairedChain() throws IOException {
        return fixture.handshakeAndGet(fixture.repaired);
    }

    /** Baseline without the network: the client's check of the full chain. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @BenchmarkMode(Mode.AverageTime)
    public X509ExtendedTrustManager fullChainCheckOnly() throws CertificateException {
        return FullHandshakes.checkServerTrusted(fixture.client, fixture.fullChain);
    }

    /** The client's check of the leaf alone, completed from the cache. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @BenchmarkMode(Mode.AverageTime)
    public X509ExtendedTrustManager repairedChainCheckOnly() throws CertificateException {
        return FullHandshakes.checkServerTrusted(fixture.client, fixture.leafOnly);
    }
}
