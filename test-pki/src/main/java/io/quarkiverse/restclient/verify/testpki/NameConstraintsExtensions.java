package io.quarkiverse.restclient.verify.testpki;

import java.io.IOException;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.NameConstraints;

/** Name constraints extensions for CA certificates, to give {@link CertificateAuthority#withIssuedExtension}. */
public final class NameConstraintsExtensions {

    /** Microsoft's user principal name, the otherName form CAs constrain most. */
    private static final String UPN = "1.3.6.1.4.1.311.20.2.3";

    private NameConstraintsExtensions() {
    }

    /**
     * Critical name constraints that exclude one otherName (a user principal name). Two CAs of one path with such
     * constraints make the JDK's path validation throw {@code UnsupportedOperationException} when it merges them.
     */
    public static Extension excludedOtherName(String userPrincipalName) {
        GeneralName name = new GeneralName(GeneralName.otherName, new DERSequence(new ASN1Encodable[] {
                new ASN1ObjectIdentifier(UPN), new DERTaggedObject(true, 0, new DERUTF8String(userPrincipalName)) }));
        try {
            return new Extension(Extension.nameConstraints, true,
                    new NameConstraints(null, new GeneralSubtree[] { new GeneralSubtree(name) }).getEncoded());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
