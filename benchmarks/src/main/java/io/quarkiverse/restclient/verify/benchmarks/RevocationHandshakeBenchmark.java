package io.quarkiverse.restclient.verify.benchmarks;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.concurrent.TimeUnit;

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
 * Full TLS handshakes against a server that staples a cached OCSP answer, with {@code verify-revocation=stapled}
 * versus {@code off} (see {@link RevocationHandshakeFixture}). {@link RevocationHandshakeRounds} alternates the two
 * in one JVM for a steadier ratio.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 8, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RevocationHandshakeBenchmark {

    private RevocationHandshakeFixture fixture;

    @Setup
    public void setUp() throws GeneralSecurityException, IOException {
        fixture = new RevocationHandshakeFixture();
    }

    @TearDown
    public void tearDown() throws IOException {
        fixture.close();
    }

    /** Baseline: the extension's chain without revocation checks. */
    @Benchmark
    public byte[] revocationOff() throws IOException {
        return fixture.handshakeAndGet(fixture.offContext);
    }

    /** The extension's chain reading and verifying the stapled OCSP answer on every handshake. */
    @Benchmark
    public byte[] revocationStapled() throws IOException {
        return fixture.handshakeAndGet(fixture.stapledContext);
    }
}
