package io.quarkiverse.restclient.verify.runtime.restclient;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.quarkiverse.restclient.verify.config.ClientKeys;
import io.quarkiverse.restclient.verify.runtime.CapturedLog;
import io.quarkiverse.restclient.verify.runtime.ClientTrust;
import io.quarkiverse.restclient.verify.runtime.InsecurePolicy;
import io.quarkiverse.restclient.verify.runtime.TrustOrigin;
import io.quarkiverse.restclient.verify.trust.Reloadable;
import io.quarkiverse.restclient.verify.trust.anchors.TrustMaterial;
import io.vertx.core.http.HttpClientOptions;

/**
 * Thousands of clients built with a customizer that turns verification off, as an application building clients per
 * tenant could: the clients remembered as warned about stay at their bound, the least recently built dropped first, so
 * the client built on every call is warned about once.
 */
class TrustKeepingOptionsResolverStateBoundTest {

    @Test
    void thousandsOfClientsKeepTheBound() {
        TrustKeepingOptionsResolver inUse = resolver("bound-in-use");
        TrustKeepingOptionsResolver oldest = resolver("bound-oldest");

        try (CapturedLog log = new CapturedLog()) {
            customize(oldest);
            customize(inUse);
            int count = TrustKeepingOptionsResolver.MAX_WARNED * 10;
            for (int i = 0; i < count; i++) {
                assertThat(customize(resolver("bound-" + i)).isTrustAll()).isFalse();
                // The client in use is built again for each call.
                customize(inUse);
            }
            assertThat(log.count("REST client 'bound-in-use'")).as("warnings about the client in use").isEqualTo(1);
            assertThat(TrustKeepingOptionsResolver.warnedCount()).as("clients remembered as warned about")
                    .isEqualTo(TrustKeepingOptionsResolver.MAX_WARNED);

            customize(oldest);
            assertThat(log.count("REST client 'bound-oldest'")).as("the oldest was dropped: warned about again")
                    .isEqualTo(2);
        }
    }

    private static HttpClientOptions customize(TrustKeepingOptionsResolver resolver) {
        HttpClientOptions options = new HttpClientOptions().setTrustAll(true);
        resolver.lastCustomizer().accept(options);
        return options;
    }

    private static TrustKeepingOptionsResolver resolver(String name) {
        ClientTrust trust = new ClientTrust(name, "org.acme." + name, ClientKeys.named(name),
                new TrustOrigin.ClientProperty("quarkus.rest-client." + name + ".verify"),
                Optional.<Reloadable<TrustMaterial>> empty(),
                Optional.empty(), Optional.empty(), false, Optional.empty(), false, Optional.empty());
        return new TrustKeepingOptionsResolver(trust, true, InsecurePolicy.WARN, null, null);
    }
}
