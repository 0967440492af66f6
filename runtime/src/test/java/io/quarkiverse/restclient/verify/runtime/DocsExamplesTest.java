package io.quarkiverse.restclient.verify.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;
import io.quarkiverse.restclient.verify.testpki.Crls;
import io.quarkiverse.restclient.verify.testpki.IssuedCertificate;
import io.quarkiverse.restclient.verify.testpki.OpenSsl;
import io.quarkiverse.restclient.verify.testpki.Pem;
import io.quarkiverse.restclient.verify.trust.anchors.MozillaCaBundle;
import io.quarkiverse.restclient.verify.trust.anchors.OpenSslSubjectHash;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * Runs every {@code [source,properties]} example of the documentation through the same resolution the start-up does:
 * the paths the docs use stand for real files generated here, each client named in an example has its trust (and
 * client certificate) loaded, and global settings are converted to their types. An example marked
 * {@code # fails at start-up} must fail. A path the docs use without a file here fails the test, so a new example
 * cannot slip by untested.
 */
class DocsExamplesTest {

    private static final Path DOCS = Path.of("..", "docs", "modules", "ROOT", "pages");
    private static final Pattern BLOCK = Pattern.compile("\\[source,properties[^\\]]*\\]\\n----\\n(.*?)\\n----",
            Pattern.DOTALL);
    private static final Pattern CLIENT_KEY = Pattern.compile("quarkus\\.rest-client\\.(\"[^\"]+\"|[^.]+)\\.(.+)");
    private static final Set<String> GLOBAL = Set.of("verify", "verify-trust-env", "verify-reload-period",
            "verify-insecure", "verify-expiry-warning", "verify-fetch-intermediates", "trust-store", "key-store",
            "tls-configuration-name",
            "verify-host");
    private static final String KEY_PASSWORD = "docs-secret";

    @TempDir
    static Path dir;

    private static final Map<String, String> FILES = new LinkedHashMap<>();
    private static ClassLoader classpath;

    @BeforeAll
    static void writeTheFilesTheDocsName() throws Exception {
        CertificateAuthority corp = CertificateAuthority.root("Docs Corp Root");
        for (String bundle : List.of("/certs/corp.pem", "/certs/legacy-ca.pem", "/certs/internal-ca.pem",
                "/certs/zscaler-root.pem", "/certs/ca-bundle.crt")) {
            FILES.put(bundle, Pem.write(dir.resolve(bundle.substring(1).replace('/', '-')),
                    Pem.certificates(corp.certificate())).toString());
        }
        IssuedCertificate client = corp.client("docs-client");
        String chain = Pem.certificates(client.chain());
        // A key log the client creates itself (engines.adoc): a path, no file.
        FILES.put("/home/me/payments-keys.log", dir.resolve("payments-keys.log").toString());
        FILES.put("/certs/client.pem", Pem.write(dir.resolve("client.pem"), chain).toString());
        FILES.put("/certs/client.crt", Pem.write(dir.resolve("client.crt"), chain).toString());
        FILES.put("/certs/client.key", Pem.write(dir.resolve("client.key"), encrypted(client)).toString());
        Path hashed = Files.createDirectories(dir.resolve("etc-ssl-certs"));
        Pem.write(hashed.resolve("corp.pem"), Pem.certificates(corp.certificate()));
        Files.createSymbolicLink(hashed.resolve(OpenSsl.subjectHash(corp.certificate(), OpenSslSubjectHash::of) + ".0"),
                Path.of("corp.pem"));
        FILES.put("/etc/ssl/certs", hashed.toString());
        Path crls = Files.createDirectories(dir.resolve("certs-crl"));
        Pem.write(crls.resolve("corp.crl"), Crls.pem(Crls.issue(corp)));
        FILES.put("/certs/crl/", crls.toString());
        // The test CA of the docs' CRL recipe: its certificate and the CRL it signed.
        Path testCa = Files.createDirectories(dir.resolve("certs-test-ca"));
        FILES.put("/certs/test-ca/ca.pem", Pem.write(testCa.resolve("ca.pem"), Pem.certificates(corp.certificate()))
                .toString());
        FILES.put("/certs/test-ca/crl.pem", Pem.write(testCa.resolve("crl.pem"), Crls.pem(Crls.issue(corp))).toString());
        FILES.put("/certs/truststore.p12", truststore(dir.resolve("truststore.p12"), corp.certificate()).toString());
        Path resources = Files.createDirectories(dir.resolve("classes/certs"));
        Pem.write(resources.resolve("partner.pem"), Pem.certificates(corp.certificate()));
        // verify=mozilla examples: the artifact itself (its jar or classes folder), as the application's class path
        // holds it; verify=mozilla reads the bundle only from the element that holds the artifact's marker class.
        String marker = DocsExamplesTest.class.getClassLoader().getResource(MozillaCaBundle.MARKER).toExternalForm();
        URL artifact = new URL(marker.substring(0, marker.length() - MozillaCaBundle.MARKER.length()));
        classpath = new URLClassLoader(new URL[] { dir.resolve("classes").toUri().toURL(), artifact }, null);
    }

    @Test
    void everyPropertiesExampleResolvesAsDocumented() throws IOException {
        List<String> checked = new ArrayList<>();
        long blocks = 0;
        try (Stream<Path> pages = Files.list(DOCS)) {
            for (Path page : pages.filter(p -> p.toString().endsWith(".adoc")).sorted().toList()) {
                String text = Files.readString(page);
                blocks += text.lines().filter(line -> line.startsWith("[source,properties")).count();
                Matcher matcher = BLOCK.matcher(text);
                while (matcher.find()) {
                    String example = matcher.group(1);
                    String where = page.getFileName() + ":\n" + example;
                    boolean failureExpected = example.contains("# fails at start-up");
                    Optional<RuntimeException> failure = run(example, where);
                    if (failureExpected) {
                        // The extension's own start-up error, naming what the example sets: not just any exception.
                        assertThat(failure).as("must fail: %s", where).isPresent();
                        assertThat(failure.get()).as("must fail with the extension's error: %s", where)
                                .isInstanceOf(ConfigurationException.class);
                        for (String key : keys(example)) {
                            assertThat(failure.get().getMessage()).as("the error must name %s: %s", key, where)
                                    .contains(key);
                        }
                    } else if (failure.isPresent()) {
                        throw new AssertionError("the documented example fails: " + where, failure.get());
                    }
                    checked.add(where);
                }
            }
        }
        assertThat(blocks).as("properties examples in %s", DOCS.toAbsolutePath()).isGreaterThanOrEqualTo(20);
        assertThat(checked).as("examples run, one per [source,properties] block").hasSize((int) blocks);
    }

    /** Resolves the example the way the start-up does; the failure if it would stop the start. */
    private static Optional<RuntimeException> run(String example, String where) {
        Map<String, String> properties = new LinkedHashMap<>();
        Set<String> clients = new LinkedHashSet<>();
        for (String line : example.split("\n")) {
            String trimmed = line.trim();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int equals = trimmed.indexOf('=');
            assertThat(equals).as("a property line in %s", where).isPositive();
            String key = trimmed.substring(0, equals);
            String value = realPaths(trimmed.substring(equals + 1), where);
            properties.put(key, value);
            String unprofiled = key.replaceFirst("^%\\w+\\.", "");
            Matcher client = CLIENT_KEY.matcher(unprofiled);
            if (client.matches() && !GLOBAL.contains(unprofiled.substring("quarkus.rest-client.".length()))) {
                clients.add(client.group(1));
            }
        }
        properties.put("KEY_PASSWORD", KEY_PASSWORD);
        try {
            // The mapping checks and converts every property of this extension, defaults included.
            SmallRyeConfig config = ConfiguredResolver.config(new SmallRyeConfigBuilder().withProfile("prod")
                    .addDefaultInterceptors().withSources(new PropertiesConfigSource(properties, "docs example", 100)));
            InsecurePolicy policy = config.getConfigMapping(RestClientVerifyConfig.class).verifyInsecure();
            ClientTrustResolver resolver = ConfiguredResolver.of(config, variable -> null, classpath);
            List<ClientTrust> resolved = new ArrayList<>();
            for (String name : clients) {
                resolved.add(resolver.resolve(interfaceOf(name), configKeyOf(name)));
            }
            // A client with no settings of its own gets the global ones.
            resolved.add(resolver.resolve("org.acme.AnyOtherClient", Optional.empty()));
            for (ClientTrust trust : resolved) {
                if (policy == InsecurePolicy.DENY && trust.insecurity(false).isPresent()) {
                    throw new IllegalStateException("verify-insecure=deny and " + trust.clientName() + " is insecure");
                }
            }
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of(e);
        }
    }

    /** The property keys an example sets, without profile. */
    private static List<String> keys(String example) {
        List<String> keys = new ArrayList<>();
        for (String line : example.split("\n")) {
            String trimmed = line.trim();
            if (!trimmed.isEmpty() && !trimmed.startsWith("#") && trimmed.contains("=")) {
                keys.add(trimmed.substring(0, trimmed.indexOf('=')).replaceFirst("^%\\w+\\.", ""));
            }
        }
        return keys;
    }

    /** The docs' paths replaced by the files written here; a path without a file here fails the test. */
    private static String realPaths(String value, String where) {
        String result = value;
        for (Map.Entry<String, String> file : FILES.entrySet()) {
            result = result.replace(file.getKey(), file.getValue());
        }
        for (String part : result.split(",")) {
            String token = part.trim();
            if (token.startsWith("/") && !token.startsWith(dir.toString())) {
                fail("the docs use %s, which this test has no file for; add one to FILES. In: %s", token, where);
            }
        }
        return result;
    }

    private static String interfaceOf(String name) {
        if (name.startsWith("\"")) {
            return name.substring(1, name.length() - 1);
        }
        if (Character.isUpperCase(name.charAt(0))) {
            return "org.acme." + name;
        }
        return "org.acme." + Character.toUpperCase(name.charAt(0)) + name.substring(1) + "Client";
    }

    private static Optional<String> configKeyOf(String name) {
        return name.startsWith("\"") || Character.isUpperCase(name.charAt(0)) ? Optional.empty() : Optional.of(name);
    }

    private static String encrypted(IssuedCertificate certificate) throws Exception {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(new JcaPKCS8Generator(certificate.privateKey(), new JceOpenSSLPKCS8EncryptorBuilder(
                    PKCS8Generator.AES_256_CBC).setProvider(new BouncyCastleProvider())
                    .setPassword(KEY_PASSWORD.toCharArray()).build()));
        }
        return out.toString();
    }

    private static Path truststore(Path file, X509Certificate ca) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("ca", ca);
        try (var out = Files.newOutputStream(file)) {
            store.store(out, "changeit".toCharArray());
        }
        return file;
    }
}
