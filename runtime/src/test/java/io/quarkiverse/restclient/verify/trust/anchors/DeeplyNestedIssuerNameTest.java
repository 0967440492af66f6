package io.quarkiverse.restclient.verify.trust.anchors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkiverse.restclient.verify.testpki.Pem;
import io.quarkiverse.restclient.verify.trust.NamedCertificates;
import io.quarkiverse.restclient.verify.trust.TrustMaterialException;

/**
 * A server certificate whose issuer name nests deeper than Bouncy Castle reads (the JDK accepts it): the hashed
 * directory trust manager rejects the chain with an explanation instead of a raw {@code IllegalArgumentException}.
 */
class DeeplyNestedIssuerNameTest {

    @TempDir
    Path dir;

    @Test
    void theChainIsRejectedWithAnExplanation() throws Exception {
        X500Principal root = new X500Principal("CN=Hashed Root");
        X509Certificate ca = NamedCertificates.certificate(root, root, 1, Instant.now(),
                Instant.now().plus(Duration.ofDays(1)));
        Pem.write(dir.resolve(OpenSslSubjectHash.of(ca) + ".0"), Pem.certificates(ca));
        X509Certificate hostile = withIssuer(nested(50));
        TrustMaterial material = TrustMaterial.load(TrustSpec.path(dir.toString()), getClass().getClassLoader());

        assertThatThrownBy(() -> material.trustManager().checkServerTrusted(new X509Certificate[] { hostile }, "EC"))
                .isInstanceOf(CertificateException.class)
                .hasMessageStartingWith("PKIX path building failed: no CA certificate for 'CN=#30")
                .hasMessageContaining("(no subject hash, so it cannot be in a hashed directory: its values nest deeper"
                        + " than the 32 levels Bouncy Castle reads)")
                .hasMessageEndingWith(" in " + dir)
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(1000));
        assertThatThrownBy(() -> OpenSslSubjectHash.of(hostile.getIssuerX500Principal()))
                .isInstanceOf(TrustMaterialException.class);
        assertThat(Files.list(dir)).hasSize(1);
    }

    @Test
    void theSampleJqwikShrankToHasNoHashAndSaysWhy() throws Exception {
        // SubjectHashProperties.anyNameHasAHashOrIsExplained on the unchanged code: a raw IllegalStateException.
        ASN1Encodable value = new DERIA5String(" ");
        for (int i = 0; i < 59; i++) {
            value = new DERSequence(value);
        }
        X500Principal name = new X500Principal(new X500Name(new RDN[] { new RDN(BCStyle.CN, value) }).getEncoded());

        assertThatThrownBy(() -> OpenSslSubjectHash.of(name))
                .isInstanceOf(TrustMaterialException.class)
                .hasMessageStartingWith("the name 'CN=#3077307530733071306f")
                .hasMessageEndingWith("' has no OpenSSL subject hash: its values nest deeper than the 32 levels"
                        + " Bouncy Castle reads");
    }

    /** A name whose common name is a SEQUENCE nested this deep: built as objects, since parsing it is what fails. */
    private static X500Name nested(int depth) {
        ASN1Encodable value = new DERUTF8String("deep");
        for (int i = 0; i < depth; i++) {
            value = new DERSequence(value);
        }
        return new X500Name(new RDN[] { new RDN(BCStyle.CN, value) });
    }

    private static X509Certificate withIssuer(X500Name issuer) throws Exception {
        X509v3CertificateBuilder builder = new X509v3CertificateBuilder(issuer, BigInteger.TEN,
                Date.from(Instant.now()), Date.from(Instant.now().plus(Duration.ofDays(1))),
                new X500Name("CN=hostile.example"),
                SubjectPublicKeyInfo.getInstance(NamedCertificates.KEYS.getPublic().getEncoded()));
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(NamedCertificates.KEYS.getPrivate())));
    }
}
