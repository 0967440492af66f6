package io.quarkiverse.restclient.verify.trust.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.Map;

import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;
import org.bouncycastle.asn1.x509.ReasonFlags;
import org.junit.jupiter.api.Test;

import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;
import io.quarkiverse.restclient.verify.testpki.Crls;
import io.quarkiverse.restclient.verify.trust.CrlOfAnotherProvider;
import io.quarkiverse.restclient.verify.trust.CrlParts;

/**
 * Only a complete CRL may say "not revoked". A delta CRL, a CRL limited to CA certificates (for an end entity), to end
 * entities (for a CA, even one with path length 0), or to some reasons, still revokes what it lists but never answers
 * GOOD. An indirect CRL, one of attribute certificates, one whose scope cannot be read, one with an entry of another
 * certificate issuer, and one with a critical extension this client does not know count for nothing. The extensions
 * the client knows, critical or not, leave a CRL complete.
 */
class PartialCrlsNeverAnswerGoodTest {

    static final CertificateAuthority ROOT = CertificateAuthority.root("Partial CRL Root");
    static final X509Certificate END_ENTITY = CrlParts.certificate(ROOT, -1);
    static final X509Certificate CA_PATH_0 = CrlParts.certificate(ROOT, 0);
    static final Date NOW = new Date();

    @Test
    void theCasWholeCrlAnswersCompletelyForEveryKindOfCertificate() {
        CrlScope scope = CrlScope.of(Crls.issue(ROOT));

        assertThat(scope.verdict(END_ENTITY)).isEqualTo(new CrlScope.Verdict(CrlScope.Use.COMPLETE, null));
        assertThat(scope.verdict(CA_PATH_0)).isEqualTo(new CrlScope.Verdict(CrlScope.Use.COMPLETE, null));
    }

    @Test
    void aCrlWithoutEntriesAnswersCompletely() {
        assertThat(CrlScope.of(CrlParts.crl(ROOT, builder -> {
        })).verdict(END_ENTITY).use()).isEqualTo(CrlScope.Use.COMPLETE);
    }

    @Test
    void aDeltaCrlOnlyRevokes() {
        assertThat(CrlScope.of(Crls.scoped(ROOT).delta().issue()).verdict(END_ENTITY)).isEqualTo(
                new CrlScope.Verdict(CrlScope.Use.REVOCATIONS_ONLY,
                        "it is a delta CRL, which lists only the changes since a base CRL"));
    }

    @Test
    void aCrlOfCaCertificatesOnlyRevokesEndEntitiesButAnswersForCas() {
        CrlScope scope = CrlScope.of(Crls.scoped(ROOT).onlyCaCerts().issue());

        assertThat(scope.verdict(END_ENTITY)).isEqualTo(
                new CrlScope.Verdict(CrlScope.Use.REVOCATIONS_ONLY, "it lists only CA certificates"));
        assertThat(scope.verdict(CA_PATH_0).use()).isEqualTo(CrlScope.Use.COMPLETE);
    }

    @Test
    void aCrlOfEndEntitiesOnlyRevokesACaOfPathLengthZeroButAnswersForEndEntities() {
        CrlScope scope = CrlScope.of(Crls.scoped(ROOT).onlyUserCerts().issue());

        assertThat(scope.verdict(CA_PATH_0)).isEqualTo(
                new CrlScope.Verdict(CrlScope.Use.REVOCATIONS_ONLY, "it lists only end-entity certificates"));
        assertThat(scope.verdict(END_ENTITY).use()).isEqualTo(CrlScope.Use.COMPLETE);
    }

    @Test
    void aCrlOfSomeReasonsOnlyRevokes() {
        assertThat(CrlScope.of(Crls.scoped(ROOT).onlySomeReasons().issue()).verdict(END_ENTITY)).isEqualTo(
                new CrlScope.Verdict(CrlScope.Use.REVOCATIONS_ONLY, "it lists only revocations for some reasons"));
    }

    @Test
    void everyLimitIsNamed() {
        X509CRL crl = CrlParts.crl(ROOT, builder -> {
            builder.addExtension(Extension.deltaCRLIndicator, true, new CRLNumber(BigInteger.ONE));
            builder.addExtension(Extension.issuingDistributionPoint, true, new IssuingDistributionPoint(
                    CrlParts.urls("http://crl.test/ca.crl"), false, true, new ReasonFlags(ReasonFlags.keyCompromise),
                    false, false));
        });

        assertThat(CrlScope.of(crl).verdict(END_ENTITY)).isEqualTo(new CrlScope.Verdict(
                CrlScope.Use.REVOCATIONS_ONLY, "it is a delta CRL, which lists only the changes since a base CRL; it"
                        + " lists only CA certificates; it lists only revocations for some reasons; it is the CRL of"
                        + " another distribution point (http://crl.test/ca.crl) than the certificate names"));
    }

    @Test
    void anIndirectCrlCountsForNothing() {
        assertThat(CrlScope.of(Crls.scoped(ROOT).indirect().issue()).verdict(END_ENTITY)).isEqualTo(
                new CrlScope.Verdict(CrlScope.Use.NONE,
                        "it is an indirect CRL, which may list certificates of other issuers"));
    }

    @Test
    void aCrlOfAttributeCertificatesCountsForNothing() {
        assertThat(CrlScope.of(Crls.scoped(ROOT).onlyAttributeCerts().issue()).verdict(END_ENTITY)).isEqualTo(
                new CrlScope.Verdict(CrlScope.Use.NONE, "it lists only attribute certificates"));
    }

