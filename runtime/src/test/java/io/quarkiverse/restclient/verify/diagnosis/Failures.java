package io.quarkiverse.restclient.verify.diagnosis;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

import io.quarkiverse.restclient.verify.SslVerificationException;
import io.quarkiverse.restclient.verify.config.ClientKeys;

/** Failures shaped as the REST client reports them, and contexts of clients, for tests of the diagnosis. */
final class Failures {

    private Failures() {
    }

    /** A client of this name calling host:port with this trust; trustValue null is the JDK default trust. */
    static DiagnosisContext client(String name, String host, int port, String trustDescription, String trustValue) {
        return new DiagnosisContext(name, ClientKeys.named(name), trustDescription, trustValue,
                trustValue != null && !trustValue.startsWith("default"), host, port, null, false);
    }

    /** The trust manager refused the chain: the handshake fails with the refusal and the chain it saw. */
    static Throwable refused(List<X509Certificate> chain, CertificateException refusal, DiagnosisContext context) {
        ChainRejectedException rejected = new ChainRejectedException(
                new HandshakeEvidence(context.host(), context.port(), chain, refusal, Instant.now()));
        SSLHandshakeException failure = new SSLHandshakeException(refusal.getMessage());
        failure.initCause(rejected);
        return failure;
    }

    /** The TLS engine failed with this text, as the JDK or Netty write it. */
    static Throwable engine(String text) {
        return new SSLHandshakeException(text);
    }

    /** A plain SSLException with this text. */
    static Throwable ssl(String text) {
        return new SSLException(text);
    }

    static SslVerificationException explain(Throwable failure, DiagnosisContext context) {
        return HandshakeDiagnosis.explain(failure, context, HandshakeDiagnosis.evidenceOf(failure)).orElseThrow();
    }

    static Optional<SslVerificationException> explainIfTls(Throwable failure, DiagnosisContext context) {
        return HandshakeDiagnosis.explain(failure, context, HandshakeDiagnosis.evidenceOf(failure));
    }
}
