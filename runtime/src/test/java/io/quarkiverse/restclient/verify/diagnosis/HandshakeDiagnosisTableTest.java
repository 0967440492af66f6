package io.quarkiverse.restclient.verify.diagnosis;

import static io.quarkiverse.restclient.verify.diagnosis.Failures.client;
import static io.quarkiverse.restclient.verify.diagnosis.Failures.engine;
import static io.quarkiverse.restclient.verify.diagnosis.Failures.refused;
import static io.quarkiverse.restclient.verify.diagnosis.Failures.ssl;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigInteger;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import io.quarkiverse.restclient.verify.SslVerificationException;
import io.quarkiverse.restclient.verify.SslVerificationException.Reason;
import io.quarkiverse.restclient.verify.config.ClientKeys;
import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;
import io.quarkiverse.restclient.verify.testpki.IssuedCertificate;
import io.quarkiverse.restclient.verify.trust.anchors.AnchorOutOfDate;
import io.quarkiverse.restclient.verify.trust.anchors.AnchorRefusals;
import io.quarkiverse.restclient.verify.trust.fetch.ChainRepairException;
import io.quarkiverse.restclient.verify.trust.revocation.PinMismatchException;
import io.quarkiverse.restclient.verify.trust.revocation.RevocationUnknownException;
import io.quarkiverse.restclient.verify.trust.revocation.RevokedCertificateException;
import io.quarkiverse.restclient.verify.trust.rules.PathRule;
import io.quarkiverse.restclient.verify.trust.rules.RuleRefusals;

/**
 * The diagnosis as a table: each row a failure as the REST client reports it, the client it happened to, the reason
 * expected and a fragment of the explanation. Every {@link Reason} has a row, and every reason is explained by exactly
 * one family class, so "where is the text of X" has a one-file answer.
 */
class HandshakeDiagnosisTableTest {