    @Test
    void anUnknownCriticalExtensionMakesTheCrlCountForNothing() {
        assertThat(CrlScope.of(Crls.scoped(ROOT).criticalExtension("1.3.6.1.4.1.99999.1").issue())
                .verdict(END_ENTITY)).isEqualTo(new CrlScope.Verdict(CrlScope.Use.NONE,
                        "it has a critical extension 1.3.6.1.4.1.99999.1 that this client does not understand"));
    }

    @Test
    void anUnknownNonCriticalExtensionIsIgnored() {
        X509CRL crl = CrlParts.crl(ROOT, builder -> builder.addExtension(
                new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.3"), false, DERNull.INSTANCE));

        assertThat(CrlScope.of(crl).verdict(END_ENTITY).use()).isEqualTo(CrlScope.Use.COMPLETE);
    }

    @Test
    void theCriticalExtensionsThisClientKnowsKeepAWholeCrlComplete() {
        // A critical issuing distribution point that limits nothing: still the CA's complete CRL.
        X509CRL crl = CrlParts.crl(ROOT, builder -> builder.addExtension(Extension.issuingDistributionPoint, true,
                new IssuingDistributionPoint(null, false, false, null, false, false)));

        assertThat(CrlScope.of(crl).verdict(END_ENTITY).use()).isEqualTo(CrlScope.Use.COMPLETE);
    }

    @Test
    void anIssuingDistributionPointThatCannotBeReadMakesTheCrlCountForNothing() {
        // A critical issuing distribution point whose value is a NULL, as a lenient provider could hand it over.
        X509CRL crl = new CrlOfAnotherProvider(Crls.scoped(ROOT).onlyUserCerts().issue(), Map.of(
                Extension.issuingDistributionPoint.getId(), new byte[] { 0x04, 0x02, 0x05, 0x00 }));

        assertThat(CrlScope.of(crl).verdict(END_ENTITY)).isEqualTo(new CrlScope.Verdict(CrlScope.Use.NONE,
                "its issuing distribution point cannot be read"));
    }

    @Test
    void anEntryOfAnotherCertificateIssuerMakesTheCrlCountForNothing() {
        X509CRL crl = CrlParts.crl(ROOT, builder -> builder.addCRLEntry(BigInteger.TEN, NOW, new Extensions(
                new Extension(Extension.certificateIssuer, true, new GeneralNames(new GeneralName(
                        new X500Name("CN=Another Issuer"))).getEncoded()))));

        assertThat(CrlScope.of(crl).verdict(END_ENTITY)).isEqualTo(new CrlScope.Verdict(CrlScope.Use.NONE,
                "an entry names another certificate issuer, as only indirect CRLs do"));
    }

    @Test
    void anEntryWithAnUnknownCriticalExtensionMakesTheCrlCountForNothing() {
        X509CRL crl = CrlParts.crl(ROOT, builder -> {
            builder.addCRLEntry(BigInteger.ONE, NOW, CRLReason.superseded);
            builder.addCRLEntry(BigInteger.TEN, NOW, new Extensions(new Extension(
                    new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.2"), true, DERNull.INSTANCE.getEncoded())));
        });

        assertThat(CrlScope.of(crl).verdict(END_ENTITY)).isEqualTo(new CrlScope.Verdict(CrlScope.Use.NONE,
                "an entry has a critical extension 1.3.6.1.4.1.99999.2 that this client does not understand"));
    }

    @Test
    void entriesWithCriticalReasonAndInvalidityDateKeepTheCrlComplete() {
        X509CRL crl = CrlParts.crl(ROOT, builder -> builder.addCRLEntry(BigInteger.TEN, NOW, new Extensions(new Extension[] {
                new Extension(Extension.reasonCode, true, CRLReason.lookup(CRLReason.keyCompromise).getEncoded()),
                new Extension(Extension.invalidityDate, true,
                        new ASN1GeneralizedTime(NOW).getEncoded()) })));

        assertThat(CrlScope.of(crl).verdict(END_ENTITY).use()).isEqualTo(CrlScope.Use.COMPLETE);
    }

    @Test
    void aRemoveFromCrlEntryTakesAHoldBackAndEveryOtherEntryRevokes() {
        X509CRL crl = CrlParts.crl(ROOT, builder -> {
            builder.addCRLEntry(BigInteger.ONE, NOW, CRLReason.removeFromCRL);
            builder.addCRLEntry(BigInteger.TWO, NOW, CRLReason.certificateHold);
            builder.addCRLEntry(BigInteger.TEN, NOW, CRLReason.keyCompromise);
            // Reason 0 adds no reason code: an entry without reason still revokes.
            builder.addCRLEntry(BigInteger.valueOf(11), NOW, 0);
        });

        assertThat(CrlScope.revokes(crl.getRevokedCertificate(BigInteger.ONE))).isFalse();
        assertThat(CrlScope.revokes(crl.getRevokedCertificate(BigInteger.TWO))).isTrue();
        assertThat(CrlScope.revokes(crl.getRevokedCertificate(BigInteger.TEN))).isTrue();
        assertThat(crl.getRevokedCertificate(BigInteger.valueOf(11)).getRevocationReason()).isNull();
        assertThat(CrlScope.revokes(crl.getRevokedCertificate(BigInteger.valueOf(11)))).isTrue();
    }
}
