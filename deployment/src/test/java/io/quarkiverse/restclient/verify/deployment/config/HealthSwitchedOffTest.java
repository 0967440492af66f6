package io.quarkiverse.restclient.verify.deployment.config;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.enterprise.inject.Any;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.restclient.verify.deployment.Hello;
import io.quarkiverse.restclient.verify.runtime.health.RestClientVerifyHealthCheck;
import io.quarkus.arc.Arc;
import io.quarkus.test.QuarkusUnitTest;

/**
 * {@code quarkus.rest-client.verify-health.enabled=false} leaves the readiness check out of the application, although
 * SmallRye Health is there, and the key is known (no "unrecognized configuration key" warning).
 */
class HealthSwitchedOffTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Hello.class, Inventory.class))
            .overrideConfigKey("quarkus.rest-client.verify-health.enabled", "false")
            .overrideConfigKey("quarkus.rest-client.inventory.url", "https://127.0.0.1:1")
            .setLogRecordPredicate(record -> true)
            .assertLogRecords(records -> assertThat(records).noneMatch(
                    record -> String.valueOf(record.getMessage()).contains("verify-health")));

    @Test
    void noReadinessCheckBeanExists() {
        // Any qualifier: the check is a @Readiness bean.
        assertThat(Arc.container().beanManager().getBeans(RestClientVerifyHealthCheck.class, Any.Literal.INSTANCE))
                .as("the readiness check beans").isEmpty();
    }

    @RegisterRestClient(configKey = "inventory")
    public interface Inventory extends Hello {
    }
}
