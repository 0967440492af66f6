package io.quarkiverse.restclient.verify.trust.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;
import org.junit.jupiter.api.Test;

import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;
import io.quarkiverse.restclient.verify.trust.CrlParts;

/**
 * A CRL whose issuing distribution point names a point answers completely only for certificates that name the same
 * point: the same URL among several, or the same name relative to the CRL issuer. A certificate that names another
 * point, no point, a point of another CRL issuer, a point without a name, a point of the other form, or whose
 * distribution points cannot be read, gets revocations only, and the limit says which point the CRL serves.
 */
class CrlDistributionPointMatchingTest {

    static final CertificateAuthority ROOT = CertificateAuthority.root("Point Matching Root");
    static final String SHARD = "http://crl.test/shard-1.crl";
    static final String OTHER_SHARD = "http://crl.test/shard-2.crl";

    @Test
    void aCrlOfOneUrlAnswersForACertificateThatNamesItAmongOthers() {
        X509Certificate certificate = CrlParts.certificate(ROOT, -1, CrlParts.distributionPoints(
                CrlParts.point(CrlParts.urls("ldap://crl.test/cn=shard", OTHER_SHARD)),
                CrlParts.point(CrlParts.urls("http://mirror.test/shard-1.crl", SHARD))));

        assertThat(verdict(CrlParts.urls("http://unrelated.test/a.crl", SHARD), certificate).use())
                .isEqualTo(CrlScope.Use.COMPLETE);
    }

    @Test
    void aCrlOfAnotherUrlOnlyRevokesAndNamesItsPoint() {
        X509Certificate certificate = CrlParts.certificate(ROOT, -1, CrlParts.distributionPoints(
                CrlParts.point(CrlParts.urls(OTHER_SHARD))));

        assertThat(verdict(CrlParts.urls(SHARD, "http://mirror.test/shard-1.crl"), certificate)).isEqualTo(
                new CrlScope.Verdict(CrlScope.Use.REVOCATIONS_ONLY, "it is the CRL of another distribution point ("
                        + SHARD + ", http://mirror.test/shard-1.crl) than the certificate names"));
    }

    @Test
    void aCrlOfOnePointOnlyRevokesACertificateWithoutDistributionPoints() {
        X509Certificate certificate = CrlParts.certificate(ROOT, -1);

        assertThat(verdict(CrlParts.urls(SHARD), certificate).use()).isEqualTo(CrlScope.Use.REVOCATIONS_ONLY);
    }

    @Test
    void aPointServedByAnotherCrlIssuerIsNotAnsweredByTheIssuersOwnCrl() {
        X509Certificate certificate = CrlParts.certificate(ROOT, -1, CrlParts.distributionPoints(
                CrlParts.pointOfAnotherCrlIssuer(CrlParts.urls(SHARD), "CN=Indirect CRL Issuer")));

        assertThat(verdict(CrlParts.urls(SHARD), certificate).use()).isEqualTo(CrlScope.Use.REVOCATIONS_ONLY);
    }

    @Test
    void aPointWithoutANameIsSkippedAndTheNextOneMatches() {
        X509Certificate unnamedOnly = CrlParts.certificate(ROOT, -1, CrlParts.distributionPoints(
                CrlParts.pointOfAnotherCrlIssuer(null, "CN=Indirect CRL Issuer")));
        X509Certificate unnamedThenNamed = CrlParts.certificate(ROOT, -1, CrlParts.distributionPoints(
                CrlParts.pointOfAnotherCrlIssuer(null, "CN=Indirect CRL Issuer"),
                CrlParts.point(CrlParts.urls(SHARD))));

        assertThat(verdict(CrlParts.urls(SHARD), unnamedOnly).use()).isEqualTo(CrlScope.Use.REVOCATIONS_ONLY);
        assertThat(verdict(CrlParts.urls(SHARD), unnamedThenNamed).use()).isEqualTo(CrlScope.Use.COMPLETE);
    }

    @Test
    void unreadableDistributionPointsNameNoPoint() {
        X509Certificate certificate = CrlParts.certificate(ROOT, -1,
                new Extension(Extension.cRLDistributionPoints, false, new byte[] { 0x05, 0x00 }));

        assertThat(verdict(CrlParts.urls(SHARD), certificate).use()).isEqualTo(CrlScope.Use.REVOCATIONS_ONLY);
    }

    @Test
    void theSameRelativeNameIsTheSamePoint() {
        X509Certificate certificate = CrlParts.certificate(ROOT, -1, CrlParts.distributionPoints(
                CrlParts.point(CrlParts.relative("shard 7"))));

        assertThat(verdict(CrlParts.relative("shard 7"), certificate).use()).isEqualTo(CrlScope.Use.COMPLETE);
    }

    @Test
    void anotherRelativeNameIsAnotherPoint() {
        X509Certificate certificate = CrlParts.certificate(ROOT, -1, CrlParts.distributionPoints(
                CrlParts.point(CrlParts.relative("shard 8"))));

        assertThat(verdict(CrlParts.relative("shard 7"), certificate)).isEqualTo(new CrlScope.Verdict(
                CrlScope.Use.REVOCATIONS_ONLY, "it is the CRL of another distribution point (a name relative to the"
                        + " CRL issuer) than the certificate names"));
    }

    @Test
    void aRelativeNameAndAUrlAreNeverTheSamePoint() {
        X509Certificate namesUrl = CrlParts.certificate(ROOT, -1, CrlParts.distributionPoints(
                CrlParts.point(CrlParts.urls(SHARD))));
        X509Certificate namesRelative = CrlParts.certificate(ROOT, -1, CrlParts.distributionPoints(
                CrlParts.point(CrlParts.relative("shard 7"))));

        assertThat(verdict(CrlParts.relative("shard 7"), namesUrl).use()).isEqualTo(CrlScope.Use.REVOCATIONS_ONLY);
        assertThat(verdict(CrlParts.urls(SHARD), namesRelative).use()).isEqualTo(CrlScope.Use.REVOCATIONS_ONLY);
    }

    @Test
    void aServerChosenPointNameIsShownEscaped() {
        X509Certificate certificate = CrlParts.certificate(ROOT, -1);

        DistributionPointName named = new DistributionPointName(new GeneralNames(new GeneralName(
                new X500Name("CN=shard\u001b[2J"))));

        String limit = verdict(named, certificate).limit();

        assertThat(limit).contains("CN=shard").doesNotContain("\u001b");
    }

    private static CrlScope.Verdict verdict(DistributionPointName crlPoint, X509Certificate certificate) {
        X509CRL crl = CrlParts.crl(ROOT, builder -> builder.addExtension(Extension.issuingDistributionPoint, true,
                new IssuingDistributionPoint(crlPoint, false, false, null, false, false)));
        return CrlScope.of(crl).verdict(certificate);
    }
}
