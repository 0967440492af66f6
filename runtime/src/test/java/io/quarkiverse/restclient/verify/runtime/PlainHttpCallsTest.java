package io.quarkiverse.restclient.verify.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.quarkiverse.restclient.verify.config.ClientKeys;

/**
 * A call to a plain {@code http://} URL given in code, by a client with TLS settings: told once under
 * {@code verify-insecure=warn}; refused under {@code deny} when the client has pins, naming the URL and the fix.
 */
class PlainHttpCallsTest {

    static final URI PLAIN = URI.create("http://user:secret@inventory.example:8080/items?token=abc");

    @Test
    void aPlainCallIsToldOncePerClient() {
        PlainHttpCalls calls = new PlainHttpCalls(InsecurePolicy.WARN);
        try (CapturedLog log = new CapturedLog()) {
            calls.checkCall(client(List.of("quarkus.rest-client.inventory.verify")), PLAIN);
            calls.checkCall(client(List.of("quarkus.rest-client.inventory.verify")), PLAIN);
            calls.checkCall(client(List.of("quarkus.rest-client.inventory.verify")),
                    URI.create("https://inventory.example/items"));
            assertThat(log.count("REST client 'inventory' calls http://inventory.example:8080 in plain text (the URL"
                    + " given in code), so its TLS settings protect nothing: quarkus.rest-client.inventory.verify."))
                    .isEqualTo(1);
            assertThat(log.count("secret")).isZero();
            assertThat(log.count("token")).isZero();
        }
    }

    @Test
    void aClientWithoutTlsSettingsIsLeftAlone() {
        PlainHttpCalls calls = new PlainHttpCalls(InsecurePolicy.DENY);
        try (CapturedLog log = new CapturedLog()) {
            calls.checkCall(client(List.of()), PLAIN);
            assertThat(log.count("plain text")).isZero();
        }
    }

    @Test
    void denyRefusesAPlainCallOfAClientWithPins() {
        PlainHttpCalls calls = new PlainHttpCalls(InsecurePolicy.DENY);
        assertThatThrownBy(() -> calls.checkCall(client(List.of("quarkus.rest-client.inventory.verify",
                "quarkus.rest-client.inventory.verify-pins")), PLAIN))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("REST client 'inventory' calls http://inventory.example:8080 in plain text (the URL given"
                        + " in code), and quarkus.rest-client.verify-insecure=deny forbids that for a client with"
                        + " quarkus.rest-client.inventory.verify-pins: nothing on such a call is encrypted or verified."
                        + " Fix: give the client an https:// URL in the code");
    }

    private static ClientTrust client(List<String> tls) {
        return new ClientTrust("inventory", "org.acme.Inventory", ClientKeys.named("inventory"),
                new TrustOrigin.ClientProperty("quarkus.rest-client.inventory.verify"), Optional.empty(),
                Optional.empty(), Optional.empty(), false, Optional.empty(), false, Optional.empty())
                .withWritten(new WrittenKeys(tls, Optional.empty()));
    }
}
