package io.quarkiverse.restclient.verify.trust.anchors;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERBMPString;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERT61String;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.DERUniversalString;
import org.bouncycastle.asn1.DERVisibleString;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;

import io.quarkiverse.restclient.verify.trust.Mutations;
import io.quarkiverse.restclient.verify.trust.TrustMaterialException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever name a server's certificate carries (any string type, control characters, nesting beyond Bouncy Castle's
 * limit), its OpenSSL subject hash is eight hex digits or a {@link TrustMaterialException}, within
 * {@link Mutations#BOUND}; and the hash ignores ASCII case and runs of spaces, as OpenSSL's does.
 */
class SubjectHashProperties {

    private static final List<ASN1ObjectIdentifier> TYPES = List.of(BCStyle.CN, BCStyle.O, BCStyle.OU, BCStyle.C,
            BCStyle.DC, BCStyle.EmailAddress, BCStyle.SERIALNUMBER, new ASN1ObjectIdentifier("1.2.3.4.5.6.7"));

    @Property(tries = 400)
    void anyNameHasAHashOrIsExplained(@ForAll("names") X500Name name) throws IOException {
        X500Principal principal = principal(name);
        Mutations.withinBound(() -> {
            try {
                assertThat(OpenSslSubjectHash.of(principal)).matches("[0-9a-f]{8}");
            } catch (TrustMaterialException e) {
                assertThat(e.getMessage()).startsWith("the name '").contains("has no OpenSSL subject hash")
                        .hasSizeLessThan(1000).doesNotContain("\n", "\r");
            }
        });
    }

    @Property(tries = 200)
    void caseAndSpaceRunsDoNotChangeTheHash(@ForAll("asciiWords") List<String> words) throws IOException {
        String plain = String.join(" ", words);
        String shouted = "  " + String.join("   ", words).toUpperCase(Locale.ROOT) + " ";
        assertThat(OpenSslSubjectHash.of(principal(cn(new DERUTF8String(plain)))))
                .isEqualTo(OpenSslSubjectHash.of(principal(cn(new DERPrintableString(shouted)))));
    }

    @Property(tries = 300, maxDiscardRatio = 20)
    void damagedNameEncodingsHaveAHashOrAreExplained(@ForAll("damaged") byte[] encoding) {
        X500Principal name;
        try {
            // What the JDK does with a certificate's names: a name it refuses never reaches a trust manager.
            name = new X500Principal(encoding);
        } catch (IllegalArgumentException e) {
            Assume.that(false);
            return;
        }
        Mutations.withinBound(() -> {
            try {
                assertThat(OpenSslSubjectHash.of(name)).matches("[0-9a-f]{8}");
            } catch (TrustMaterialException e) {
                assertThat(e.getMessage()).contains("has no OpenSSL subject hash").doesNotContain("\n", "\r");
            }
        });
    }

    @Provide
    Arbitrary<byte[]> damaged() {
        return Mutations.mutationsOf(new X500Principal("CN=Damaged  Name Test,OU=Unit+OU=Other,O=Verify Tests,"
                + "DC=example,C=DE").getEncoded());
    }

    @Provide
    Arbitrary<X500Name> names() {
        Arbitrary<AttributeTypeAndValue> attribute = Combinators.combine(Arbitraries.of(TYPES), values())
                .as(AttributeTypeAndValue::new);
        Arbitrary<RDN> rdn = attribute.list().ofMinSize(1).ofMaxSize(3)
                .map(list -> new RDN(list.toArray(new AttributeTypeAndValue[0])));
        return rdn.list().ofMaxSize(5).map(list -> new X500Name(list.toArray(new RDN[0])));
    }

    @Provide
    Arbitrary<List<String>> asciiWords() {
        return Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9').ofMinLength(1).ofMaxLength(8)
                .list().ofMinSize(1).ofMaxSize(4);
    }

    private static Arbitrary<ASN1Encodable> values() {
        // Any character a Java string can encode to UTF-8 (a lone surrogate cannot be written into a certificate).
        Arbitrary<String> text = Arbitraries.strings().withCharRange('\u0000', '\ud7ff')
                .withCharRange('\ue000', '\uffff').ofMaxLength(40);
        Arbitrary<String> ascii = Arbitraries.strings().ascii().ofMaxLength(40);
        Arbitrary<ASN1Encodable> strings = Arbitraries.oneOf(
                text.map(DERUTF8String::new),
                text.map(DERBMPString::new),
                ascii.map(s -> new DERPrintableString(s)),
                ascii.map(s -> new DERIA5String(s)),
                ascii.map(s -> new DERT61String(s)),
                ascii.map(s -> new DERVisibleString(s)),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(16).map(bytes -> new DERUniversalString(
                        java.util.Arrays.copyOf(bytes, bytes.length - bytes.length % 4))),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(16).map(DEROctetString::new));
        // Nesting from none to well past Bouncy Castle's limit of 32 levels.
        return Combinators.combine(strings, Arbitraries.integers().between(0, 60).withDistribution(
                net.jqwik.api.RandomDistribution.uniform())).as((value, depth) -> {
                    ASN1Encodable nested = value;
                    for (int i = 0; i < depth; i++) {
                        nested = new DERSequence(nested);
                    }
                    return nested;
                });
    }

    private static X500Name cn(ASN1Encodable value) {
        return new X500Name(new RDN[] { new RDN(BCStyle.CN, value) });
    }

    static X500Principal principal(X500Name name) throws IOException {
        try {
            return new X500Principal(name.getEncoded());
        } catch (IllegalArgumentException e) {
            // A name the JDK refuses never reaches a trust manager.
            Assume.that(false);
            throw e;
        }
    }
}
