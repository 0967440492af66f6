package io.quarkiverse.restclient.verify.trust.revocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ocsp.RevokedInfo;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.Test;

import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;
import io.quarkiverse.restclient.verify.testpki.IssuedCertificate;
import io.quarkiverse.restclient.verify.trust.OcspResponses;

/**
 * An OCSP answer counts only for the certificate it names, by serial and issuer: an answer about another serial, or
 * about the same serial of another CA, is no answer, even when a genuine answer for another certificate comes first.
 * Error statuses and other response types are refused; REVOKED keeps its time and reason, UNKNOWN stays unknown.
 */
class OcspAnswerAboutTheRightCertificateTest {

    static final CertificateAuthority ROOT = CertificateAuthority.root("Right OCSP Root");
    static final CertificateAuthority OTHER = CertificateAuthority.root("Right OCSP Other Root");
    static final IssuedCertificate LEAF = ROOT.server("right-ocsp.test", List.of("localhost"), List.of("127.0.0.1"));
    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @Test
    void anAnswerAboutAnotherSerialIsNoAnswer() {
        BigInteger other = LEAF.certificate().getSerialNumber().add(BigInteger.TEN);

        assertThatThrownBy(() -> read(OcspResponses.about(LEAF.certificate(), ROOT, NOW).serial(other).build()))
                .isInstanceOf(OcspAnswer.Unusable.class)
                .hasMessage("the response says nothing about serial " + LEAF.certificate().getSerialNumber()
                        .toString(16));
    }

    @Test
    void anAnswerAboutTheSameSerialOfAnotherCaIsNoAnswer() {
        byte[] response = OcspResponses.about(LEAF.certificate(), ROOT, NOW).idIssuer(OTHER.certificate()).build();

        assertThatThrownBy(() -> read(response)).isInstanceOf(OcspAnswer.Unusable.class)
                .hasMessageStartingWith("the response says nothing about serial");
    }

    @Test
    void theAnswerAboutTheCertificateIsFoundAfterOneAboutAnotherSerial() throws Exception {
        // The first single response (another serial) says REVOKED; the one about the certificate says GOOD.
        byte[] response = OcspResponses.about(LEAF.certificate(), ROOT, NOW).anotherSerialFirst().build();

        assertThat(read(response).status()).isEqualTo(OcspAnswer.Status.GOOD);
    }

    @Test
    void aResponderErrorIsNoAnswer() {
        assertThatThrownBy(() -> read(OcspResponses.error(OCSPRespBuilder.TRY_LATER)))
                .isInstanceOf(OcspAnswer.Unusable.class)
                .hasMessage("the responder answered with error status 3");
        assertThatThrownBy(() -> read(OcspResponses.error(OCSPRespBuilder.UNAUTHORIZED)))
                .isInstanceOf(OcspAnswer.Unusable.class)
                .hasMessage("the responder answered with error status 6");
    }

    @Test
    void aResponseOfAnotherTypeIsNoAnswer() {
        assertThatThrownBy(() -> read(OcspResponses.notBasic())).isInstanceOf(OcspAnswer.Unusable.class)
                .hasMessage("the response is not a basic OCSP response");
    }

    @Test
    void bytesThatAreNoOcspResponseAreNoAnswer() {
        assertThatThrownBy(() -> read(new byte[] { 0x30, 0x03, 0x0a, 0x01 })).isInstanceOf(OcspAnswer.Unusable.class)
                .hasMessageStartingWith("the response cannot be read: ");
    }

    @Test
    void aRevokedAnswerKeepsItsTimeAndReasonInWords() throws Exception {
        Instant revokedAt = NOW.minusSeconds(3600);

        OcspAnswer answer = read(OcspResponses.about(LEAF.certificate(), ROOT, NOW)
                .status(new RevokedStatus(Date.from(revokedAt), 1)).build());

        assertThat(answer.status()).isEqualTo(OcspAnswer.Status.REVOKED);
        assertThat(answer.revokedAt()).isEqualTo(revokedAt);
        assertThat(answer.reason()).isEqualTo("key compromise");
    }

    @Test
    void everyReasonCodeReadsAsWordsOrAsItsNumber() throws Exception {
        assertThat(reasonOf(0)).isEqualTo("unspecified");
        assertThat(reasonOf(8)).isEqualTo("remove from crl");
        assertThat(reasonOf(10)).isEqualTo("aa compromise");
        // Beyond the codes RFC 5280 defines: the number, never an exception.
        assertThat(reasonOf(11)).isEqualTo("reason code 11");
        assertThat(reasonOf(200)).isEqualTo("reason code 200");
    }

    @Test
    void aRevokedAnswerWithoutReasonHasNone() throws Exception {
        OcspAnswer answer = read(OcspResponses.about(LEAF.certificate(), ROOT, NOW)
                .status(new RevokedStatus(new RevokedInfo(
                        new ASN1GeneralizedTime(Date.from(NOW)), null)))
                .build());

        assertThat(answer.status()).isEqualTo(OcspAnswer.Status.REVOKED);
        assertThat(answer.reason()).isNull();
    }

    @Test
    void anUnknownAnswerStaysUnknown() throws Exception {
        OcspAnswer answer = read(OcspResponses.about(LEAF.certificate(), ROOT, NOW).status(new UnknownStatus())
                .build());

        assertThat(answer.status()).isEqualTo(OcspAnswer.Status.UNKNOWN);
        assertThat(answer.revokedAt()).isNull();
        assertThat(answer.reason()).isNull();
    }

    @Test
    void theRequestAsksAboutTheCertificateWithoutANonce() throws Exception {
        OCSPReq request = new OCSPReq(OcspAnswer.request(LEAF.certificate(), ROOT.certificate()));

        assertThat(request.getRequestList()).hasSize(1);
        CertificateID id = request.getRequestList()[0].getCertID();
        assertThat(id.getSerialNumber()).isEqualTo(LEAF.certificate().getSerialNumber());
        assertThat(id.matchesIssuer(new JcaX509CertificateHolder(ROOT.certificate()),
                new JcaDigestCalculatorProviderBuilder().build())).isTrue();
        assertThat(request.hasExtensions()).as("no nonce, so that answers can be cached").isFalse();
    }

    private static String reasonOf(int code) throws OcspAnswer.Unusable {
        return read(OcspResponses.about(LEAF.certificate(), ROOT, NOW)
                .status(new RevokedStatus(Date.from(NOW), code)).build()).reason();
    }

    private static OcspAnswer read(byte[] response) throws OcspAnswer.Unusable {
        return OcspAnswer.read(response, LEAF.certificate(), ROOT.certificate(), NOW);
    }
}
