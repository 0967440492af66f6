package io.quarkiverse.restclient.verify.deployment.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.restclient.verify.SslVerificationException;
import io.quarkiverse.restclient.verify.deployment.Calls;
import io.quarkiverse.restclient.verify.deployment.Hello;
import io.quarkiverse.restclient.verify.deployment.Pki;
import io.quarkiverse.restclient.verify.testpki.CaIssuersServer;
import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;
import io.quarkiverse.restclient.verify.testpki.IncompleteChainScenarios;
import io.quarkiverse.restclient.verify.testpki.IssuedCertificate;
import io.quarkiverse.restclient.verify.testpki.ServerScenarios;
import io.quarkiverse.restclient.verify.testpki.SlowHttpServer;
import io.quarkiverse.restclient.verify.testpki.TlsTestServer;
import io.quarkus.test.QuarkusUnitTest;

/**
 * Look-ups a hostile server chooses, with loopback allowed so that they reach the test servers: a trickling OCSP
 * responder and silent caIssuers URLs hold a call no longer than the handshake budget (3 s) plus a second, and a decoy
 * answered once on a caIssuers URL does not break the repair of that server for any client afterwards.
 */
class LookupDeadlinesAndCacheTest {

    static final ServerScenarios REVOCATION = ServerScenarios.shared("lookup-deadlines");
    static final IncompleteChainScenarios FETCH = IncompleteChainScenarios.shared("lookup-deadlines");
    static final Path DIR = Pki.tempDir("lookup-deadlines");
    static final Path REVOCATION_ROOT = Pki.bundle(DIR.resolve("revocation-root.pem"),
            REVOCATION.trustedRoot().certificate());
    static final Path FETCH_ROOT = Pki.bundle(DIR.resolve("fetch-root.pem"), FETCH.root().certificate());
    /** The handshake budget for all look-ups (3 s) and a second for everything else. */
    static final Duration BOUND = Duration.ofSeconds(4);

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Hello.class, Pki.class, Calls.class, Soft.class, Hard.class,
                    Fetching.class, First.class, Second.class))
            .overrideConfigKey("quarkus.rest-client.verify-lookup-allow", "127.0.0.1")
            .overrideConfigKey("quarkus.rest-client.soft.verify", REVOCATION_ROOT.toString())
            .overrideConfigKey("quarkus.rest-client.soft.verify-revocation", "soft-fail")
            .overrideConfigKey("quarkus.rest-client.hard.verify", REVOCATION_ROOT.toString())
            .overrideConfigKey("quarkus.rest-client.hard.verify-revocation", "hard-fail")
            .overrideConfigKey("quarkus.rest-client.fetching.verify", FETCH_ROOT.toString())
            .overrideConfigKey("quarkus.rest-client.fetching.verify-fetch-intermediates", "true")
            .overrideConfigKey("quarkus.rest-client.first.verify", FETCH_ROOT.toString())
            .overrideConfigKey("quarkus.rest-client.first.verify-fetch-intermediates", "true")
            .overrideConfigKey("quarkus.rest-client.second.verify", FETCH_ROOT.toString())
            .overrideConfigKey("quarkus.rest-client.second.verify-fetch-intermediates", "true");

    @Test
    void aTricklingResponderHoldsNoCallLongerThanTheBudget() {
        try (SlowHttpServer responder = SlowHttpServer.trickling(1500)) {
            IssuedCertificate leaf = REVOCATION.trustedIntermediate().withOcspResponder(URI.create(responder.url("/ocsp")))
                    .server("trickle.test", List.of("localhost"), List.of("127.0.0.1"));
            IssuedCertificate quiet = REVOCATION.trustedIntermediate().server("warm.test", List.of("localhost"),
                    List.of("127.0.0.1"));
            try (TlsTestServer server = TlsTestServer.start(leaf); TlsTestServer warm = TlsTestServer.start(quiet)) {
                // The first call of a client also builds it; on a loaded machine that alone can take a second.
                Calls.call(Soft.class, warm.uri());
                Calls.call(Hard.class, warm.uri());
                long start = System.nanoTime();
                Calls.Outcome soft = Calls.call(Soft.class, server.uri());
                Duration softTook = Duration.ofNanos(System.nanoTime() - start);
                assertThat(soft.ok()).as(soft.detail()).isTrue();
                assertThat(softTook).as("soft-fail call").isLessThan(BOUND);

                start = System.nanoTime();
                Calls.Outcome hard = Calls.call(Hard.class, server.uri());
                Duration hardTook = Duration.ofNanos(System.nanoTime() - start);
                assertThat(hard.failure()).isInstanceOf(SslVerificationException.class);
                assertThat(((SslVerificationException) hard.failure()).reason())
                        .isEqualTo(SslVerificationException.Reason.REVOCATION_UNKNOWN);
                assertThat(hardTook).as("hard-fail call").isLessThan(BOUND);
            }
        }
    }

    @Test
    void silentIssuerUrlsHoldNoCallLongerThanTheBudget() {
        try (SlowHttpServer silent = SlowHttpServer.silent()) {
            IssuedCertificate leaf = FETCH.intermediate().server("silent.test", List.of("localhost"),
                    List.of("127.0.0.1"), List.of(silent.url("/a.cer"), silent.url("/b.cer"), silent.url("/c.cer"),
                            silent.url("/d.cer")))
                    .withoutIntermediates();
            try (TlsTestServer server = TlsTestServer.start(leaf)) {
                long start = System.nanoTime();
                Calls.Outcome outcome = Calls.call(Fetching.class, server.uri());
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                assertThat(outcome.failure()).isInstanceOf(SslVerificationException.class);
                assertThat(((SslVerificationException) outcome.failure()).reason())
                        .isEqualTo(SslVerificationException.Reason.INCOMPLETE_CHAIN);
                assertThat(took).as("call with silent caIssuers URLs").isLessThan(BOUND);
            }
        }
    }

    @Test
    void aDecoyAnsweredOnceDoesNotPoisonTheRepair() {
        CertificateAuthority decoyRoot = CertificateAuthority.root("Decoy Root CA");
        try (CaIssuersServer issuers = CaIssuersServer.start()) {
            issuers.certificateOnceThen("/poisoned.cer", decoyRoot.crossSign(FETCH.intermediate()),
                    FETCH.intermediate().certificate());
            IssuedCertificate leaf = FETCH.intermediate().server("poisoned.test", List.of("localhost"),
                    List.of("127.0.0.1"), List.of(issuers.url("/poisoned.cer"))).withoutIntermediates();
            try (TlsTestServer server = TlsTestServer.start(leaf)) {
                Calls.Outcome decoyed = Calls.call(First.class, server.uri());
                assertThat(decoyed.ok()).as("the call that got the decoy").isFalse();

                Calls.Outcome first = Calls.call(First.class, server.uri());
                Calls.Outcome second = Calls.call(Second.class, server.uri());
                assertThat(first.ok()).as(first.detail()).isTrue();
                assertThat(second.ok()).as(second.detail()).isTrue();
                assertThat(issuers.fetches("/poisoned.cer")).isEqualTo(2);
            }
        }
    }

    @RegisterRestClient(configKey = "soft")
    public interface Soft extends Hello {
    }

    @RegisterRestClient(configKey = "hard")
    public interface Hard extends Hello {
    }

    @RegisterRestClient(configKey = "fetching")
    public interface Fetching extends Hello {
    }

    @RegisterRestClient(configKey = "first")
    public interface First extends Hello {
    }

    @RegisterRestClient(configKey = "second")
    public interface Second extends Hello {
    }
}
