package io.quarkiverse.restclient.verify.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.restclient.verify.testpki.ServerCase;
import io.quarkiverse.restclient.verify.testpki.ServerScenarios;
import io.quarkus.test.QuarkusUnitTest;

/**
 * The backbone: every server case against every kind of {@code verify} value, each cell a real TLS handshake
 * against a server on 127.0.0.1. The expected table is written out in full so a reader sees the semantics at once.
 */
class ConformanceMatrixTest {

    static final ServerScenarios PKI = ServerScenarios.shared("matrix");
    static final Path DIR = Pki.tempDir("matrix");
    static final Path BUNDLE = Pki.bundle(DIR.resolve("corp-ca.pem"), PKI.trustedRoot().certificate());
    static final Path HASHED = Pki.hashedDirectory(DIR.resolve("hashed"), PKI.unknownRoot().intermediate("Decoy")
            .certificate(), PKI.trustedRoot().certificate());
    static final Path HASHED_WITH_INTERMEDIATE = Pki.hashedDirectory(DIR.resolve("hashed-full"),
            PKI.trustedRoot().certificate(), PKI.trustedIntermediate().certificate());
    static final Path PLAIN = Pki.plainDirectory(DIR.resolve("plain"), PKI.trustedRoot().certificate());

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Hello.class, Calls.class, Pki.class, DefaultTrust.class, NoVerify.class,
                    BundleFile.class, HashedDirectory.class, HashedDirectoryWithIntermediate.class,
                    PlainDirectory.class, DefaultPlusBundle.class))
            .overrideConfigKey("quarkus.rest-client.m-default.verify", "default")
            .overrideConfigKey("quarkus.rest-client.m-false.verify", "false")
            .overrideConfigKey("quarkus.rest-client.m-bundle.verify", BUNDLE.toString())
            .overrideConfigKey("quarkus.rest-client.m-hashed.verify", HASHED.toString())
            .overrideConfigKey("quarkus.rest-client.m-hashed-full.verify", HASHED_WITH_INTERMEDIATE.toString())
            .overrideConfigKey("quarkus.rest-client.m-plain.verify", PLAIN.toString())
            .overrideConfigKey("quarkus.rest-client.m-extend.verify", "default," + BUNDLE);

    @AfterAll
    static void stopServers() {
        PKI.close();
    }

    @Test
    void everyServerCaseAgainstEveryVerifyValue() {
        Map<String, Class<? extends Hello>> columns = new LinkedHashMap<>();
        columns.put("default", DefaultTrust.class);
        columns.put("false", NoVerify.class);
        columns.put("bundle", BundleFile.class);
        columns.put("hashed", HashedDirectory.class);
        columns.put("hashed+int", HashedDirectoryWithIntermediate.class);
        columns.put("plain dir", PlainDirectory.class);
        columns.put("default,bundle", DefaultPlusBundle.class);

        String expected = table(columns.keySet(), Map.of(
                ServerCase.GOOD_CHAIN, "TLS OK OK OK OK OK OK",
                ServerCase.EXPIRED_LEAF, "TLS OK TLS TLS TLS TLS TLS",
                ServerCase.WRONG_HOST, "TLS OK TLS TLS TLS TLS TLS",
                ServerCase.SELF_SIGNED, "TLS OK TLS TLS TLS TLS TLS",
                ServerCase.UNKNOWN_ROOT, "TLS OK TLS TLS TLS TLS TLS",
                // A hashed directory that holds the intermediate completes the chain, like OpenSSL's capath.
                ServerCase.MISSING_INTERMEDIATE, "TLS OK TLS TLS OK TLS TLS"));

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

    private static String table(Iterable<String> columns, Map<ServerCase, String> rows) {
        StringBuilder table = new StringBuilder(String.format("%-22s", ""));
        for (String column : columns) {
            table.append(String.format("%-16s", column));
        }
        table.append('\n');
        for (ServerCase serverCase : ServerCase.values()) {
            table.append(String.format("%-22s", serverCase));
            for (String cell : rows.get(serverCase).split(" ")) {
                table.append(String.format("%-16s", cell));
            }
            table.append('\n');
        }
        return table.toString();
    }

    @RegisterRestClient(configKey = "m-default")
    public interface DefaultTrust extends Hello {
    }

    @RegisterRestClient(configKey = "m-false")
    public interface NoVerify extends Hello {
    }

    @RegisterRestClient(configKey = "m-bundle")
    public interface BundleFile extends Hello {
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

    @RegisterRestClient(configKey = "m-extend")
    public interface DefaultPlusBundle extends Hello {
    }
}
