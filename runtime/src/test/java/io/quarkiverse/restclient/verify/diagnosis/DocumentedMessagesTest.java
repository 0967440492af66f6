package io.quarkiverse.restclient.verify.diagnosis;

import static io.quarkiverse.restclient.verify.diagnosis.Failures.client;
import static io.quarkiverse.restclient.verify.diagnosis.Failures.refused;
import static io.quarkiverse.restclient.verify.diagnosis.Failures.ssl;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;
import io.quarkiverse.restclient.verify.testpki.IssuedCertificate;
import io.quarkiverse.restclient.verify.testpki.Pem;
import io.quarkiverse.restclient.verify.trust.anchors.TrustSpec;

/**
 * The sample messages in the README and the documentation are what the code writes: each sample is produced again from
 * a constructed failure of the same kind, and its stable lines (the first line, the fixes) must be in the message once
 * fingerprints and instants are masked. A "..." inside a line stands for any text; the presented chain and the JDK's
 * own line are left out, they depend on the certificates.
 */
class DocumentedMessagesTest {

    static final Path ROOT_DIR = Path.of("..");
    static final List<Path> DOCUMENTS = List.of(ROOT_DIR.resolve("README.md"),
            ROOT_DIR.resolve("docs/modules/ROOT/pages/troubleshooting.adoc"),
            ROOT_DIR.resolve("docs/modules/ROOT/pages/corporate-proxies.adoc"));
    static final Pattern FIRST_LINE = Pattern.compile(
            "TLS failed for REST client '([^']+)' calling ([^:]+):(\\d+) \\[([A-Z_]+)]: .*");

    static final Instant NOW = Instant.now();
    static final CertificateAuthority DEMO_ROOT = CertificateAuthority.root("Demo Corp Root CA");
    static final CertificateAuthority DEMO_ISSUING = DEMO_ROOT.intermediate("Demo Corp Issuing CA");
    static final CertificateAuthority TEST_ROOT = CertificateAuthority.root("Verify Test Root CA");
    static final CertificateAuthority TEST_INTERMEDIATE = TEST_ROOT.intermediate("Verify Test Intermediate CA");
    static final CertificateAuthority ZSCALER = CertificateAuthority.root("Zscaler Root CA");
    static final String DEFAULT_TRUST = "JDK default trust (144 CA certificates) [nothing configured]";
    static final String CORP = "file /certs/corp.pem (1 CA certificate) [quarkus.rest-client.verify]";
    /** The test seam of the operating system's store, read when a sample's client asks its other trust. */
    static final String SYSTEM_BUNDLES = "io.quarkiverse.restclient.verify.test.system-bundles";
    static final Path SYSTEM = Pem.write(tempFile(), Pem.certificates(ZSCALER.certificate()));

    /** How each documented client's failure is made again, by the client's name in the sample. */
    static final Map<String, Scenario> SCENARIOS = Map.of(
            "inventory", demoChain("inventory"),
            "with-default-trust", (host, port) -> demoChain("with-default-trust").make(host, port)
                    .withOtherTrust(),
            "github", (host, port) -> {
                // The operating system trusts the proxy's CA, which IT installed there.
                var context = withOtherTrust(client("github", host, port, DEFAULT_TRUST, null));
                // The proxy sends its re-signed certificate with its intermediate, up to its root.
                IssuedCertificate leaf = ZSCALER.intermediate("Zscaler Intermediate Root CA").server("api.github.com",
                        List.of("api.github.com"), List.of());
                return new Made(refused(leaf.chain(), pkix(), context), context);
            },
            "b", (host, port) -> {
                var context = client("b", host, port, CORP, "/certs/corp.pem");
                IssuedCertificate self = CertificateAuthority.selfSignedServer("self-signed.test",
                        List.of("self-signed.test"), List.of());
                return new Made(refused(self.chain(), pkix(), context), context);
            },
            "incomplete", (host, port) -> {
                var context = client("incomplete", host, port, CORP, "/certs/corp.pem");
                IssuedCertificate leaf = TEST_INTERMEDIATE.server("missing-intermediate.test",
                        List.of("missing-intermediate.test"), List.of());
                return new Made(refused(List.of(leaf.certificate()), pkix(), context), context);
            },
            "d", (host, port) -> {
                var context = client("d", host, port, CORP, "/certs/corp.pem");
                IssuedCertificate leaf = TEST_ROOT.server("expired.test", List.of("expired.test"), List.of(),
                        NOW.minus(Duration.ofDays(30)), NOW.minus(Duration.ofDays(1)));
                return new Made(refused(leaf.chain(), new CertificateExpiredException("NotAfter"), context), context);
            },
            "early", (host, port) -> {
                var context = client("early", host, port, CORP, "/certs/corp.pem");
                IssuedCertificate leaf = TEST_ROOT.server("early.test", List.of("early.test"), List.of(),
                        NOW.plus(Duration.ofDays(2)), NOW.plus(Duration.ofDays(30)));
                return new Made(refused(leaf.chain(), new CertificateNotYetValidException("NotBefore"), context),
                        context);
            },
            "e", (host, port) -> {
                var context = client("e", host, port, CORP, "/certs/corp.pem");
                IssuedCertificate leaf = TEST_ROOT.server("wrong.example", List.of("wrong.example"), List.of());
                return new Made(refused(leaf.chain(), new CertificateException("No subject alternative names matching"
                        + " IP address " + host + " found"), context), context);
            },
            "f", (host, port) -> {
                var context = client("f", host, port, CORP, "/certs/corp.pem");
                return new Made(ssl("Unrecognized SSL message, plaintext connection?"), context);
            });

