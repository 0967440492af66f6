package io.quarkiverse.restclient.verify.runtime.devui;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.SSLHandshakeException;

import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

import io.quarkiverse.restclient.verify.PresentedCertificate;
import io.quarkiverse.restclient.verify.SslVerificationException;
import io.quarkiverse.restclient.verify.config.ClientKeys;
import io.quarkiverse.restclient.verify.diagnosis.DiagnosisContext;
import io.quarkiverse.restclient.verify.diagnosis.HandshakeDiagnosis;
import io.quarkiverse.restclient.verify.diagnosis.HandshakeEvidence;

/**
 * A server certificate whose subject, issuer and names hold line breaks and terminal escapes: every text made of
 * them (the explained failure, the evidence, the Dev UI's PEM download) shows them escaped, so no log line, message
 * line or PEM comment can be forged.
 */
class ControlCharactersInServerNamesTest {

    private static final String FORGED = "x\n2026-01-01 00:00:00,000 INFO  [io.quarkus] forged\r\n# forged comment";
    private static final X509Certificate HOSTILE = hostile();

    @Test
    void theExplainedFailureShowsTheNamesEscaped() {
        CertificateException rejected = new CertificateException("PKIX path building failed: unable to find valid"
                + " certification path to requested target");
        SSLHandshakeException failure = new SSLHandshakeException("PKIX path building failed");
        failure.initCause(rejected);
        DiagnosisContext context = new DiagnosisContext("hostile", ClientKeys.named("hostile"),
                "file /certs/ca.pem (1 CA certificate)", "/certs/ca.pem", true, "localhost", 8443, null, false);
        HandshakeEvidence evidence = new HandshakeEvidence("localhost", 8443, List.of(HOSTILE), rejected,
                Instant.now());

        SslVerificationException explained = HandshakeDiagnosis.explain(failure, context, Optional.of(evidence))
                .orElseThrow();

        assertThat(explained.getMessage().lines()).noneMatch(line -> line.startsWith("2026-01-01")
                || line.startsWith("# forged"));
        assertThat(explained.getMessage()).contains("'CN=x\\n2026-01-01 00:00:00\\,000 INFO  [io.quarkus] forged\\r\\n")
                .contains("'CN=CA\\u001b[2J\\nWARN forged issuer'").contains("DNS:localhost\\nINFO forged san")
                .doesNotContain("\u001b");
        PresentedCertificate presented = explained.presentedChain().get(0);
        assertThat(presented.subject()).doesNotContain("\n", "\r").contains("\\n");
        assertThat(presented.issuer()).doesNotContain("\n", "\r", "\u001b");
        assertThat(presented.dnsNames()).allSatisfy(name -> assertThat(name).doesNotContain("\n", "\r"));
    }

    @Test
    void theDevUiPemDownloadKeepsTheSubjectInsideItsCommentLine() {
        String pem = ServerInspection.pem(List.of(HOSTILE));

        assertThat(pem.lines().filter(line -> line.startsWith("#"))).hasSize(1);
        assertThat(pem.lines()).noneMatch(line -> line.startsWith("2026-01-01"));
        assertThat(pem).startsWith("# CN=x\\n2026-01-01 00:00:00\\,000 INFO  [io.quarkus] forged\\r\\n\\# forged"
                + " comment\n-----BEGIN CERTIFICATE-----\n");
    }

    private static X509Certificate hostile() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(256);
            KeyPair keys = generator.generateKeyPair();
            X500Name subject = new X500Name(new RDN[] { new RDN(BCStyle.CN, new DERUTF8String(FORGED)) });
            X500Name issuer = new X500Name(
                    new RDN[] { new RDN(BCStyle.CN, new DERUTF8String("CA\u001b[2J\nWARN forged issuer")) });
            X509v3CertificateBuilder builder = new X509v3CertificateBuilder(issuer, BigInteger.TWO,
                    Date.from(Instant.now()), Date.from(Instant.now().plus(Duration.ofDays(1))), subject,
                    SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded()));
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(
                    new GeneralName(GeneralName.dNSName, "localhost\nINFO forged san")));
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
