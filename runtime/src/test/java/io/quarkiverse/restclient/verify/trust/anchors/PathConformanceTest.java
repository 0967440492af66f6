package io.quarkiverse.restclient.verify.trust.anchors;

import static io.quarkiverse.restclient.verify.trust.ConformanceCertificates.intermediate;
import static io.quarkiverse.restclient.verify.trust.ConformanceCertificates.issue;
import static io.quarkiverse.restclient.verify.trust.ConformanceCertificates.leaf;
import static io.quarkiverse.restclient.verify.trust.ConformanceCertificates.root;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import javax.net.ssl.X509ExtendedTrustManager;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkiverse.restclient.verify.testpki.NameConstraintsExtensions;
import io.quarkiverse.restclient.verify.testpki.Pem;
import io.quarkiverse.restclient.verify.trust.ConformanceCertificates;
import io.quarkiverse.restclient.verify.trust.ConformanceCertificates.Issued;
import io.quarkiverse.restclient.verify.trust.ConformanceCertificates.Spec;
import io.quarkiverse.restclient.verify.trust.Reloadable;
import io.quarkiverse.restclient.verify.trust.rules.StrictPathRules;
import io.quarkiverse.restclient.verify.trust.rules.StrictTrustManager;

/**
 * X.509 path-validation cases, one row each (rule family, what the chain does, the expected decision, and whether
 * OpenSSL 3 - hence Python requests - refuses it), decided by this client's own trust managers in default and strict
 * mode. Prints the agreement per family. Strict mode must agree on at least 95 % of the rows; default mode on every
 * row where OpenSSL agrees with the expected decision. Where {@code openssl} is installed, the OpenSSL column is
 * checked against {@code openssl verify -purpose sslserver -trusted <anchor> -untrusted <intermediates> <leaf>}.
 */
class PathConformanceTest {

    private static final boolean ACCEPT = true;
    private static final boolean REJECT = false;

    /** The anchor and the chain a server presents, its certificate first. */
    record Chain(X509Certificate anchor, List<X509Certificate> presented) {
    }

    /** One case: expected true to accept; opensslRejects as measured. */
    record Row(String family, String description, Supplier<Chain> chain, boolean expected, boolean opensslRejects) {
    }

    record Outcome(Row row, boolean defaultAccepts, boolean strictAccepts, String defaultDetail, String strictDetail,
            Boolean opensslRejectsMeasured) {
    }

    static final List<Outcome> OUTCOMES = new ArrayList<>();

    private static Chain chain(Spec rootSpec, Spec intermediateSpec, Spec leafSpec) {
        Issued root = issue(rootSpec, null);
        if (intermediateSpec == null) {
            return new Chain(root.certificate(), List.of(issue(leafSpec, root).certificate()));
        }
        Issued intermediate = issue(intermediateSpec, root);
        return new Chain(root.certificate(), List.of(issue(leafSpec, intermediate).certificate(),
                intermediate.certificate()));
    }

    private static Chain standard(Spec leafSpec) {
        return chain(root("Conformance Root"), intermediate("Conformance Issuing CA"), leafSpec);
    }

    private static Spec constrainedRoot(GeneralSubtree[] permitted, GeneralSubtree[] excluded) {
        return root("Constrained Root").with(s -> {
            s.extensions.add(NameConstraintsExtensions.constraints(permitted, excluded));
            return s;
        });
    }

    private static GeneralSubtree[] dns(String name) {
        return new GeneralSubtree[] { new GeneralSubtree(new GeneralName(GeneralName.dNSName, name)) };
    }

