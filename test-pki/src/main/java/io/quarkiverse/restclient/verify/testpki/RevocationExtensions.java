package io.quarkiverse.restclient.verify.testpki;

import java.io.IOException;
import java.net.URI;

import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;

/** The certificate extensions that say where a certificate's revocation status is published. */
final class RevocationExtensions {

    private RevocationExtensions() {
    }

    /** Authority information access naming an OCSP responder. */
    static Extension ocspResponder(URI responder) {
        try {
            AuthorityInformationAccess access = new AuthorityInformationAccess(new AccessDescription(
                    AccessDescription.id_ad_ocsp,
                    new GeneralName(GeneralName.uniformResourceIdentifier, responder.toString())));
            return new Extension(Extension.authorityInfoAccess, false, access.getEncoded());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** CRL distribution points naming one URL. */
    static Extension crlDistributionPoint(URI crl) {
        try {
            DistributionPoint point = new DistributionPoint(new DistributionPointName(new GeneralNames(
                    new GeneralName(GeneralName.uniformResourceIdentifier, crl.toString()))), null, null);
            return new Extension(Extension.cRLDistributionPoints, false,
                    new CRLDistPoint(new DistributionPoint[] { point }).getEncoded());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
