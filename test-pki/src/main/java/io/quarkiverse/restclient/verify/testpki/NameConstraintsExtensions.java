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

    /** Critical name constraints that permit only these DNS names and their subdomains. */
    public static Extension permittedDns(String... dnsNames) {
        GeneralSubtree[] permitted = new GeneralSubtree[dnsNames.length];
        for (int i = 0; i < dnsNames.length; i++) {
            permitted[i] = new GeneralSubtree(new GeneralName(GeneralName.dNSName, dnsNames[i]));
        }
        return constraints(permitted, null);
    }

    /** Critical name constraints that exclude these DNS names and their subdomains. */
    public static Extension excludedDns(String... dnsNames) {
        GeneralSubtree[] excluded = new GeneralSubtree[dnsNames.length];
        for (int i = 0; i < dnsNames.length; i++) {
            excluded[i] = new GeneralSubtree(new GeneralName(GeneralName.dNSName, dnsNames[i]));
        }
        return constraints(null, excluded);
    }

    /** Critical name constraints with these permitted and excluded subtrees (null: none of that kind). */
    public static Extension constraints(GeneralSubtree[] permitted, GeneralSubtree[] excluded) {
        try {
            return new Extension(Extension.nameConstraints, true, new NameConstraints(permitted, excluded).getEncoded());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
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