    static List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        // Well-formed chains as public CAs issue them: every mode accepts them.
        rows.add(new Row("well-formed", "ECDSA root, issuing CA, 90-day leaf with SCTs and a wildcard",
                () -> standard(leaf("www.example.com", "*.example.com").with(s -> {
                    s.extensions.add(ConformanceCertificates.sctList());
                    return s;
                })), ACCEPT, false));
        rows.add(new Row("well-formed", "RSA 4096 root, RSA 2048 issuing CA and leaf (digitalSignature,"
                + " keyEncipherment)", () -> chain(root("RSA Root").with(s -> {
                    s.keys = ConformanceCertificates.generate("RSA", 4096);
                    return s;
                }), intermediate("RSA Issuing CA").with(s -> {
                    s.keys = ConformanceCertificates.generate("RSA", 2048);
                    return s;
                }), leaf("rsa.example.com").with(s -> {
                    s.keys = ConformanceCertificates.generate("RSA", 2048);
                    s.keyUsage = KeyUsage.digitalSignature | KeyUsage.keyEncipherment;
                    return s;
                })), ACCEPT, false));
        rows.add(new Row("well-formed", "two intermediates (path lengths 1 and 0)", () -> {
            Issued root = issue(root("Deep Root"), null);
            Issued policy = issue(intermediate("Policy CA").with(s -> {
                s.pathLength = 1;
                s.keys = ConformanceCertificates.generate("EC", 384);
                return s;
            }), root);
            Issued issuing = issue(intermediate("Deep Issuing CA"), policy);
            return new Chain(root.certificate(), List.of(issue(leaf("deep.example.com"), issuing).certificate(),
                    issuing.certificate(), policy.certificate()));
        }, ACCEPT, false));
        rows.add(new Row("well-formed", "leaf for an IP address and a name", () -> standard(leaf("ip.example.com")
                .with(s -> {
                    s.ipAddresses.add("192.0.2.10");
                    return s;
                })), ACCEPT, false));
        rows.add(new Row("well-formed", "leaf without a subject CN, critical subject alternative names",
                () -> standard(leaf("nocn.example.com").with(s -> {
                    s.subject = "O=Conformance";
                    s.sanCritical = true;
                    return s;
                })), ACCEPT, false));
        rows.add(new Row("well-formed", "leaf valid 397 days, serial of 20 octets", () -> standard(
                leaf("long.example.com").with(s -> {
                    s.validity = Duration.ofDays(397);
                    s.serial = BigInteger.ONE.shiftLeft(158).add(BigInteger.valueOf(12345));
                    return s;
                })), ACCEPT, false));
        rows.add(new Row("well-formed", "issuing CA without extended key usage (older public CAs)",
                () -> chain(root("Conformance Root"), intermediate("Older Issuing CA").with(s -> {
                    s.extendedKeyUsage = null;
                    return s;
                }), leaf("old.example.com")),
                ACCEPT, false));
        rows.add(new Row("well-formed", "leaf directly under the root, IDN name", () -> chain(root("Direct Root"),
                null, leaf("xn--bcher-kva.example", "www.xn--bcher-kva.example")), ACCEPT, false));
        rows.add(new Row("well-formed", "constrained root permits example.com, leaf www.example.com",
                () -> chain(constrainedRoot(dns("example.com"), null), intermediate("Constrained Issuing CA"),
                        leaf("www.example.com")),
                ACCEPT, false));

        // Name constraints.
        rows.add(new Row("name-constraints", "root permits only example.com, leaf for localhost",
                () -> chain(constrainedRoot(dns("example.com"), null), intermediate("Constrained Issuing CA"),
                        leaf("localhost")),
                REJECT, true));
        rows.add(new Row("name-constraints", "root excludes bad.example, leaf for x.bad.example",
                () -> chain(constrainedRoot(null, dns("bad.example")), intermediate("Constrained Issuing CA"),
                        leaf("x.bad.example")),
                REJECT, true));
        rows.add(new Row("name-constraints", "intermediate permits only example.com, leaf for localhost",
                () -> chain(root("Conformance Root"), intermediate("Constrained Issuing CA").with(s -> {
                    s.extensions.add(NameConstraintsExtensions.permittedDns("example.com"));
                    return s;
                }), leaf("localhost")),
                REJECT, true));
        rows.add(new Row("name-constraints", "root permits only example.com, leaf CN evil.test with only an IP SAN",
                () -> chain(constrainedRoot(dns("example.com"), null), intermediate("Constrained Issuing CA"),
                        leaf().with(s -> {
                            s.subject = "CN=evil.test";
                            s.ipAddresses.add("192.0.2.10");
                            return s;
                        })),
                REJECT, true));
        rows.add(new Row("name-constraints", "root permits only 10.0.0.0/8, leaf for 192.0.2.10",
                () -> chain(constrainedRoot(new GeneralSubtree[] { new GeneralSubtree(new GeneralName(
                        GeneralName.iPAddress, "10.0.0.0/8")) }, null), intermediate("Constrained Issuing CA"),
                        leaf("ip.example.com").with(s -> {
                            s.ipAddresses.add("192.0.2.10");
                            return s;
                        })),
                REJECT, true));
        rows.add(new Row("name-constraints", "root permits only O=Good directory names, leaf subject O=Evil",
                () -> chain(constrainedRoot(new GeneralSubtree[] { new GeneralSubtree(new GeneralName(
                        new X500Name("C=US,O=Good"))) }, null), intermediate("Constrained Issuing CA").with(s -> {
                            s.subject = "CN=Constrained Issuing CA, O=Good, C=US";
                            return s;
                        }), leaf("www.example.com").with(s -> {
                            s.subject = "CN=www.example.com, O=Evil, C=US";
                            return s;
                        })),
                REJECT, true));
        rows.add(new Row("name-constraints", "intermediate permits example.com, leaf wildcard *.example.com",
                () -> chain(root("Conformance Root"), intermediate("Constrained Issuing CA").with(s -> {
                    s.extensions.add(NameConstraintsExtensions.permittedDns("example.com"));
                    return s;
                }), leaf("*.example.com")), ACCEPT, false));

