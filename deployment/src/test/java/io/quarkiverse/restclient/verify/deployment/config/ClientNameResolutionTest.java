package io.quarkiverse.restclient.verify.deployment.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import jakarta.inject.Inject;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.restclient.verify.deployment.Calls;
import io.quarkiverse.restclient.verify.deployment.Hello;
import io.quarkiverse.restclient.verify.deployment.LogLines;
import io.quarkiverse.restclient.verify.deployment.Pki;
import io.quarkiverse.restclient.verify.testpki.ServerCase;
import io.quarkiverse.restclient.verify.testpki.ServerScenarios;
import io.quarkus.test.QuarkusUnitTest;

/**
 * A client's verify is found by config key, simple interface name or quoted interface name, as the REST client
 * finds its own keys, and the global verify covers every client without one. Injected clients, real handshakes.
 */
class ClientNameResolutionTest {

    static final ServerScenarios PKI = ServerScenarios.shared("names");
    static final Path DIR = Pki.tempDir("names");
    static final Path CORP = Pki.bundle(DIR.resolve("corp.pem"), PKI.trustedRoot().certificate());
    static final Path OTHER = Pki.bundle(DIR.resolve("other.pem"), PKI.unknownRoot().certificate());
    static final String GOOD = PKI.server(ServerCase.GOOD_CHAIN).uri().toString();

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Hello.class, Pki.class, Calls.class, LogLines.class, ByConfigKey.class,
                    BySimpleName.class, ByQualifiedName.class, ByGlobal.class, OwnBeatsGlobal.class))
            .overrideConfigKey("quarkus.rest-client.by-key.url", GOOD)
            .overrideConfigKey("quarkus.rest-client.by-key.verify", CORP.toString())
            .overrideConfigKey("quarkus.rest-client.BySimpleName.url", GOOD)
            .overrideConfigKey("quarkus.rest-client.BySimpleName.verify", CORP.toString())
            .overrideConfigKey("quarkus.rest-client.\"" + ByQualifiedName.class.getName() + "\".url", GOOD)
            .overrideConfigKey("quarkus.rest-client.\"" + ByQualifiedName.class.getName() + "\".verify",
                    CORP.toString())
            .overrideConfigKey("quarkus.rest-client.by-global.url", GOOD)
            .overrideConfigKey("quarkus.rest-client.own.url", GOOD)
            .overrideConfigKey("quarkus.rest-client.own.verify", OTHER.toString())
            .overrideConfigKey("quarkus.rest-client.verify", CORP.toString())
            .setLogRecordPredicate(LogLines::ours)
            .assertLogRecords(records -> assertThat(records).map(LogLines::text)
                    // Each line names the key the user wrote, not the name the REST client rewrites it to.
                    .anyMatch(line -> line.endsWith("[quarkus.rest-client.by-key.verify]"))
                    .anyMatch(line -> line.endsWith("[quarkus.rest-client.BySimpleName.verify]"))
                    .anyMatch(line -> line.endsWith("[quarkus.rest-client.\"" + ByQualifiedName.class.getName()
                            + "\".verify]"))
                    .anyMatch(line -> line.startsWith("REST client 'by-global'")
                            && line.endsWith("[quarkus.rest-client.verify]")));

    @Inject
    @RestClient
    ByConfigKey byConfigKey;

    @Inject
    @RestClient
    BySimpleName bySimpleName;

    @Inject
    @RestClient
    ByQualifiedName byQualifiedName;

    @Inject
    @RestClient
    ByGlobal byGlobal;

    @Inject
    @RestClient
    OwnBeatsGlobal ownBeatsGlobal;

    @AfterAll
    static void stopServers() {
        PKI.close();
    }

    @Test
    void everyNameFormFindsTheClientsTrust() {
        assertThat(byConfigKey.hello()).isEqualTo("hello from CN=good.test,O=Verify Tests");
        assertThat(bySimpleName.hello()).isEqualTo("hello from CN=good.test,O=Verify Tests");
        assertThat(byQualifiedName.hello()).isEqualTo("hello from CN=good.test,O=Verify Tests");
    }

    @Test
    void theGlobalValueCoversClientsWithoutTheirOwn() {
        assertThat(byGlobal.hello()).isEqualTo("hello from CN=good.test,O=Verify Tests");
    }

    @Test
    void aClientsOwnValueBeatsTheGlobalOne() {
        // own.verify trusts only the unknown root, so the good chain must be rejected despite the global value.
        Calls.Outcome outcome = Calls.call(ownBeatsGlobal);
        assertThat(outcome.tlsFailure()).as(outcome.detail()).isTrue();
    }

    @RegisterRestClient(configKey = "by-key")
    public interface ByConfigKey extends Hello {
    }

    @RegisterRestClient
    public interface BySimpleName extends Hello {
    }

    @RegisterRestClient
    public interface ByQualifiedName extends Hello {
    }

    @RegisterRestClient(configKey = "by-global")
    public interface ByGlobal extends Hello {
    }

    @RegisterRestClient(configKey = "own")
    public interface OwnBeatsGlobal extends Hello {
    }
}
