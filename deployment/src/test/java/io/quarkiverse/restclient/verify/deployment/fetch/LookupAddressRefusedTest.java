package io.quarkiverse.restclient.verify.deployment.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.restclient.verify.SslVerificationException;
import io.quarkiverse.restclient.verify.deployment.Calls;
import io.quarkiverse.restclient.verify.deployment.Hello;
import io.quarkiverse.restclient.verify.deployment.Pki;
import io.quarkiverse.restclient.verify.testpki.CaIssuersServer;
import io.quarkiverse.restclient.verify.testpki.IncompleteChainScenarios;
import io.quarkiverse.restclient.verify.testpki.IssuedCertificate;
import io.quarkiverse.restclient.verify.testpki.OcspResponder;
import io.quarkiverse.restclient.verify.testpki.TlsTestServer;
import io.quarkus.test.QuarkusUnitTest;

/**
 * Without quarkus.rest-client.verify-lookup-allow, URLs a server's certificate names never reach this host: a caIssuers
 * URL and an OCSP responder on 127.0.0.1 get no request, and the failure says why and which property allows them.
 * A URL with CR LF in it is shown escaped, also by a client that does not fetch.
 */
class LookupAddressRefusedTest {

    static final IncompleteChainScenarios PKI = IncompleteChainScenarios.shared("lookup-refused");
    static final Path ROOT = Pki.bundle(Pki.tempDir("lookup-refused").resolve("root.pem"), PKI.root().certificate());

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Hello.class, Pki.class, Calls.class, Fetching.class,
                    Plain.class, Hard.class))
            .overrideConfigKey("quarkus.rest-client.verify", ROOT.toString())
            .overrideConfigKey("quarkus.rest-client.fetching.verify-fetch-intermediates", "true")
            .overrideConfigKey("quarkus.rest-client.hard.verify-revocation", "hard-fail");

    @Test
    void aLoopbackIssuerUrlIsNotFetched() {
        try (CaIssuersServer issuers = CaIssuersServer.start()) {
            issuers.certificate("/inside.cer", PKI.intermediate().certificate());
            IssuedCertificate leaf = PKI.intermediate().server("inside.test", List.of("localhost"),
                    List.of("127.0.0.1"), List.of(issuers.url("/inside.cer"))).withoutIntermediates();
            try (TlsTestServer server = TlsTestServer.start(leaf)) {
                Calls.Outcome outcome = Calls.call(Fetching.class, server.uri());

                assertThat(issuers.fetches("/inside.cer")).as("requests to the loopback URL").isZero();
                assertThat(outcome.failure()).isInstanceOf(SslVerificationException.class);
                assertThat(((SslVerificationException) outcome.failure()).reason())
                        .isEqualTo(SslVerificationException.Reason.INCOMPLETE_CHAIN);
                assertThat(outcome.failure().getMessage()).contains(issuers.url("/inside.cer")
                        + ": not fetched: 127.0.0.1 is a loopback address; allow it with"
                        + " quarkus.rest-client.verify-lookup-allow");
            }
        }
    }

    @Test
    void aLoopbackResponderIsNotAsked() {
        OcspResponder responder = OcspResponder.start(PKI.intermediate());
        try (responder) {
            IssuedCertificate leaf = PKI.intermediate().withOcspResponder(responder.uri())
                    .server("inside-ocsp.test", List.of("localhost"), List.of("127.0.0.1"));
            try (TlsTestServer server = TlsTestServer.start(leaf)) {
                Calls.Outcome outcome = Calls.call(Hard.class, server.uri());

                assertThat(responder.requests()).as("requests to the loopback responder").isZero();
                assertThat(outcome.failure()).isInstanceOf(SslVerificationException.class);
                assertThat(((SslVerificationException) outcome.failure()).reason())
                        .isEqualTo(SslVerificationException.Reason.REVOCATION_UNKNOWN);
                assertThat(outcome.failure().getMessage()).contains("not asked: 127.0.0.1 is a loopback address;"
                        + " allow it with quarkus.rest-client.verify-lookup-allow");
            }
        }
    }

    @Test
    void aUrlWithALineBreakIsShownEscaped() {
        IssuedCertificate leaf = PKI.intermediate().server("crlf.test", List.of("localhost"), List.of("127.0.0.1"),
                List.of("http://ca.example/x.cer\r\nINFO forged line")).withoutIntermediates();
        try (TlsTestServer server = TlsTestServer.start(leaf)) {
            Calls.Outcome plain = Calls.call(Plain.class, server.uri());
            Calls.Outcome fetching = Calls.call(Fetching.class, server.uri());

            for (Calls.Outcome outcome : List.of(plain, fetching)) {
                assertThat(outcome.failure()).isInstanceOf(SslVerificationException.class);
                assertThat(outcome.failure().getMessage()).contains("http://ca.example/x.cer\\r\\nINFO forged line")
                        .doesNotContain("\r").doesNotContain("\nINFO forged line");
            }
        }
    }

    @RegisterRestClient(configKey = "fetching")
    public interface Fetching extends Hello {
    }

    @RegisterRestClient(configKey = "plain")
    public interface Plain extends Hello {
    }

    @RegisterRestClient(configKey = "hard")
    public interface Hard extends Hello {
    }
}
