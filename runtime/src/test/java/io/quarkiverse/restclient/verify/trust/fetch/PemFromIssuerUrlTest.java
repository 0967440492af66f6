package io.quarkiverse.restclient.verify.trust.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;

import org.junit.jupiter.api.Test;

import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;
import io.quarkiverse.restclient.verify.testpki.Pem;

/**
 * A caIssuers URL that serves the issuer as PEM text: RFC 5280 4.2.2.1 says DER (or a DER PKCS#7 bundle), browsers
 * refuse PEM there, and so does this client, but the outcome says what the answer was and what to serve instead.
 */
class PemFromIssuerUrlTest {

    static final X509Certificate CA = CertificateAuthority.root("Pem Served Root").certificate();

    @Test
    void aPemCertificateIsRefusedWithWhatToServeInstead() {
        byte[] pem = Pem.certificates(CA).getBytes(StandardCharsets.US_ASCII);

        IntermediateFetcher.Fetched fetched = IntermediateFetcher.parse(pem);

        assertThat(fetched.certificates()).isEmpty();
        assertThat(fetched.failure()).isEqualTo("this is PEM; serve the DER certificate (RFC 5280 4.2.2.1): the"
                + " server's operator can convert it with openssl x509 -in ca.pem -outform der -out ca.cer;"
                + " PEM is refused here as browsers refuse it");
    }

    @Test
    void pemAfterBlankLinesOrAByteOrderMarkIsStillRecognised() {
        byte[] pem = ("\uFEFF\r\n\n" + Pem.certificates(CA)).getBytes(StandardCharsets.UTF_8);

        assertThat(IntermediateFetcher.parse(pem).failure()).startsWith("this is PEM; serve the DER certificate");
    }

    @Test
    void otherTextIsStillNotACertificate() {
        assertThat(IntermediateFetcher.parse("<!DOCTYPE html><p>not found</p>".getBytes(StandardCharsets.US_ASCII))
                .failure()).isEqualTo("not a certificate (neither DER X.509 nor PKCS#7)");
    }
}
