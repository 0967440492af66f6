package io.quarkiverse.restclient.verify.deployment.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.restclient.verify.deployment.Calls;
import io.quarkiverse.restclient.verify.deployment.Hello;
import io.quarkiverse.restclient.verify.deployment.JvmTrust;
import io.quarkiverse.restclient.verify.deployment.Pki;
import io.quarkiverse.restclient.verify.testpki.Pem;
import io.quarkiverse.restclient.verify.testpki.ServerCase;
import io.quarkiverse.restclient.verify.testpki.ServerScenarios;
import io.quarkus.test.QuarkusUnitTest;

/**
 * The backbone: every server case against every kind of {@code verify} value, each cell a real TLS handshake
 * against a server on 127.0.0.1. The expected table is written out in full so a reader sees the semantics at once.
 * <p>
 * Runs in the {@code jvm-trust} JVM (see {@link JvmTrust}), whose default trust and system bundle hold the trusted
 * root: so {@code default}, {@code true}, {@code system} and no value at all are seen accepting a chain, and
 * {@code default,<bundle>} is seen accepting through either half of the union.
 */
@Tag(JvmTrust.TAG)
class ConformanceMatrixTest {

    static final ServerScenarios PKI = JvmTrust.scenarios();
    static final Path DIR = Pki.tempDir("matrix");
    static final Path BUNDLE = Pki.bundle(DIR.resolve("corp-ca.pem"), PKI.trustedRoot().certificate());
    static final Path DER = der(DIR.resolve("corp-ca.der"), PKI.trustedRoot().certificate());
    // A root the JVM does not trust: in the union with default trust, each half accepts what the other rejects.
    static final Path OTHER = Pki.bundle(DIR.resolve("other-ca.pem"), PKI.unknownRoot().certificate());
    static final Path HASHED = Pki.hashedDirectory(DIR.resolve("hashed"), PKI.unknownRoot().intermediate("Decoy")
            .certificate(), PKI.trustedRoot().certificate());
    static final Path HASHED_WITH_INTERMEDIATE = Pki.hashedDirectory(DIR.resolve("hashed-full"),
            PKI.trustedRoot().certificate(), PKI.trustedIntermediate().certificate());
    static final Path PLAIN = Pki.plainDirectory(DIR.resolve("plain"), PKI.trustedRoot().certificate());

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Hello.class, Calls.class, Pki.class, JvmTrust.class,
                    Unconfigured.class, DefaultTrust.class, TrueTrust.class, NoVerify.class, BundleFile.class,
                    DerFile.class, HashedDirectory.class, HashedDirectoryWithIntermediate.class, PlainDirectory.class,
                    ClasspathBundle.class, SystemTrust.class, DefaultPlusOther.class)
                    .addAsResource(new StringAsset(Pem.certificates(PKI.trustedRoot().certificate())),
                            "certs/matrix-ca.pem"))
            .overrideConfigKey("quarkus.rest-client.m-default.verify", "default")
            .overrideConfigKey("quarkus.rest-client.m-true.verify", "true")
            .overrideConfigKey("quarkus.rest-client.m-false.verify", "false")
            .overrideConfigKey("quarkus.rest-client.m-bundle.verify", BUNDLE.toString())
            .overrideConfigKey("quarkus.rest-client.m-der.verify", DER.toString())
            .overrideConfigKey("quarkus.rest-client.m-hashed.verify", HASHED.toString())
            .overrideConfigKey("quarkus.rest-client.m-hashed-full.verify", HASHED_WITH_INTERMEDIATE.toString())
            .overrideConfigKey("quarkus.rest-client.m-plain.verify", PLAIN.toString())
            .overrideConfigKey("quarkus.rest-client.m-classpath.verify", "classpath:certs/matrix-ca.pem")
            .overrideConfigKey("quarkus.rest-client.m-system.verify", "system")
            .overrideConfigKey("quarkus.rest-client.m-extend.verify", "default," + OTHER);

    @AfterAll
    static void stopServers() {
        PKI.close();
    }

    @Test
    void everyServerCaseAgainstEveryVerifyValue() {
        Map<String, Class<? extends Hello>> columns = new LinkedHashMap<>();
        columns.put("(none)", Unconfigured.class);
        columns.put("default", DefaultTrust.class);
        columns.put("true", TrueTrust.class);
        columns.put("false", NoVerify.class);
        columns.put("bundle", BundleFile.class);
        columns.put("DER", DerFile.class);
        columns.put("hashed", HashedDirectory.class);
        columns.put("hashed+int", HashedDirectoryWithIntermediate.class);
        columns.put("plain dir", PlainDirectory.class);
        columns.put("classpath:", ClasspathBundle.class);
        columns.put("system", SystemTrust.class);
        columns.put("default,other", DefaultPlusOther.class);

        String expected = table(columns.keySet(), Map.of(
                ServerCase.GOOD_CHAIN, "OK OK OK OK OK OK OK OK OK OK OK OK",
                ServerCase.EXPIRED_LEAF, "TLS TLS TLS OK TLS TLS TLS TLS TLS TLS TLS TLS",
                ServerCase.WRONG_HOST, "TLS TLS TLS OK TLS TLS TLS TLS TLS TLS TLS TLS",
                ServerCase.SELF_SIGNED, "TLS TLS TLS OK TLS TLS TLS TLS TLS TLS TLS TLS",
                // The other half of the union: a root the JVM's default trust does not hold.
                ServerCase.UNKNOWN_ROOT, "TLS TLS TLS OK TLS TLS TLS TLS TLS TLS TLS OK",
                // A hashed directory that holds the intermediate completes the chain, like OpenSSL's capath.
                ServerCase.MISSING_INTERMEDIATE, "TLS TLS TLS OK TLS TLS TLS OK TLS TLS TLS TLS"));

        Map<ServerCase, String> actual = new LinkedHashMap<>();
        List<String> evidence = new ArrayList<>();
        for (ServerCase serverCase : ServerCase.values()) {
            List<String> row = new ArrayList<>();
            for (Map.Entry<String, Class<? extends Hello>> column : columns.entrySet()) {
                Calls.Outcome outcome = Calls.call(column.getValue(), PKI.server(serverCase).uri());
                row.add(outcome.word());
                if (outcome.ok()) {
                    assertThat(outcome.body()).contains(PKI.certificate(serverCase).certificate()
                            .getSubjectX500Principal().getName());
                }
                evidence.add(serverCase + " x " + column.getKey() + ": " + outcome.word() + " " + outcome.detail());
            }
            actual.put(serverCase, String.join(" ", row));
        }
        assertThat(table(columns.keySet(), actual)).as(String.join("\n", evidence)).isEqualTo(expected);
    }

    private static Path der(Path file, X509Certificate certificate) {
        try {
            return Files.write(file, Pem.der(certificate));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String table(Iterable<String> columns, Map<ServerCase, String> rows) {
        StringBuilder table = new StringBuilder(String.format("%-22s", ""));
        for (String column : columns) {
            table.append(String.format("%-14s", column));
        }
        table.append('\n');
        for (ServerCase serverCase : ServerCase.values()) {
            table.append(String.format("%-22s", serverCase));
            for (String cell : rows.get(serverCase).split(" ")) {
                table.append(String.format("%-14s", cell));
            }
            table.append('\n');
        }
        return table.toString();
    }

    @RegisterRestClient(configKey = "m-none")
    public interface Unconfigured extends Hello {
    }

    @RegisterRestClient(configKey = "m-default")
    public interface DefaultTrust extends Hello {
    }

    @RegisterRestClient(configKey = "m-true")
    public interface TrueTrust extends Hello {
    }

    @RegisterRestClient(configKey = "m-false")
    public interface NoVerify extends Hello {
    }

    @RegisterRestClient(configKey = "m-bundle")
    public interface BundleFile extends Hello {
    }

    @RegisterRestClient(configKey = "m-der")
    public interface DerFile extends Hello {
    }

    @RegisterRestClient(configKey = "m-hashed")
    public interface HashedDirectory extends Hello {
    }

    @RegisterRestClient(configKey = "m-hashed-full")
    public interface HashedDirectoryWithIntermediate extends Hello {
    }

    @RegisterRestClient(configKey = "m-plain")
    public interface PlainDirectory extends Hello {
    }

    @RegisterRestClient(configKey = "m-classpath")
    public interface ClasspathBundle extends Hello {
    }

    @RegisterRestClient(configKey = "m-system")
    public interface SystemTrust extends Hello {
    }

    @RegisterRestClient(configKey = "m-extend")
    public interface DefaultPlusOther extends Hello {
    }
}
