package io.quarkiverse.restclient.verify.trust.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;
import io.quarkiverse.restclient.verify.testpki.Crls;
import io.quarkiverse.restclient.verify.trust.CrlParts;

/**
 * A CRL file speaks for a certificate only when the certificate's issuer signed it: a CRL forged in the issuer's name
 * neither covers nor revokes, and is reported when the issuer is an anchor (also after the CA re-keyed under the same
 * name). Within its issuer's CRLs, a whole CRL covers, a shard or delta CRL still revokes what it lists, a CRL that
 * counts for nothing does neither, and a delta CRL's removeFromCRL entry takes a hold back.
 */
class CrlFilesAnswerOnlyForTheirIssuerTest {

    static final CertificateAuthority ROOT = CertificateAuthority.root("Issuer CRL Root");
    static final CertificateAuthority OTHER = CertificateAuthority.root("Issuer CRL Other Root");
    static final CertificateAuthority IMPOSTOR = CertificateAuthority.rootNamed(
            ROOT.certificate().getSubjectX500Principal());
    static final X509Certificate LEAF = ROOT.server("issuer-crl.test", List.of("localhost"), List.of("127.0.0.1"))
            .certificate();
    static final X509Certificate OTHER_LEAF = ROOT.server("other-issuer-crl.test", List.of("localhost"),
            List.of("127.0.0.1")).certificate();

    @TempDir
    Path dir;

    @Test
    void theIssuersWholeCrlCoversItsCertificatesAndRevokesTheListedOne() throws IOException {
        X509CRL crl = Crls.issue(ROOT, LEAF);
        CrlSet crls = load(crl);

        assertThat(crls.covers(LEAF, ROOT.certificate())).isTrue();
        assertThat(crls.covers(OTHER_LEAF, ROOT.certificate())).isTrue();
        assertThat(crls.revocation(OTHER_LEAF, ROOT.certificate())).isEmpty();
        assertThat(crls.revocation(LEAF, ROOT.certificate())).contains(new CrlSet.Revocation(
                crl.getRevokedCertificate(LEAF).getRevocationDate().toInstant(), "key compromise",
                dir.resolve("0.crl").toString()));
    }

    @Test
    void aCrlOfAnotherCaNeitherCoversNorRevokes() throws IOException {
        CrlSet crls = load(Crls.issue(OTHER, LEAF));

        assertThat(crls.covers(LEAF, ROOT.certificate())).isFalse();
        assertThat(crls.revocation(LEAF, ROOT.certificate())).isEmpty();
    }

    @Test
    void aCrlForgedInTheIssuersNameNeitherCoversNorRevokesAndIsReported() throws IOException {
        CrlSet crls = load(Crls.issue(IMPOSTOR, LEAF));

        assertThat(crls.covers(OTHER_LEAF, ROOT.certificate())).isFalse();
        assertThat(crls.revocation(LEAF, ROOT.certificate())).isEmpty();
        assertThat(crls.notSignedByTheirIssuer(List.of(OTHER.certificate(), ROOT.certificate()))).containsExactly(
                dir.resolve("0.crl") + ": the CRL names '" + ROOT.certificate().getSubjectX500Principal().getName()
                        + "' as its issuer, but that CA of this client's trust did not sign it, so it is ignored."
                        + " Fix: download the CRL again from the CA");
    }

    @Test
    void aGenuineCrlIsNotReportedAndNeitherIsACrlOfACaOutsideTheTrust() throws IOException {
        CrlSet crls = load(Crls.issue(ROOT), Crls.issue(OTHER));

        assertThat(crls.notSignedByTheirIssuer(List.of(ROOT.certificate()))).isEmpty();
    }

    @Test
    void aCrlOfACaReKeyedUnderTheSameNameIsNotReported() throws IOException {
        // Two anchors share the name; the CRL verifies with the second one's key.
        CrlSet crls = load(Crls.issue(ROOT));

        assertThat(crls.notSignedByTheirIssuer(List.of(IMPOSTOR.certificate(), ROOT.certificate()))).isEmpty();
        assertThat(crls.notSignedByTheirIssuer(List.of(ROOT.certificate(), IMPOSTOR.certificate()))).isEmpty();
    }

    @Test
    void aShardOfAnotherPointRevokesWhatItListsButCoversNothing() throws IOException {
        CrlSet crls = load(Crls.scoped(ROOT).distributionPoint(URI.create("http://crl.test/other.crl"))
                .revoke(LEAF).issue());

        assertThat(crls.covers(OTHER_LEAF, ROOT.certificate())).isFalse();
        assertThat(crls.revocation(OTHER_LEAF, ROOT.certificate())).isEmpty();
        assertThat(crls.revocation(LEAF, ROOT.certificate())).isPresent();
    }

    @Test
    void aCrlThatCountsForNothingDoesNotRevokeEvenWhatItLists() throws IOException {
        CrlSet crls = load(Crls.scoped(ROOT).indirect().revoke(LEAF).issue());

        assertThat(crls.covers(LEAF, ROOT.certificate())).isFalse();
        assertThat(crls.revocation(LEAF, ROOT.certificate())).isEmpty();
    }

    @Test
    void aDeltaCrlsRemoveFromCrlEntryTakesAHoldBack() throws IOException {
        X509CRL base = CrlParts.crl(ROOT, builder -> builder.addCRLEntry(LEAF.getSerialNumber(), new Date(),
                CRLReason.certificateHold));
        X509CRL delta = CrlParts.crl(ROOT, builder -> {
            builder.addExtension(Extension.deltaCRLIndicator, true, new CRLNumber(BigInteger.ONE));
            builder.addCRLEntry(LEAF.getSerialNumber(), new Date(), CRLReason.removeFromCRL);
        });

        assertThat(load(delta).revocation(LEAF, ROOT.certificate())).isEmpty();
        assertThat(load(base).revocation(LEAF, ROOT.certificate()).map(CrlSet.Revocation::reason))
                .contains("certificate hold");
        // The delta is read first: its removeFromCRL entry is skipped, the base CRL's hold still counts.
        assertThat(load(delta, base).revocation(LEAF, ROOT.certificate()).map(CrlSet.Revocation::reason))
                .contains("certificate hold");
    }

    @Test
    void aRevocationWithoutReasonHasNoReason() throws IOException {
        CrlSet crls = load(CrlParts.crl(ROOT, builder -> builder.addCRLEntry(LEAF.getSerialNumber(), new Date(), 0)));

        Optional<CrlSet.Revocation> revocation = crls.revocation(LEAF, ROOT.certificate());

        assertThat(revocation).isPresent();
        assertThat(revocation.get().reason()).isNull();
    }

    @Test
    void aCrlIsStaleOnlyAfterItsNextUpdateAndACrlWithoutOneNever() throws IOException {
        Instant nextUpdate = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
        CrlSet dated = load(Crls.issue(ROOT, Instant.now().minus(Duration.ofDays(1)), nextUpdate));
        CrlSet undated = load(CrlParts.crl(ROOT, null, builder -> {
        }));

        assertThat(dated.stale(nextUpdate)).isEmpty();
        assertThat(dated.stale(nextUpdate.plusNanos(1))).singleElement().asString()
                .contains("was due to be replaced on " + nextUpdate);
        assertThat(undated.stale(Instant.now().plus(Duration.ofDays(3650)))).isEmpty();
    }

    private CrlSet load(X509CRL... crls) throws IOException {
        Files.createDirectories(dir);
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < crls.length; i++) {
            files.add(Files.writeString(dir.resolve(i + ".crl"), Crls.pem(crls[i])));
        }
        return CrlSet.load(files);
    }
}
