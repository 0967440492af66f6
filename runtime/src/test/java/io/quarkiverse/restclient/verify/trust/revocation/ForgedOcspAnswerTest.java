package io.quarkiverse.restclient.verify.trust.revocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.Test;

import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;
import io.quarkiverse.restclient.verify.testpki.IssuedCertificate;
import io.quarkiverse.restclient.verify.trust.OcspResponses;

/**
 * Only the certificate's issuer, or a responder it delegated OCSP signing to, may answer for it. An attacker who
 * cannot sign as the issuer tries: their own key, a responder certificate of another CA, one that names the issuer but
 * is forged, one without the OCSP-signing usage, one with another usage, and an expired or not yet valid delegate.
 * Every one is refused; a genuine delegate among decoys is accepted.
 */
class ForgedOcspAnswerTest {

    static final CertificateAuthority ROOT = CertificateAuthority.root("Forged OCSP Root");
    static final CertificateAuthority OTHER = CertificateAuthority.root("Forged OCSP Other Root");
    static final IssuedCertificate LEAF = ROOT.server("forged-ocsp.test", List.of("localhost"), List.of("127.0.0.1"));
    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    static final Instant DAY_AGO = NOW.minus(Duration.ofDays(1));
    static final Instant IN_A_DAY = NOW.plus(Duration.ofDays(1));

    @Test
    void anAnswerSignedByTheIssuerCounts() throws Exception {
        assertThat(read(OcspResponses.about(LEAF.certificate(), ROOT, NOW).build()).status())
                .isEqualTo(OcspAnswer.Status.GOOD);
    }

    @Test
    void aDelegatedResponderOfTheIssuerCounts() throws Exception {
        OcspResponses.Signer delegate = OcspResponses.delegate(ROOT, KeyPurposeId.id_kp_OCSPSigning, DAY_AGO,
                IN_A_DAY);

        byte[] response = OcspResponses.about(LEAF.certificate(), ROOT, NOW)
                .signedBy(delegate.key(), delegate.certificate()).build();

        assertThat(read(response).status()).isEqualTo(OcspAnswer.Status.GOOD);
    }

    @Test
    void aGenuineDelegateAfterUnusableCertificatesCounts() throws Exception {
        OcspResponses.Signer decoy = OcspResponses.delegate(OTHER, KeyPurposeId.id_kp_OCSPSigning, DAY_AGO, IN_A_DAY);
        OcspResponses.Signer delegate = OcspResponses.delegate(ROOT, KeyPurposeId.id_kp_OCSPSigning, DAY_AGO,
                IN_A_DAY);

        byte[] response = OcspResponses.about(LEAF.certificate(), ROOT, NOW)
                .signedBy(delegate.key(), decoy.certificate(), delegate.certificate()).build();

        assertThat(read(response).status()).isEqualTo(OcspAnswer.Status.GOOD);
    }

    @Test
    void anAnswerSignedByAnAttackersOwnKeyIsRefused() {
        byte[] response = OcspResponses.about(LEAF.certificate(), ROOT, NOW)
                .signedBy(OcspResponses.newKeys().getPrivate()).build();

        assertRefused(response);
    }

    @Test
    void aGenuineDelegateCertificateNextToAnAttackersSignatureIsRefused() {
        // The delegate certificate is genuine, but the response is signed by a key that is not the delegate's.
        OcspResponses.Signer delegate = OcspResponses.delegate(ROOT, KeyPurposeId.id_kp_OCSPSigning, DAY_AGO,
                IN_A_DAY);

        byte[] response = OcspResponses.about(LEAF.certificate(), ROOT, NOW)
                .signedBy(OcspResponses.newKeys().getPrivate(), delegate.certificate()).build();

        assertRefused(response);
    }

    @Test
    void aResponderOfAnotherCaIsRefused() {
        OcspResponses.Signer delegate = OcspResponses.delegate(OTHER, KeyPurposeId.id_kp_OCSPSigning, DAY_AGO,
                IN_A_DAY);

        assertRefused(OcspResponses.about(LEAF.certificate(), ROOT, NOW)
                .signedBy(delegate.key(), delegate.certificate()).build());
    }

    @Test
    void aResponderCertificateThatNamesTheIssuerButIsForgedIsRefused() {
        OcspResponses.Signer forged = OcspResponses.forgedDelegate(ROOT, DAY_AGO, IN_A_DAY);

        assertRefused(OcspResponses.about(LEAF.certificate(), ROOT, NOW)
                .signedBy(forged.key(), forged.certificate()).build());
    }

    @Test
    void aResponderCertificateSignedWithTheIssuersKeyUnderAnotherNameIsRefused() {
        OcspResponses.Signer renamed = OcspResponses.delegateUnderAnotherName(ROOT, OTHER, DAY_AGO, IN_A_DAY);

        assertRefused(OcspResponses.about(LEAF.certificate(), ROOT, NOW)
                .signedBy(renamed.key(), renamed.certificate()).build());
    }

    @Test
    void aCertificateOfTheIssuerWithoutTheOcspSigningUsageIsRefused() {
        OcspResponses.Signer noUsage = OcspResponses.delegate(ROOT, null, DAY_AGO, IN_A_DAY);
        OcspResponses.Signer serverUsage = OcspResponses.delegate(ROOT, KeyPurposeId.id_kp_serverAuth, DAY_AGO,
                IN_A_DAY);

        assertRefused(OcspResponses.about(LEAF.certificate(), ROOT, NOW)
                .signedBy(noUsage.key(), noUsage.certificate()).build());
        assertRefused(OcspResponses.about(LEAF.certificate(), ROOT, NOW)
                .signedBy(serverUsage.key(), serverUsage.certificate()).build());
    }

    @Test
    void anExpiredOrNotYetValidDelegateIsRefused() {
        OcspResponses.Signer expired = OcspResponses.delegate(ROOT, KeyPurposeId.id_kp_OCSPSigning,
                NOW.minus(Duration.ofDays(30)), NOW.minusSeconds(1));
        OcspResponses.Signer future = OcspResponses.delegate(ROOT, KeyPurposeId.id_kp_OCSPSigning, NOW.plusSeconds(1),
                IN_A_DAY);

        assertRefused(OcspResponses.about(LEAF.certificate(), ROOT, NOW)
                .signedBy(expired.key(), expired.certificate()).build());
        assertRefused(OcspResponses.about(LEAF.certificate(), ROOT, NOW)
                .signedBy(future.key(), future.certificate()).build());
    }

    private static void assertRefused(byte[] response) {
        assertThatThrownBy(() -> read(response)).isInstanceOf(OcspAnswer.Unusable.class)
                .hasMessage("the response is not signed by '" + ROOT.certificate().getSubjectX500Principal().getName()
                        + "' or a responder it authorised");
    }

    private static OcspAnswer read(byte[] response) throws OcspAnswer.Unusable {
        return OcspAnswer.read(response, LEAF.certificate(), ROOT.certificate(), NOW);
    }
}
