package io.quarkiverse.restclient.verify.deployment.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.restclient.verify.deployment.Hello;
import io.quarkiverse.restclient.verify.deployment.LogLines;
import io.quarkus.test.QuarkusUnitTest;

/** The extension's keys are known to Quarkus: no "Unrecognized configuration key" warning, while typos still get one. */
class ConfigurationKeysTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Hello.class, Github.class, Unnamed.class))
            .overrideConfigKey("quarkus.rest-client.github.verify", "default")
            .overrideConfigKey("quarkus.rest-client.Unnamed.verify", "true")
            .overrideConfigKey("quarkus.rest-client.\"" + Unnamed.class.getName() + "\".verify", "true")
            .overrideConfigKey("quarkus.rest-client.verify", "default")
            .overrideConfigKey("quarkus.rest-client.verify-trust-env", "false")
            // A typo must still be reported, or this test could not fail.
            .overrideConfigKey("quarkus.rest-client.github.verifyy", "default")
            .setLogRecordPredicate(record -> record.getMessage() != null
                    && record.getMessage().contains("Unrecognized configuration key"))
            .assertLogRecords(records -> {
                List<String> keys = records.stream().map(LogLines::text)
                        .map(line -> line.substring(line.indexOf("key \"") + 5, line.indexOf("\" was provided")))
                        .collect(Collectors.toList());
                assertThat(keys).contains("quarkus.rest-client.github.verifyy");
                assertThat(keys).noneMatch(key -> key.endsWith(".verify") || key.endsWith("verify-trust-env"));
            });

    @Test
    void starts() {
        assertThat(APP).isNotNull();
    }

    @RegisterRestClient(configKey = "github")
    public interface Github extends Hello {
    }

    @RegisterRestClient
    public interface Unnamed extends Hello {
    }
}
