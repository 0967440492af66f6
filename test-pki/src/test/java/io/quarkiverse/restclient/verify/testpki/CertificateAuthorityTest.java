package io.quarkiverse.restclient.verify.testpki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CertificateAuthorityTest {

    private static final String BASIC_CONSTRAINTS = "2.5.29.19";
    private static final String KEY_USAGE = "2.5.29.15";
    private static final String SUBJECT_KEY_ID = "2.5.29.14";
    private static final String AUTHORITY_KEY_ID = "2.5.29.35";
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

    static CertificateAuthority root;
    static CertificateAuthority intermediate;

    @BeforeAll
    static void pki() {
        root = CertificateAuthority.root("Unit Root");
        intermediate = root.intermediate("Unit Intermediate");
    }

    @Test
    void rootIsASelfSignedCa() throws Exception {
        X509Certificate ca = root.certificate();

        assertThat(ca.getSubjectX500Principal().getName()).isEqualTo("CN=Unit Root,O=Verify Tests");
        assertThat(ca.getIssuerX500Principal()).isEqualTo(ca.getSubjectX500Principal());
        ca.verify(ca.getPublicKey());
        assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        assertThat(ca.getCriticalExtensionOIDs()).contains(BASIC_CONSTRAINTS, KEY_USAGE);
        // keyUsage bits 5 and 6: keyCertSign and cRLSign.
        assertThat(ca.getKeyUsage()[5]).isTrue();
        assertThat(ca.getKeyUsage()[6]).isTrue();
        assertThat(ca.getNonCriticalExtensionOIDs()).contains(SUBJECT_KEY_ID, AUTHORITY_KEY_ID);
        assertThat(ca.getPublicKey().getAlgorithm()).isEqualTo("EC");
        assertThat(ca.getSigAlgName()).isEqualTo("SHA256withECDSA");
        assertThat(root.chainToRoot()).containsExactly(ca);
        assertThat(root.privateKey()).isNotNull();
    }

    @Test
    void rootValidityCanBeChosen() {
        Instant notBefore = Instant.parse("2020-01-01T00:00:00Z");
        Instant notAfter = Instant.parse("2021-01-01T00:00:00Z");

        X509Certificate old = CertificateAuthority.root("Old Root", notBefore, notAfter).certificate();

        assertThat(old.getNotBefore().toInstant()).isEqualTo(notBefore);
        assertThat(old.getNotAfter().toInstant()).isEqualTo(notAfter);
    }

    @Test
    void intermediateChainsToTheRoot() throws Exception {
        X509Certificate ca = intermediate.certificate();

        ca.verify(root.certificate().getPublicKey());
        assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        assertThat(intermediate.chainToRoot()).containsExactly(ca, root.certificate());
    }

    @Test
    void serverLeafCarriesNamesAndServerAuth() throws Exception {
        IssuedCertificate leaf = intermediate.server("api.test", List.of("localhost", "api.test"),
                List.of("127.0.0.1", "::1"));
        X509Certificate certificate = leaf.certificate();

        assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=api.test,O=Verify Tests");
        assertThat(certificate.getBasicConstraints()).isEqualTo(-1);
        assertThat(certificate.getCriticalExtensionOIDs()).contains(BASIC_CONSTRAINTS);
        assertThat(certificate.getExtendedKeyUsage()).containsExactly(SERVER_AUTH);
        // SAN entries are (type, value) pairs: 2 is dNSName, 7 is iPAddress.
        assertThat(certificate.getSubjectAlternativeNames()).containsExactlyInAnyOrder(
                List.of(2, "localhost"), List.of(2, "api.test"), List.of(7, "127.0.0.1"), List.of(7, "0:0:0:0:0:0:0:1"));
        assertThat(leaf.chain()).containsExactly(certificate, intermediate.certificate());
        assertThat(leaf.issuer()).isSameAs(intermediate);
        assertThat(leaf.leafOnly()).containsExactly(certificate);
        assertThat(leaf.withoutIntermediates().chain()).containsExactly(certificate);
        validate(leaf.chain(), root.certificate());
    }

    @Test
    void leafFromTheRootHasNoIntermediatesInItsChain() {
        IssuedCertificate leaf = root.server("direct.test", List.of("localhost"), List.of());

        assertThat(leaf.chain()).containsExactly(leaf.certificate());
    }

    @Test
    void clientLeafCarriesClientAuth() throws Exception {
        IssuedCertificate client = intermediate.client("robot");

        assertThat(client.certificate().getExtendedKeyUsage()).containsExactly(CLIENT_AUTH);
        assertThat(client.certificate().getSubjectAlternativeNames()).isNull();
        validate(client.chain(), root.certificate());
    }

    @Test
    void expiredLeafFailsPkixValidation() {
        IssuedCertificate expired = intermediate.server("expired.test", List.of("localhost"), List.of(),
                Instant.now().minus(Duration.ofDays(30)), Instant.now().minus(Duration.ofDays(1)));

        assertThatThrownBy(() -> validate(expired.chain(), root.certificate()))
                .isInstanceOfSatisfying(CertPathValidatorException.class,
                        e -> assertThat(e.getReason()).isEqualTo(CertPathValidatorException.BasicReason.EXPIRED));
    }

    @Test
    void notYetValidLeafFailsPkixValidation() {
        IssuedCertificate early = intermediate.server("early.test", List.of("localhost"), List.of(),
                Instant.now().plus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(30)));

        assertThatThrownBy(() -> validate(early.chain(), root.certificate()))
                .isInstanceOfSatisfying(CertPathValidatorException.class,
                        e -> assertThat(e.getReason()).isEqualTo(CertPathValidatorException.BasicReason.NOT_YET_VALID));
    }

    @Test
    void rsaKeysAndWeakSignaturesOnRequest() throws Exception {
        CertificateAuthority rsa = CertificateAuthority.root("RSA Root", CertificateAuthority.KeyType.RSA_2048);
        IssuedCertificate weak = rsa.withSignatureAlgorithm("SHA1withRSA").server("sha1.test", List.of("localhost"),
                List.of());
        IssuedCertificate md5 = rsa.server("md5.test", List.of("localhost"), List.of(), "MD5withRSA");

        assertThat(rsa.certificate().getPublicKey().getAlgorithm()).isEqualTo("RSA");
        assertThat(rsa.certificate().getSigAlgName()).isEqualTo("SHA256withRSA");
        assertThat(weak.certificate().getSigAlgName()).isEqualTo("SHA1withRSA");
        assertThat(weak.certificate().getPublicKey().getAlgorithm()).isEqualTo("RSA");
        assertThat(md5.certificate().getSigAlgName()).isEqualTo("MD5withRSA");
        // The copy is separate: the CA itself still signs with SHA-256.
        assertThat(rsa.client("c").certificate().getSigAlgName()).isEqualTo("SHA256withRSA");
        weak.certificate().verify(rsa.certificate().getPublicKey());
    }

    @Test
    void rootSignatureAlgorithmAppliesToTheRootOnly() {
        CertificateAuthority legacy = CertificateAuthority.root("Legacy Root", Instant.now().minus(Duration.ofHours(1)),
                Instant.now().plus(Duration.ofDays(1)), CertificateAuthority.KeyType.RSA_2048, "SHA1withRSA");

        assertThat(legacy.certificate().getSigAlgName()).isEqualTo("SHA1withRSA");
        assertThat(legacy.server("s", List.of("localhost"), List.of()).certificate().getSigAlgName())
                .isEqualTo("SHA256withRSA");
    }

    @Test
    void keyTypeOfIssuedCertificatesCanDifferFromTheCa() {
        IssuedCertificate leaf = root.withKeyType(CertificateAuthority.KeyType.RSA_2048).server("rsa-leaf.test",
                List.of("localhost"), List.of());

        assertThat(leaf.certificate().getPublicKey().getAlgorithm()).isEqualTo("RSA");
        assertThat(leaf.privateKey().getAlgorithm()).isEqualTo("RSA");
        assertThat(leaf.certificate().getSigAlgName()).isEqualTo("SHA256withECDSA");
        assertThat(root.keyType()).isEqualTo(CertificateAuthority.KeyType.EC_P256);
    }

    @Test
    void selfSignedServerIsNotACa() throws Exception {
        IssuedCertificate self = CertificateAuthority.selfSignedServer("self.test", List.of("localhost"),
                List.of("127.0.0.1"));
        X509Certificate certificate = self.certificate();

        assertThat(certificate.getIssuerX500Principal()).isEqualTo(certificate.getSubjectX500Principal());
        certificate.verify(certificate.getPublicKey());
        assertThat(certificate.getBasicConstraints()).isEqualTo(-1);
        assertThat(certificate.getExtendedKeyUsage()).containsExactly(SERVER_AUTH);
        assertThat(self.chain()).containsExactly(certificate);
        assertThat(self.issuer()).isNull();
    }

    @Test
    void caFromPartsKeepsIssuing() throws Exception {
        CertificateAuthority copy = CertificateAuthority.of(intermediate.certificate(), intermediate.privateKey(),
                intermediate.chainToRoot());

        validate(copy.server("copy.test", List.of("localhost"), List.of()).chain(), root.certificate());
    }

    @Test
    void issuedChainMustStartWithItsCertificate() {
        IssuedCertificate leaf = intermediate.client("x");

        assertThatThrownBy(() -> new IssuedCertificate(leaf.certificate(), leaf.privateKey(),
                List.of(intermediate.certificate()), intermediate)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Validates like a TLS client does, minus revocation, which these certificates do not support. */
    static void validate(List<X509Certificate> chain, X509Certificate anchor) throws Exception {
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(anchor, null)));
        parameters.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX")
                .validate(CertificateFactory.getInstance("X.509").generateCertPath(chain), parameters);
    }
}
