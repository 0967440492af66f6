package io.quarkiverse.restclient.verify.demo;

import java.util.function.Supplier;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import io.quarkus.runtime.QuarkusApplication;

/** Calls the same HTTPS server with three clients and says what happened to each. */
public class DemoApplication implements QuarkusApplication {

    private static final Logger LOG = Logger.getLogger("demo");

    @ConfigProperty(name = "demo.url")
    String url;

    @Inject
    @RestClient
    InventoryWithBundle withBundle;

    @Inject
    @RestClient
    InventoryWithDefaultTrust withDefaultTrust;

    @Inject
    @RestClient
    InventoryWithoutVerification withoutVerification;

    @Override
    public int run(String... args) {
        LOG.infof("An HTTPS server runs on %s with a certificate from a freshly made private CA.", url);
        boolean bundle = call("quarkus.rest-client.with-bundle.verify=${demo.bundle}", withBundle::hello, true);
        boolean jdk = call("nothing configured (JDK default trust)", withDefaultTrust::hello, false);
        boolean insecure = call("quarkus.rest-client.without-verification.verify=false", withoutVerification::hello,
                true);
        boolean asExpected = bundle && jdk && insecure;
        LOG.info(asExpected ? "All three clients behaved as expected." : "A client did not behave as expected.");
        return asExpected ? 0 : 1;
    }

    private static boolean call(String setting, Supplier<String> client, boolean shouldSucceed) {
        LOG.infof("--- %s", setting);
        try {
            LOG.infof("    OK: the server answered '%s'", client.get());
            return shouldSucceed;
        } catch (RuntimeException e) {
            LOG.infof("    FAILED as %s", explain(e));
            return !shouldSucceed;
        }
    }

    private static String explain(Throwable failure) {
        // SslVerificationException's message is the explanation: what failed, the evidence and the fixes.
        return failure.getClass().getSimpleName() + ":\n" + failure.getMessage().indent(6).stripTrailing();
    }
}
