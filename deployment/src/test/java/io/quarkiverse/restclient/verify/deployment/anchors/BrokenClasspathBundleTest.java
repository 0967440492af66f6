package io.quarkiverse.restclient.verify.deployment.anchors;

import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.restclient.verify.deployment.Failures;
import io.quarkiverse.restclient.verify.deployment.Hello;
import io.quarkus.test.QuarkusUnitTest;

/** A classpath bundle that holds no certificate fails the build, naming the property, not the first start. */
class BrokenClasspathBundleTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Hello.class, Failures.class, Client.class)
                    .addAsResource(new StringAsset("this is not a certificate\n"), "certs/garbage.pem"))
            .overrideConfigKey("quarkus.rest-client.shipped.verify", "default,classpath:certs/garbage.pem")
            .assertException(thrown -> assertThat(Failures.configurationError(thrown).getMessage())
                    .startsWith("REST client 'shipped': quarkus.rest-client.shipped.verify="
                            + "default,classpath:certs/garbage.pem is not usable (checked at build time): ")
                    .contains("classpath:certs/garbage.pem")
                    .contains("no certificate found"));

    @Test
    void buildFails() {
        // The build failure is asserted by assertException above; this method is never reached.
        throw new AssertionError("the application must not be built");
    }

    @RegisterRestClient(configKey = "shipped")
    public interface Client extends Hello {
    }
}
