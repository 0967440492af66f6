package io.quarkiverse.restclient.verify.deployment.config;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.restclient.verify.deployment.Hello;
import io.quarkiverse.restclient.verify.runtime.VerifyRuntime;
import io.quarkiverse.restclient.verify.runtime.health.RestClientVerifyHealthCheck;
import io.quarkus.arc.Arc;
import io.quarkus.arc.InjectableBean;
import io.quarkus.test.QuarkusUnitTest;

/**
 * The running extension is one {@code @Singleton} bean, the one the start-up resolved the clients into: an
 * application bean and the readiness check receive it by injection and see the clients.
 */
class RuntimeIsOneBeanTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Hello.class, Inventory.class))
            .overrideConfigKey("quarkus.rest-client.inventory.url", "https://127.0.0.1:1");

    @Inject
    VerifyRuntime running;

    @Inject
    @Readiness
    RestClientVerifyHealthCheck health;

    @Test
    void theRuntimeIsInjectedAndHoldsTheClients() {
        assertThat(running.clients().all()).extracting(client -> client.clientName()).containsExactly("inventory");
        InjectableBean<VerifyRuntime> bean = Arc.container().instance(VerifyRuntime.class).getBean();
        assertThat(bean.getScope()).isEqualTo(Singleton.class);
        assertThat(Arc.container().instance(VerifyRuntime.class).get()).isSameAs(running);
    }

    @Test
    void theReadinessCheckSeesTheClientsThroughTheBean() {
        HealthCheckResponse response = health.call();
        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(response.getData()).hasValueSatisfying(data -> assertThat(data).containsKey("inventory"));
    }

    @RegisterRestClient(configKey = "inventory")
    public interface Inventory extends Hello {
    }
}