    static final Instant NOW = Instant.now();
    static final CertificateAuthority ROOT = CertificateAuthority.root("Table Root CA");
    static final CertificateAuthority ISSUING = ROOT.intermediate("Table Issuing CA");
    static final IssuedCertificate LEAF = ISSUING.server("table.test", List.of("table.test"), List.of());
    static final List<X509Certificate> CHAIN = List.of(LEAF.certificate(), ISSUING.certificate());
    static final IssuedCertificate SELF = CertificateAuthority.selfSignedServer("self.test", List.of("self.test"),
            List.of());
    static final IssuedCertificate EXPIRED_LEAF = ISSUING.server("old.test", List.of("old.test"), List.of(),
            NOW.minus(Duration.ofDays(30)), NOW.minus(Duration.ofDays(1)));
    static final IssuedCertificate EARLY_LEAF = ISSUING.server("early.test", List.of("early.test"), List.of(),
            NOW.plus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(30)));
    static final CertificateAuthority OLD_ROOT = CertificateAuthority.root("Table Old Root", NOW.minus(Duration.ofDays(
            30)), NOW.minus(Duration.ofDays(1)));
    static final CertificateAuthority NEXT_ROOT = CertificateAuthority.root("Table Next Root", NOW.plus(Duration.ofDays(
            1)), NOW.plus(Duration.ofDays(30)));

    static final DiagnosisContext BUNDLE = client("table", "table.test", 8443, "file /certs/corp.pem (1 CA certificate)",
            "/certs/corp.pem");
    static final DiagnosisContext WITH_CERT = new DiagnosisContext("table", ClientKeys.named("table"),
            "file /certs/corp.pem (1 CA certificate)", "/certs/corp.pem", true, "table.test", 8443,
            List.of("CN=Table Root CA,O=Verify Tests"), true);
    static final DiagnosisContext ASKED = new DiagnosisContext("table", ClientKeys.named("table"),
            "file /certs/corp.pem (1 CA certificate)", "/certs/corp.pem", true, "table.test", 8443,
            List.of("CN=Table Root CA,O=Verify Tests"), false);

    /** One row: a failure, its client, the reason expected and a fragment of the message. */
    record Row(String name, Supplier<Throwable> failure, DiagnosisContext context, Reason reason, String fragment) {
    }

    static final List<Row> ROWS = List.of(
            new Row("a chain to an unknown CA", () -> refused(CHAIN, pkix(), BUNDLE), BUNDLE, Reason.UNKNOWN_ISSUER,
                    "the server's chain leads to the CA 'CN=Table Root CA,O=Verify Tests', which this client does not"
                            + " trust"),
            new Row("a chain not recorded (own TLS settings)", () -> engine("PKIX path building failed: unable to find"
                    + " valid certification path to requested target"), BUNDLE, Reason.UNKNOWN_ISSUER,
                    "the chain itself was not recorded"),
            new Row("a CA trusted only for other names", () -> refused(CHAIN, RuleRefusals.nameConstraintViolation(
                    "CN=Table Root CA,O=Verify Tests", "CN=table.test,O=Verify Tests", "DNS:table.test",
                    "permit DNS:example.com", false), BUNDLE), BUNDLE, Reason.UNKNOWN_ISSUER,
                    "is trusted only for some names"),
            new Row("a self-signed certificate", () -> refused(List.of(SELF.certificate()), pkix(), BUNDLE), BUNDLE,
                    Reason.SELF_SIGNED, "the server presented a self-signed certificate 'CN=self.test,O=Verify Tests'"),
            new Row("only the leaf", () -> refused(List.of(LEAF.certificate()), pkix(), BUNDLE), BUNDLE,
                    Reason.INCOMPLETE_CHAIN, "the server sent only its own certificate 'CN=table.test,O=Verify Tests'"),
            new Row("only the leaf, fetching tried", () -> refused(List.of(LEAF.certificate()),
                    new ChainRepairException(List.of(), pkix()), BUNDLE), BUNDLE, Reason.INCOMPLETE_CHAIN,
                    "This client tried to fetch the missing issuer (quarkus.rest-client.table.verify-fetch-intermediates"
                            + "=true), which did not help: the server's certificate names no caIssuers URL"),
            new Row("an expired server certificate", () -> refused(List.of(EXPIRED_LEAF.certificate(),
                    ISSUING.certificate()), new CertificateExpiredException("NotAfter: ..."), BUNDLE), BUNDLE,
                    Reason.EXPIRED, "the certificate 'CN=old.test,O=Verify Tests' expired on"),
            new Row("an expired anchor", () -> refused(OLD_ROOT.server("o.test", List.of("o.test"), List.of()).chain(),
                    AnchorOutOfDate.of(OLD_ROOT.certificate(), NOW), BUNDLE), BUNDLE, Reason.EXPIRED,
                    "Replace that CA certificate in this client's trust (quarkus.rest-client.table.verify=/certs/corp.pem)"),
            new Row("an expired certificate by the path validator's reason", () -> refused(CHAIN,
                    new CertificateException(new CertPathValidatorException("validity check failed", null, null, -1,
                            CertPathValidatorException.BasicReason.EXPIRED)),
                    BUNDLE), BUNDLE, Reason.EXPIRED, "Renew the certificate on the server"),
            new Row("a server certificate not valid yet", () -> refused(List.of(EARLY_LEAF.certificate(),
                    ISSUING.certificate()), new CertificateNotYetValidException("NotBefore: ..."), BUNDLE), BUNDLE,
                    Reason.NOT_YET_VALID, "the certificate 'CN=early.test,O=Verify Tests' is valid only from"),
            new Row("an anchor not valid yet", () -> refused(NEXT_ROOT.server("n.test", List.of("n.test"), List.of())
                    .chain(), AnchorOutOfDate.of(NEXT_ROOT.certificate(), NOW), BUNDLE), BUNDLE, Reason.NOT_YET_VALID,
                    "Until that CA is valid, keep its predecessor in this client's trust"),
            new Row("another host name", () -> refused(CHAIN, new CertificateException("No subject alternative DNS"
                    + " name matching other.test found."), BUNDLE), BUNDLE, Reason.HOSTNAME_MISMATCH,
                    "quarkus.rest-client.table.url=https://table.test:8443/..."),
            new Row("the host named only in the CN", () -> refused(CHAIN, RuleRefusals.hostNamedOnlyInCommonName(
                    "table.test", LEAF.certificate()), BUNDLE), BUNDLE, Reason.HOSTNAME_MISMATCH,
                    "only in its subject's CN"),
            new Row("no client certificate sent", () -> engine("Received fatal alert: certificate_required"), BUNDLE,
                    Reason.CLIENT_CERTIFICATE_REQUIRED, "quarkus.rest-client.table.cert=/path/to/client.pem and"
                            + " quarkus.rest-client.table.cert-key=/path/to/client.key"),
            new Row("closed after asking for a client certificate", () -> new ClosedAfterCertificateRequestException(
                    new IOException("Connection reset")), ASKED, Reason.CLIENT_CERTIFICATE_REQUIRED,
                    "it accepts certificates issued by 'CN=Table Root CA,O=Verify Tests'"),
            new Row("the client certificate refused", () -> engine("Received fatal alert: bad_certificate"), WITH_CERT,
                    Reason.CLIENT_CERTIFICATE_REJECTED, "rejected the client certificate of this client"),
            new Row("no common protocol", () -> engine("No appropriate protocol (protocol is disabled or cipher"
                    + " suites are inappropriate)"), BUNDLE, Reason.PROTOCOL_MISMATCH,
                    "openssl s_client -connect table.test:8443 -tls1_2"),
            new Row("plain HTTP", () -> ssl("Unrecognized SSL message, plaintext connection?"), BUNDLE,
                    Reason.NOT_TLS, "curl -v http://table.test:8443/"),
            new Row("a disabled algorithm", () -> refused(CHAIN, new CertificateException(
                    "Algorithm constraints check failed on signature algorithm: MD5withRSA"), BUNDLE), BUNDLE,
                    Reason.WEAK_ALGORITHM, "jdk.certpath.disabledAlgorithms"),
            new Row("a revoked certificate", () -> refused(CHAIN, new RevokedCertificateException(
                    "CN=table.test,O=Verify Tests", BigInteger.TEN, NOW, "keyCompromise", "OCSP responder", false),
                    BUNDLE), BUNDLE, Reason.REVOKED, "(serial a) was revoked by its issuer"),
            new Row("no pinned key", () -> refused(CHAIN, new PinMismatchException(List.of(
                    new PinMismatchException.PathPin("CN=table.test", "sha256/leaf"),
                    new PinMismatchException.PathPin("CN=Table Root CA", "sha256/root")), List.of("sha256/old"),
                    "quarkus.rest-client.table.verify-pins"), BUNDLE), BUNDLE, Reason.PIN_MISMATCH,
                    "pin its CA instead: quarkus.rest-client.table.verify-pins=sha256/root"),
            new Row("an unknown status under hard-fail", () -> refused(CHAIN, new RevocationUnknownException(
                    "CN=table.test", null, "no responder", "quarkus.rest-client.table.verify-revocation"), BUNDLE),
                    BUNDLE, Reason.REVOCATION_UNKNOWN,
                    "Give the client the CA's CRL: quarkus.rest-client.table.verify-crl=/path/to/ca.crl"),
            new Row("a root distrusted after a date", () -> refused(CHAIN, AnchorRefusals.distrustedRoot(
                    ROOT.certificate(), NOW.minus(Duration.ofDays(400)), LEAF.certificate()), BUNDLE), BUNDLE,
                    Reason.DISTRUSTED_ROOT, "which Mozilla distrusts for TLS server certificates issued after"),
            new Row("a broken path rule", () -> refused(CHAIN, RuleRefusals.pathRuleViolation(PathRule.DNS_NAMES,
                    "'CN=table.test'", "a bad name", true), BUNDLE), BUNDLE, Reason.OTHER,
                    "quarkus.rest-client.table.verify-strict=false"),
            new Row("anything else", () -> engine("Something unheard of"), BUNDLE, Reason.OTHER,
                    "the TLS handshake failed: SSLHandshakeException: Something unheard of"));

    @TestFactory
    Stream<DynamicTest> eachRowIsExplainedAsItsReason() {
        return ROWS.stream().map(row -> DynamicTest.dynamicTest(row.name(), () -> {
            SslVerificationException explained = Failures.explain(row.failure().get(), row.context());
            assertThat(explained.reason()).as(row.name()).isEqualTo(row.reason());
            assertThat(explained.getMessage()).as(row.name()).contains(row.fragment())
                    .startsWith("TLS failed for REST client 'table' calling table.test:8443 [" + row.reason() + "]: ");
        }));
    }

    @Test
    void everyReasonHasARow() {
        Set<Reason> covered = EnumSet.noneOf(Reason.class);
        ROWS.forEach(row -> covered.add(row.reason()));
        assertThat(EnumSet.complementOf(EnumSet.copyOf(covered))).as("reasons without a row").isEmpty();
    }

    @Test
    void everyReasonIsExplainedByExactlyOneFamily() {
        List<Set<Reason>> families = List.of(UntrustedChain.REASONS, Dates.REASONS, HostName.REASONS,
                MutualTls.REASONS, Protocol.REASONS, Revocation.REASONS, Pins.REASONS, Other.REASONS);
        List<Reason> all = new ArrayList<>();
        families.forEach(all::addAll);
        assertThat(all).as("reasons of all families").containsExactlyInAnyOrder(Reason.values());
    }

    private static CertificateException pkix() {
        return new CertificateException("PKIX path building failed: unable to find valid certification path to"
                + " requested target");
    }
}
