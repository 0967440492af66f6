package io.quarkiverse.restclient.verify.deployment.anchors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.restclient.verify.deployment.Hello;
import io.quarkus.builder.Version;
import io.quarkus.maven.dependency.Dependency;
import io.quarkus.test.QuarkusProdModeTest;

/**
 * A built application whose bundle is missing stops with the extension's message as the first line about the
 * failure, printed once, with no stack trace above it: what a user of {@code java -jar} sees.
 */
class MissingBundleFirstLineTest {

    static final String MESSAGE = "REST client 'corp': quarkus.rest-client.corp.verify=/nonexistent/corp.pem is not"
            + " usable: /nonexistent/corp.pem does not exist";

    @RegisterExtension
    static final QuarkusProdModeTest APP = new QuarkusProdModeTest()
            .withApplicationRoot(jar -> jar.addClasses(Hello.class, Client.class))
            .setApplicationName("missing-bundle-first-line")
            .setApplicationVersion("0.1")
            .overrideConfigKey("quarkus.rest-client.corp.verify", "/nonexistent/corp.pem")
            .overrideConfigKey("quarkus.banner.enabled", "false")
            // The test class path has the health extension's deployment side; its run-time side needs Vert.x HTTP.
            .setForcedDependencies(List.of(Dependency.of("io.quarkus", "quarkus-vertx-http", Version.getVersion())))
            .setRun(true)
            .setExpectExit(true);

    @Test
    void theMessageIsTheFirstLineAboutTheFailureAndComesOnce() {
        String output = APP.getStartupConsoleOutput();
        List<String> lines = output.lines().filter(line -> !line.isBlank()).toList();
        assertThat(APP.getExitCode()).as(output).isNotZero();
        assertThat(lines).as(output).filteredOn(line -> line.contains("corp.pem")).hasSize(1);
        // Every line before the message is an ordinary log line of the start, not an error or a stack frame.
        List<String> before = lines.subList(0, lines.indexOf(lines.stream().filter(line -> line.contains("corp.pem"))
                .findFirst().orElseThrow()));
        assertThat(before).as(output).noneMatch(line -> line.contains("ERROR") || line.contains("Exception")
                || line.startsWith("\tat ") || line.startsWith("Caused by"));
        assertThat(lines).as(output).filteredOn(line -> line.contains("corp.pem")).first(
                org.assertj.core.api.InstanceOfAssertFactories.STRING).startsWith(MESSAGE);
        assertThat(output).as(output).doesNotContain("Failed to start application").doesNotContain("\tat ");
    }

    @RegisterRestClient(configKey = "corp")
    public interface Client extends Hello {
    }
}
