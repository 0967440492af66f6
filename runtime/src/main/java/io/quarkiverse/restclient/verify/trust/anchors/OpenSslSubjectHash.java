package io.quarkiverse.restclient.verify.trust.anchors;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.util.Locale;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.ASN1BMPString;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1IA5String;
import org.bouncycastle.asn1.ASN1PrintableString;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.ASN1T61String;
import org.bouncycastle.asn1.ASN1UTF8String;
import org.bouncycastle.asn1.ASN1UniversalString;
import org.bouncycastle.asn1.ASN1VisibleString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;

import io.quarkiverse.restclient.verify.trust.Printable;
import io.quarkiverse.restclient.verify.trust.TrustMaterialException;

/**
 * OpenSSL's subject-name hash ({@code X509_NAME_hash_ex}): what {@code openssl x509 -hash} prints and what names the
 * {@code <hash>.N} files of a CA directory.
 * <p>
 * The hash is SHA-1 over a canonical form of the name, whose first four bytes are read as a little-endian unsigned
 * number. The canonical form is the DER of each RDN's SET, concatenated without the outer SEQUENCE; string values
 * become UTF8String, trimmed, with inner runs of white space folded to one space and ASCII letters lower-cased.
 */
public final class OpenSslSubjectHash {

    private static final Charset UTF_32BE = Charset.forName("UTF-32BE");

    private OpenSslSubjectHash() {
    }

    /** The hash of the certificate's subject, eight lower-case hex digits. */
    public static String of(X509Certificate certificate) {
        return of(certificate.getSubjectX500Principal());
    }

    /**
     * The hash of the name, eight lower-case hex digits.
     *
     * @throws TrustMaterialException when the name cannot be read for hashing, such as a name whose values nest
     *         deeper than Bouncy Castle reads; no CA directory can hold a CA under such a name
     */
    public static String of(X500Principal name) {
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-1").digest(canonicalEncoding(name));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is not available in this JDK", e);
        }
        long hash = (digest[0] & 0xffL) | (digest[1] & 0xffL) << 8 | (digest[2] & 0xffL) << 16
                | (digest[3] & 0xffL) << 24;
        return String.format(Locale.ROOT, "%08x", hash);
    }

    /** The bytes OpenSSL hashes for the name; empty for an empty name. */
    static byte[] canonicalEncoding(X500Principal principal) {
        X500Name name;
        try {
            name = X500Name.getInstance(principal.getEncoded());
        } catch (IllegalArgumentException e) {
            String why = String.valueOf(e.getMessage()).contains("nested")
                    ? "its values nest deeper than the 32 levels Bouncy Castle reads"
                    : "it cannot be parsed (" + Printable.text(String.valueOf(e.getMessage()), 120) + ")";
            throw new TrustMaterialException("the name '" + Printable.name(principal) + "' has no OpenSSL subject"
                    + " hash: " + why, e);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            for (RDN rdn : name.getRDNs()) {
                ASN1EncodableVector entries = new ASN1EncodableVector();
                for (AttributeTypeAndValue attribute : rdn.getTypesAndValues()) {
                    entries.add(new DERSequence(
                            new ASN1Encodable[] { attribute.getType(), canonicalValue(attribute.getValue()) }));
                }
                // DERSet sorts its members like OpenSSL's SET OF encoder, so multi-valued RDNs match too.
                out.write(new DERSet(entries).getEncoded(ASN1Encoding.DER));
            }
        } catch (IOException | RuntimeException e) {
            throw new TrustMaterialException("the name '" + Printable.name(principal) + "' has no OpenSSL subject"
                    + " hash: it cannot be encoded (" + e.getClass().getSimpleName() + ")", e);
        }
        return out.toByteArray();
    }

    private static ASN1Encodable canonicalValue(ASN1Encodable value) {
        String text = text(value);
        if (text == null) {
            return value;
        }
        // Every rule below touches ASCII only, so working on chars equals OpenSSL's walk over UTF-8 bytes.
        int start = 0;
        int end = text.length();
        while (start < end && isSpace(text.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(text.charAt(end - 1))) {
            end--;
        }
        StringBuilder canonical = new StringBuilder(end - start);
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (isSpace(c)) {
                canonical.append(' ');
                while (i + 1 < end && isSpace(text.charAt(i + 1))) {
                    i++;
                }
            } else if (c >= 'A' && c <= 'Z') {
                canonical.append((char) (c + ('a' - 'A')));
            } else {
                canonical.append(c);
            }
        }
        return new DERUTF8String(canonical.toString());
    }

    /** The value as text for the string types OpenSSL canonicalises; null for any other type (kept as it is). */
    private static String text(ASN1Encodable value) {
        if (value instanceof ASN1UniversalString) {
            // Bouncy Castle renders UniversalString as '#' + hex; OpenSSL reads it as UCS-4.
            return new String(((ASN1UniversalString) value).getOctets(), UTF_32BE);
        }
        // PrintableString, T61String, IA5String and VisibleString map byte to char, as OpenSSL does.
        if (value instanceof ASN1UTF8String || value instanceof ASN1PrintableString || value instanceof ASN1T61String
                || value instanceof ASN1IA5String || value instanceof ASN1BMPString
                || value instanceof ASN1VisibleString) {
            return ((ASN1String) value).getString();
        }
        return null;
    }

    /** The characters C's isspace() accepts in the C locale. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0b || c == '\f' || c == '\r';
    }
}
