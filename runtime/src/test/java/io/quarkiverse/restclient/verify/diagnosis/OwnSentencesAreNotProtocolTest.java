package io.quarkiverse.restclient.verify.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.CertificateExpiredException;
import java.util.Optional;

import javax.net.ssl.SSLHandshakeException;

import org.junit.jupiter.api.Test;

import io.quarkiverse.restclient.verify.SslVerificationException;
import io.quarkiverse.restclient.verify.SslVerificationException.Reason;
import io.quarkiverse.restclient.verify.config.ClientKeys;

/**
 * The diagnosis tells our own failures apart by their type, never by a sentence another class writes: a failure
 * whose text merely reads like ours (a name quoted in it, another layer's wording) is explained by what it is.
 */
class OwnSentencesAreNotProtocolTest {

    private static final DiagnosisContext CONTEXT = new DiagnosisContext("spoof", ClientKeys.named("spoof"),
            "file /certs/corp.pem (1 CA certificate)", "/certs/corp.pem", true, "spoof.test", 443, null, false);

    @Test
    void anExpiredCertificateWhoseTextReadsLikeAnExpiredAnchorIsTheServersToRenew() {
        CertificateExpiredException expired = new CertificateExpiredException("NotAfter: the certificate 'CN=x' in"
                + " this client's trust, which would anchor the server's chain, expired on 2020-01-01T00:00:00Z");
        SslVerificationException explained = explain(handshake(expired));

        assertThat(explained.reason()).isEqualTo(Reason.EXPIRED);
        assertThat(explained.hints().get(0)).startsWith("Renew the certificate on the server");
    }

    @Test
    void aFailureThatOnlyQuotesTheClosedAfterRequestSentenceIsNotAClientCertificateRefusal() {
        SSLHandshakeException failure = new SSLHandshakeException("Remote host terminated the handshake: proxy said"
                + " 'the server closed the connection after asking for a client certificate'");
        SslVerificationException explained = explain(failure);

        assertThat(explained.reason()).isEqualTo(Reason.OTHER);
    }

    private static SSLHandshakeException handshake(Throwable cause) {
        SSLHandshakeException failure = new SSLHandshakeException(cause.getMessage());
        failure.initCause(cause);
        return failure;
    }

    private static SslVerificationException explain(Throwable failure) {
        return HandshakeDiagnosis.explain(failure, CONTEXT, Optional.empty()).orElseThrow();
    }

}
