package io.quarkiverse.restclient.verify.trust;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.DERBMPString;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.DERT61String;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.DERUniversalString;
import org.bouncycastle.asn1.DERVisibleString;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;

/**
 * OpenSSL's subject-name hash ({@code X509_NAME_hash_ex}, what {@code openssl x509 -hash} prints and what names the
 * {@code <hash>.N} files of a CA directory).
 * <p>
 * The hash is SHA-1 over a canonical form of the name, read as a little-endian 32-bit number. The canonical form is
 * the DER of each RDN's set, concatenated without the outer sequence; string values become UTF8String, lower-cased
 * (ASCII only), trimmed, with inner runs of white space folded to one space.
 */
public final class OpenSslSubjectHash {

    private static final Charset UTF_32BE = Charset.forName("UTF-32BE");

    private OpenSslSubjectHash() {
    }

    /** The hash of the certificate's subject, eight lower-case hex digits. */
    public static String of(X509Certificate certificate) {
        return of(certificate.getSubjectX500Principal());
    }

    /** The hash of the name, eight lower-case hex digits. */
    public static String of(X500Principal name) {
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-1").digest(canonicalEncoding(name));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is not available", e);
        }
        long hash = (digest[0] & 0xffL) | (digest[1] & 0xffL) << 8 | (digest[2] & 0xffL) << 16
                | (digest[3] & 0xffL) << 24;
        return String.format("%08x", hash);
    }

    static byte[] canonicalEncoding(X500Principal principal) {
        X500Name name = X500Name.getInstance(principal.getEncoded());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            for (RDN rdn : name.getRDNs()) {
                ASN1EncodableVector set = new ASN1EncodableVector();
                for (AttributeTypeAndValue attribute : rdn.getTypesAndValues()) {
                    set.add(new DERSequence(new ASN1Encodable[] { attribute.getType(),
                            canonicalValue(attribute.getValue()) }));
                }
                out.write(new DERSet(set).getEncoded(ASN1Encoding.DER));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode " + principal, e);
        }
        return out.toByteArray();
    }

    private static ASN1Encodable canonicalValue(ASN1Encodable value) {
        String text = text(value);
        if (text == null) {
            return value;
        }
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        int start = 0;
        int end = utf8.length;
        while (start < end && isSpace(utf8[start])) {
            start++;
        }
        while (end > start && isSpace(utf8[end - 1])) {
            end--;
        }
        ByteArrayOutputStream canonical = new ByteArrayOutputStream();
        for (int i = start; i < end; i++) {
            byte b = utf8[i];
            if (isSpace(b)) {
                canonical.write(' ');
                while (i + 1 < end && isSpace(utf8[i + 1])) {
                    i++;
                }
            } else if (b >= 'A' && b <= 'Z') {
                canonical.write(b + ('a' - 'A'));
            } else {
                canonical.write(b);
            }
        }
        return new DERUTF8String(new String(canonical.toByteArray(), StandardCharsets.UTF_8));
    }

    /** The value as text for the string types OpenSSL canonicalises; null for any other type. */
    private static String text(ASN1Encodable value) {
        if (value instanceof DERUniversalString) {
            // Bouncy Castle renders UniversalString as '#' + hex; OpenSSL reads it as UCS-4.
            return new String(((DERUniversalString) value).getOctets(), UTF_32BE);
        }
        if (value instanceof DERUTF8String || value instanceof DERPrintableString || value instanceof DERT61String
                || value instanceof DERIA5String || value instanceof DERBMPString || value instanceof DERVisibleString) {
            return ((ASN1String) value).getString();
        }
        return null;
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == 0x0b || b == '\f' || b == '\r';
    }
}
