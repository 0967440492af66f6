package io.quarkiverse.restclient.verify.trust.fetch;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.asn1.ASN1IA5String;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;

/** The caIssuers URLs of a certificate's Authority Information Access extension: where its issuer can be fetched. */
public final class CaIssuers {

    private CaIssuers() {
    }

    /** The caIssuers URLs in the order the certificate lists them, any scheme; empty when it has none. */
    public static List<String> urls(X509Certificate certificate) {
        byte[] extension = certificate.getExtensionValue(Extension.authorityInfoAccess.getId());
        if (extension == null) {
            return List.of();
        }
        List<String> urls = new ArrayList<>();
        try {
            AuthorityInformationAccess access = AuthorityInformationAccess
                    .getInstance(JcaX509ExtensionUtils.parseExtensionValue(extension));
            for (AccessDescription description : access.getAccessDescriptions()) {
                GeneralName location = description.getAccessLocation();
                if (AccessDescription.id_ad_caIssuers.equals(description.getAccessMethod())
                        && location.getTagNo() == GeneralName.uniformResourceIdentifier) {
                    urls.add(ASN1IA5String.getInstance(location.getName()).getString());
                }
            }
        } catch (IOException | RuntimeException e) {
            // A malformed extension (the certificate is not trusted yet) names no usable URL; the chain is judged as is.
            return List.of();
        }
        return urls;
    }
}
