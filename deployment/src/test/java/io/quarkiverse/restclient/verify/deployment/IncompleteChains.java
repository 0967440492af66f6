package io.quarkiverse.restclient.verify.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;

import io.quarkiverse.restclient.verify.SslVerificationException;
import io.quarkiverse.restclient.verify.SslVerificationException.Reason;
import io.quarkiverse.restclient.verify.testpki.IncompleteChainScenarios;
import io.quarkiverse.restclient.verify.testpki.IncompleteChainScenarios.Case;
import io.quarkus.test.QuarkusUnitTest;

/** An application whose client 'partner' fetches missing intermediates and calls a server that sends only its leaf. */
public final class IncompleteChains {

    public static final String FETCH_KEY = "quarkus.rest-client.partner.verify-fetch-intermediates";

    private IncompleteChains() {
    }

    /** The client 'partner' trusts only the root of the scenarios, fetches intermediates, and calls this case. */
    public static QuarkusUnitTest app(IncompleteChainScenarios pki, Case serverCase) {
        return app(pki).overrideConfigKey("quarkus.rest-client.partner.url", pki.server(serverCase).uri().toString());
    }

    /** The client 'partner' trusts only the root of the scenarios and fetches intermediates; code sets its URL. */
    public static QuarkusUnitTest app(IncompleteChainScenarios pki) {
        Path root = Pki.bundle(
                Pki.tempDir("incomplete-" + pki.root().certificate().getSerialNumber().toString(16)).resolve("root.pem"),
                pki.root().certificate());
        return new QuarkusUnitTest()
                // The responders and caIssuers servers of the tests listen on 127.0.0.1, which look-ups refuse by default.
                .overrideConfigKey("quarkus.rest-client.verify-lookup-allow", "127.0.0.1")
                .withApplicationRoot(jar -> jar.addClasses(Hello.class, Pki.class, PartnerClient.class,
                        IncompleteChains.class, LogLines.class))
                .overrideConfigKey("quarkus.rest-client.partner.verify", root.toString())
                .overrideConfigKey(FETCH_KEY, "true");
    }

    /** The explained failure of a call that must fail in the handshake as an incomplete chain. */
    public static SslVerificationException incompleteChain(PartnerClient partner) {
        SslVerificationException e = catchThrowableOfType(partner::hello, SslVerificationException.class);
        assertThat(e).as("the call must fail with an explained TLS failure").isNotNull();
        assertThat(e.reason()).as(e.getMessage()).isEqualTo(Reason.INCOMPLETE_CHAIN);
        return e;
    }

    /** The sentence of the explanation that says what fetching tried, up to the given outcome. */
    public static String tried(String url, String outcome) {
        return "This client tried to fetch the missing issuer (" + FETCH_KEY + "=true), which did not help: " + url
                + ": " + outcome;
    }
}
