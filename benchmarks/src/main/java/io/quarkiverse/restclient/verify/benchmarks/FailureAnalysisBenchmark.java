package io.quarkiverse.restclient.verify.benchmarks;

import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import jakarta.ws.rs.ProcessingException;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import io.quarkiverse.restclient.verify.SslVerificationException;
import io.quarkiverse.restclient.verify.config.ClientKeys;
import io.quarkiverse.restclient.verify.diagnosis.DiagnosisContext;
import io.quarkiverse.restclient.verify.diagnosis.HandshakeDiagnosis;
import io.quarkiverse.restclient.verify.diagnosis.HandshakeEvidence;
import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;
import io.quarkiverse.restclient.verify.testpki.IssuedCertificate;

/**
 * The added cost of explaining a failed handshake, next to what every failed handshake pays anyway: the JDK's PKIX
 * validation rejecting the chain. Both run on the same chain in the same JVM; the report is their ratio.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FailureAnalysisBenchmark {

    private X509TrustManager jdk;
    private X509Certificate[] chain;
    private ProcessingException failure;
    private DiagnosisContext context;
    private Optional<HandshakeEvidence> evidence;

    @Setup
    public void setUp() throws Exception {
        CertificateAuthority trusted = CertificateAuthority.root("Trusted Root");
        IssuedCertificate server = CertificateAuthority.root("Unknown Root").intermediate("Unknown Intermediate")
                .server("api.test", List.of("localhost"), List.of("127.0.0.1"));
        chain = server.chain().toArray(new X509Certificate[0]);
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("root", trusted.certificate());
        TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
        factory.init(store);
        jdk = (X509TrustManager) factory.getTrustManagers()[0];
        CertificateException rejection = jdkRejection();
        SSLHandshakeException handshake = new SSLHandshakeException(rejection.getMessage());
        handshake.initCause(rejection);
        failure = new ProcessingException(handshake);
        context = new DiagnosisContext("api", ClientKeys.named("api"), "file /certs/corp.pem (1 CA certificate)",
                "/certs/corp.pem", true, "127.0.0.1", 8443, null, false);
        evidence = Optional.of(new HandshakeEvidence("127.0.0.1", 8443, List.of(chain), rejection, Instant.now()));
    }

    /** Baseline: the JDK rejecting the chain, which every failed handshake costs. */
    @Benchmark
    public CertificateException jdkRejection() {
        try {
            jdk.checkServerTrusted(chain, "ECDHE_ECDSA");
            throw new IllegalStateException("the chain must be rejected");
        } catch (CertificateException e) {
            return e;
        }
    }

    /** What the extension adds: classifying the failure and writing the explanation. */
    @Benchmark
    public SslVerificationException explain() {
        return HandshakeDiagnosis.explain(failure, context, evidence).orElseThrow();
    }
}