        // Key identifiers.
        rows.add(new Row("key-identifiers", "leaf's authority key identifier is not its issuer's key",
                () -> standard(leaf("akid.example.com").with(s -> {
                    s.authorityKeyIdValue = new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 };
                    return s;
                })), REJECT, true));
        rows.add(new Row("key-identifiers", "leaf without authority key identifier",
                () -> standard(leaf("noakid.example.com").with(s -> {
                    s.authorityKeyId = false;
                    return s;
                })), REJECT, false));
        rows.add(new Row("key-identifiers", "issuing CA without subject key identifier",
                () -> chain(root("Conformance Root"), intermediate("No SKID CA").with(s -> {
                    s.subjectKeyId = false;
                    return s;
                }), leaf("noskid.example.com")), REJECT, false));

        // DNS names and wildcards.
        rows.add(new Row("dns-names", "wildcard inside a name: www.*.example.com",
                () -> standard(leaf("ok.example.com", "www.*.example.com")), REJECT, false));
        rows.add(new Row("dns-names", "partial wildcard label: f*.example.com",
                () -> standard(leaf("ok.example.com", "f*.example.com")), REJECT, false));
        rows.add(new Row("dns-names", "wildcard over a top-level domain: *.com",
                () -> standard(leaf("ok.example.com", "*.com")), REJECT, false));
        rows.add(new Row("dns-names", "bare wildcard: *", () -> standard(leaf("ok.example.com", "*")), REJECT,
                false));
        rows.add(new Row("dns-names", "name with a space", () -> standard(leaf("ok.example.com", "bad name.example")),
                REJECT, false));

        // Server certificate that is a CA.
        rows.add(new Row("server-not-ca", "server certificate with basic constraints cA=true",
                () -> standard(leaf("ca.example.com").with(s -> {
                    s.ca = true;
                    return s;
                })), REJECT, false));

        // Extended key usage.
        rows.add(new Row("extended-key-usage", "leaf for clientAuth only", () -> standard(leaf("client.example.com")
                .with(s -> {
                    s.extendedKeyUsage = List.of(KeyPurposeId.id_kp_clientAuth);
                    return s;
                })), REJECT, true));
        rows.add(new Row("extended-key-usage", "leaf with anyExtendedKeyUsage only",
                () -> standard(leaf("any.example.com").with(s -> {
                    s.extendedKeyUsage = List.of(KeyPurposeId.anyExtendedKeyUsage);
                    return s;
                })), REJECT, true));
        rows.add(new Row("extended-key-usage", "leaf without extended key usage",
                () -> standard(leaf("noeku.example.com").with(s -> {
                    s.extendedKeyUsage = null;
                    return s;
                })), REJECT, false));
        rows.add(new Row("extended-key-usage", "issuing CA for clientAuth only",
                () -> chain(root("Conformance Root"), intermediate("Client CA").with(s -> {
                    s.extendedKeyUsage = List.of(KeyPurposeId.id_kp_clientAuth);
                    return s;
                }), leaf("cliica.example.com")), REJECT, true));

        // Key usage.
        rows.add(new Row("key-usage", "leaf may sign certificates (keyCertSign) although not a CA",
                () -> standard(leaf("certsign.example.com").with(s -> {
                    s.keyUsage = KeyUsage.digitalSignature | KeyUsage.keyCertSign;
                    return s;
                })), REJECT, false));
        rows.add(new Row("key-usage", "ECDSA leaf with keyAgreement only", () -> standard(leaf("ka.example.com")
                .with(s -> {
                    s.keyUsage = KeyUsage.keyAgreement;
                    return s;
                })), REJECT, false));
        rows.add(new Row("key-usage", "issuing CA without keyCertSign", () -> chain(root("Conformance Root"),
                intermediate("No CertSign CA").with(s -> {
                    s.keyUsage = KeyUsage.digitalSignature | KeyUsage.cRLSign;
                    return s;
                }), leaf("nocertsign.example.com")), REJECT, true));

        // Basic constraints and path length.
        rows.add(new Row("basic-constraints", "issuing CA without basic constraints",
                () -> chain(root("Conformance Root"), intermediate("No BC CA").with(s -> {
                    s.basicConstraints = false;
                    return s;
                }), leaf("nobc.example.com")), REJECT, true));
        rows.add(new Row("basic-constraints", "root with path length 0 above an issuing CA",
                () -> chain(root("Conformance Root").with(s -> {
                    s.pathLength = 0;
                    return s;
                }), intermediate("Conformance Issuing CA"), leaf("pathlen.example.com")), REJECT, true));
        rows.add(new Row("basic-constraints", "issuing CA with path length 0 above another CA", () -> {
            Issued root = issue(root("Conformance Root"), null);
            Issued upper = issue(intermediate("Upper CA"), root);
            Issued lower = issue(intermediate("Lower CA").with(s -> {
                s.keys = ConformanceCertificates.generate("EC", 256);
                return s;
            }), upper);
            return new Chain(root.certificate(), List.of(issue(leaf("lower.example.com"), lower).certificate(),
                    lower.certificate(), upper.certificate()));
        }, REJECT, true));

        // Serial numbers.
        rows.add(new Row("serial-number", "serial number 0", () -> standard(leaf("zero.example.com").with(s -> {
            s.serial = BigInteger.ZERO;
            return s;
        })), REJECT, false));
        rows.add(new Row("serial-number", "negative serial number", () -> standard(leaf("neg.example.com").with(s -> {
            s.serial = BigInteger.valueOf(-42);
            return s;
        })), REJECT, false));
        rows.add(new Row("serial-number", "serial number of 21 octets",
                () -> standard(leaf("long-serial.example.com").with(s -> {
                    s.serial = BigInteger.ONE.shiftLeft(164);
                    return s;
                })), REJECT, false));

        // Critical extensions.
        rows.add(new Row("critical-extensions", "leaf with an unknown critical extension",
                () -> standard(leaf("crit.example.com").with(s -> {
                    s.extensions.add(ConformanceCertificates.unknownExtension(true));
                    return s;
                })), REJECT, true));
        rows.add(new Row("critical-extensions", "leaf with an unknown non-critical extension",
                () -> standard(leaf("noncrit.example.com").with(s -> {
                    s.extensions.add(ConformanceCertificates.unknownExtension(false));
                    return s;
                })), ACCEPT, false));

        // Certificate format.
        rows.add(new Row("certificate-format", "X.509 version 1 leaf", () -> standard(leaf("v1.example.com").with(s -> {
            s.version1 = true;
            return s;
        })), REJECT, false));
        rows.add(new Row("certificate-format", "X.509 version 1 issuing CA", () -> chain(root("Conformance Root"),
                intermediate("V1 CA").with(s -> {
                    s.version1 = true;
                    return s;
                }), leaf("v1ca.example.com")), REJECT, true));

        // Keys and signatures.
        rows.add(new Row("keys", "RSA 1024 leaf", () -> standard(leaf("rsa1024.example.com").with(s -> {
            s.keys = ConformanceCertificates.generate("RSA", 1024);
            s.keyUsage = KeyUsage.digitalSignature | KeyUsage.keyEncipherment;
            return s;
        })), REJECT, false));
        rows.add(new Row("keys", "leaf signed with SHA-1", () -> standard(leaf("sha1.example.com").with(s -> {
            s.signatureAlgorithm = "SHA1withECDSA";
            return s;
        })), REJECT, false));

        // Subject alternative names and the CN.
        rows.add(new Row("subject-alt-names", "leaf without subject alternative names (host only in the CN)",
                () -> standard(leaf().with(s -> {
                    s.subject = "CN=cnonly.example.com";
                    return s;
                })), REJECT, false));
        rows.add(new Row("subject-alt-names", "CN that is not one of the subject alternative names",
                () -> standard(leaf("www.example.com").with(s -> {
                    s.subject = "CN=other.example.com";
                    return s;
                })), REJECT, false));

        // Validity period.
        rows.add(new Row("validity-period", "leaf valid 825 days", () -> standard(leaf("825.example.com").with(s -> {
            s.validity = Duration.ofDays(825);
            return s;
        })), REJECT, false));
        rows.add(new Row("validity-period", "expired leaf", () -> standard(leaf("expired.example.com").with(s -> {
            s.notBefore = Instant.now().minus(Duration.ofDays(100));
            return s;
        })), REJECT, true));
        return rows;
    }

    @BeforeAll
    static void decideEveryRow() throws IOException {
        Path dir = Files.createTempDirectory("conformance");
        boolean openssl = opensslAvailable();
        int i = 0;
        for (Row row : rows()) {
            Chain chain = row.chain().get();
            Path anchor = Pem.write(dir.resolve("anchor-" + i + ".pem"), Pem.certificates(List.of(chain.anchor())));
            Reloadable<TrustMaterial> trust = TrustMaterial.reloadable(TrustSpec.parse(anchor.toString()),
                    PathConformanceTest.class.getClassLoader(), Map.of());
            X509ExtendedTrustManager normal = new ReloadingTrustManager(trust);
            X509ExtendedTrustManager strict = StrictTrustManager.wrap(new ReloadingTrustManager(trust), true);
            X509Certificate[] presented = chain.presented().toArray(new X509Certificate[0]);
            String authType = presented[0].getPublicKey().getAlgorithm().equals("RSA") ? "ECDHE_RSA" : "ECDHE_ECDSA";
            String defaultDetail = decide(normal, presented, authType);
            String strictDetail = decide(strict, presented, authType);
            Boolean measured = openssl ? opensslRejects(dir, i, chain) : null;
            OUTCOMES.add(new Outcome(row, defaultDetail == null, strictDetail == null, defaultDetail, strictDetail,
                    measured));
            i++;
        }
        // Printed for CI logs and the figures in strict-mode.adoc.
        System.out.println(report());
    }

    private static String decide(X509ExtendedTrustManager manager, X509Certificate[] chain, String authType) {
        try {
            manager.checkServerTrusted(chain, authType);
            return null;
        } catch (CertificateException | RuntimeException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    private static boolean opensslAvailable() {
        try {
            Process process = new ProcessBuilder("openssl", "version").redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Whether {@code openssl verify}, trusting only the anchor, refuses the chain for TLS server use. */
    private static boolean opensslRejects(Path dir, int i, Chain chain) throws IOException {
        Path anchor = dir.resolve("anchor-" + i + ".pem");
        Path leafFile = Pem.write(dir.resolve("leaf-" + i + ".pem"), Pem.certificates(chain.presented().subList(0, 1)));
        List<String> command = new ArrayList<>(List.of("openssl", "verify", "-purpose", "sslserver", "-trusted",
                anchor.toString()));
        if (chain.presented().size() > 1) {
            Path untrusted = Pem.write(dir.resolve("untrusted-" + i + ".pem"),
                    Pem.certificates(chain.presented().subList(1, chain.presented().size())));
            command.addAll(List.of("-untrusted", untrusted.toString()));
        }
        command.add(leafFile.toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // The machine's default CA locations play no part: -trusted alone decides.
        builder.environment().remove("SSL_CERT_FILE");
        builder.environment().remove("SSL_CERT_DIR");
        Process process = builder.start();
        process.getInputStream().readAllBytes();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return process.exitValue() != 0;
    }

    /** The table and the agreement per rule family, for the log and the documentation. */
    static String report() {
        StringBuilder text = new StringBuilder("X.509 path conformance (" + OUTCOMES.size() + " cases)\n");
        Map<String, int[]> families = new LinkedHashMap<>();
        for (Outcome outcome : OUTCOMES) {
            Row row = outcome.row();
            text.append(String.format("%-20s %-6s default %-6s strict %-6s openssl %-6s %s%n", row.family(),
                    row.expected() ? "accept" : "reject", outcome.defaultAccepts() ? "accept" : "reject",
                    outcome.strictAccepts() ? "accept" : "reject", row.opensslRejects() ? "reject" : "accept",
                    row.description()));
            int[] counts = families.computeIfAbsent(row.family(), f -> new int[4]);
            counts[0]++;
            counts[1] += outcome.defaultAccepts() == row.expected() ? 1 : 0;
            counts[2] += outcome.strictAccepts() == row.expected() ? 1 : 0;
            counts[3] += row.opensslRejects() != row.expected() ? 1 : 0;
        }
        int total = 0;
        int normal = 0;
        int strict = 0;
        int openssl = 0;
        text.append("family               cases  default  strict  openssl\n");
        for (Map.Entry<String, int[]> family : families.entrySet()) {
            int[] c = family.getValue();
            text.append(String.format("%-20s %5d  %7s  %6s  %7s%n", family.getKey(), c[0], c[1] + "/" + c[0],
                    c[2] + "/" + c[0], c[3] + "/" + c[0]));
            total += c[0];
            normal += c[1];
            strict += c[2];
            openssl += c[3];
        }
        text.append(String.format("%-20s %5d  %7s  %6s  %7s%n", "all", total, normal + "/" + total,
                strict + "/" + total, openssl + "/" + total));
        return text.toString();
    }

    @Test
    void strictModeAgreesWithTheExpectedDecisionOnAtLeast95Percent() {
        long agreeing = OUTCOMES.stream().filter(o -> o.strictAccepts() == o.row().expected()).count();
        assertThat(agreeing * 100.0 / OUTCOMES.size())
                .as(OUTCOMES.stream().filter(o -> o.strictAccepts() != o.row().expected())
                        .map(o -> o.row().description() + " -> " + o.strictDetail()).toList().toString())
                .isGreaterThanOrEqualTo(95.0);
    }

    @Test
    void strictModeAcceptsEveryWellFormedChain() {
        assertThat(OUTCOMES.stream().filter(o -> o.row().family().equals("well-formed") && !o.strictAccepts())
                .map(o -> o.row().description() + " -> " + o.strictDetail()).toList()).isEmpty();
    }

    @Test
    void defaultModeAgreesWhereverOpenSslAgreesWithTheExpectedDecision() {
        assertThat(OUTCOMES.stream()
                .filter(o -> o.row().opensslRejects() != o.row().expected() && o.defaultAccepts() != o.row().expected())
                .map(o -> o.row().description() + " -> " + o.defaultDetail()).toList()).isEmpty();
    }

    @Test
    void everyStrictRefusalNamesItsRuleAndCertificate() {
        assertThat(OUTCOMES.stream().filter(o -> !o.strictAccepts() && o.defaultAccepts())
                .filter(o -> !(o.strictDetail().contains("breaks the rule") && o.strictDetail().contains("'"))
                        && !o.strictDetail().contains("subtree violation"))
                .map(o -> o.row().description() + " -> " + o.strictDetail()).toList()).isEmpty();
    }

    /**
     * Real CA certificates: every root of Mozilla's bundle, judged by the rules strict mode applies to what a CA below the
     * anchor carries of its own (key and extensions, which a cross-certificate of the root repeats), passes them.
     */
    @Test
    void everyMozillaRootPassesTheCaRulesOfStrictMode() {
        List<X509Certificate> roots = MozillaCaBundle.load(PathConformanceTest.class.getClassLoader()).certificates();
        List<String> refused = new ArrayList<>();
        for (X509Certificate root : roots) {
            try {
                StrictPathRules.checkCaContent(root);
            } catch (CertificateException e) {
                refused.add(e.getMessage());
            }
        }
        System.out.println("PathConformanceTest: " + roots.size() + " Mozilla roots judged as CAs in strict mode, "
                + refused.size() + " refused");
        assertThat(roots).hasSizeGreaterThan(100);
        assertThat(refused).isEmpty();
    }

    @Test
    void theOpenSslColumnIsWhatOpenSslSays() {
        List<String> wrong = OUTCOMES.stream().filter(o -> o.opensslRejectsMeasured() != null
                && o.opensslRejectsMeasured() != o.row().opensslRejects())
                .map(o -> o.row().description() + ": openssl " + (o.opensslRejectsMeasured() ? "rejects" : "accepts"))
                .toList();
        assertThat(wrong).isEmpty();
    }
}