    /** A failure made again for a documented client at the sample's host and port. */
    interface Scenario {
        Made make(String host, int port);
    }

    record Made(Throwable failure, DiagnosisContext context) {

        /** The same failure of a client on the JDK default trust, explained with the application's other trust. */
        Made withOtherTrust() {
            return new Made(failure, DocumentedMessagesTest.withOtherTrust(context));
        }
    }

    /** The context of a client on the JDK default trust, in an application whose system store is {@link #SYSTEM}. */
    static DiagnosisContext withOtherTrust(DiagnosisContext c) {
        OtherTrust other = new OtherTrust(TrustSpec.jdkDefault(), DocumentedMessagesTest.class.getClassLoader(),
                variable -> null, null, null, skipped -> {
                });
        return new DiagnosisContext(c.clientName(), c.keys(), c.trustDescription(), c.trustValue(),
                c.replacesDefaultTrust(), c.host(), c.port(), c.acceptedIssuers(), c.clientCertificateConfigured(),
                other);
    }

    @BeforeAll
    static void systemStoreWithTheProxysCa() {
        System.setProperty(SYSTEM_BUNDLES, SYSTEM.toString());
    }

    @AfterAll
    static void realSystemStore() {
        System.clearProperty(SYSTEM_BUNDLES);
    }

    record Sample(Path document, List<String> lines) {
    }

    @Test
    void everyDocumentedMessageIsWhatTheCodeWrites() throws IOException {
        List<Sample> samples = samples();
        assertThat(samples).as("samples found").hasSizeGreaterThanOrEqualTo(9);
        for (Sample sample : samples) {
            Matcher first = FIRST_LINE.matcher(sample.lines().get(0));
            assertThat(first.matches()).as(sample.lines().get(0)).isTrue();
            Scenario scenario = SCENARIOS.get(first.group(1));
            assertThat(scenario).as("a scenario for the sample of client '" + first.group(1) + "' in "
                    + sample.document()).isNotNull();
            Made made = scenario.make(first.group(2), Integer.parseInt(first.group(3)));
            String message = mask(Failures.explain(made.failure(), made.context()).getMessage());
            for (String line : stableLines(sample.lines())) {
                assertThat(Pattern.compile(wildcard(mask(line))).matcher(message).find())
                        .as("in " + sample.document() + ", the line\n" + line + "\nis not in the message\n" + message)
                        .isTrue();
            }
        }
    }

    /** Each block that starts with a message's first line, up to the end of the block. */
    static List<Sample> samples() throws IOException {
        List<Sample> samples = new ArrayList<>();
        for (Path document : DOCUMENTS) {
            List<String> current = null;
            for (String line : Files.readAllLines(document)) {
                if (line.startsWith("TLS failed for REST client '")) {
                    current = new ArrayList<>();
                    samples.add(new Sample(document, current));
                } else if (line.equals("----") || line.equals("```")) {
                    current = null;
                }
                if (current != null) {
                    current.add(line);
                }
            }
        }
        return samples;
    }

    /** The lines the code writes the same for the same kind of failure. */
    static List<String> stableLines(List<String> lines) {
        List<String> stable = new ArrayList<>();
        boolean inChain = false;
        for (String line : lines) {
            if (line.equals("The server presented:")) {
                inChain = true;
            } else if (!line.startsWith("  [") && !line.startsWith("      ") && !line.trim().equals("...")) {
                inChain = false;
            }
            if (!inChain && !line.trim().equals("...") && !line.startsWith("(JDK: ")
                    && !line.startsWith("This client trusts: ")) {
                stable.add(line);
            }
        }
        return stable;
    }

    static String mask(String text) {
        return text.replaceAll("([0-9A-F]{2}:){31}[0-9A-F]{2}", "<sha256>")
                .replaceAll("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z", "<instant>");
    }

    /** The line as a pattern in which "..." stands for any text on the line. */
    static String wildcard(String line) {
        String[] parts = line.split("\\.\\.\\.", -1);
        List<String> quoted = new ArrayList<>();
        for (String part : parts) {
            quoted.add(Pattern.quote(part));
        }
        return "(?m)^" + String.join("[^\\n]*", quoted) + "$";
    }

    private static Scenario demoChain(String name) {
        return (host, port) -> {
            var context = client(name, host, port, DEFAULT_TRUST, null);
            IssuedCertificate leaf = DEMO_ISSUING.server("inventory.demo", List.of("localhost"), List.of("127.0.0.1"));
            return new Made(refused(leaf.chain(), pkix(), context), context);
        };
    }

    private static Path tempFile() {
        try {
            Path file = Files.createTempFile("system-ca", ".pem");
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static CertificateException pkix() {
        return new CertificateException("PKIX path building failed: unable to find valid certification path to"
                + " requested target");
    }

}
