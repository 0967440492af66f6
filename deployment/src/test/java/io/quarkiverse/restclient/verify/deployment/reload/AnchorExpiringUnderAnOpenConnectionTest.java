package io.quarkiverse.restclient.verify.deployment.reload;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.restclient.verify.SslVerificationException;
import io.quarkiverse.restclient.verify.SslVerificationException.Reason;
import io.quarkiverse.restclient.verify.deployment.Calls;
import io.quarkiverse.restclient.verify.deployment.Hello;
import io.quarkiverse.restclient.verify.deployment.Pki;
import io.quarkiverse.restclient.verify.deployment.anchors.ExpiredAnchorTest;
import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;
import io.quarkiverse.restclient.verify.testpki.PkiFiles;
import io.quarkiverse.restclient.verify.testpki.TlsTestServer;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.quarkus.test.QuarkusUnitTest;

/**
 * A client's only CA expires while the client holds a keep-alive connection to a server under it. The CA stops
 * anchoring at its notAfter (see {@link ExpiredAnchorTest}); the pooled connection, trusted on that CA, must not
 * outlive it: the next call makes a new handshake, which fails as EXPIRED, and no request goes over the old
 * connection, for a CA in a bundle and for one in a hashed directory (looked up per handshake, not sent by the
 * server). The same holds when the server's own certificate expires under an open connection. No reload period
 * is set and no file changes: only the clock moves.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AnchorExpiringUnderAnOpenConnectionTest {

    static final Path DIR = Pki.tempDir("anchor-expiring-open");
    // X.509 times have whole seconds: the root is valid for a few more seconds when the test starts; 20 s leave room
    // for a Quarkus boot on a loaded machine (8 s did not at load average 15).
    static final CertificateAuthority EXPIRING = PkiFiles.sharedCa(DIR, "expiring",
            () -> CertificateAuthority.root("Expiring Root", Instant.now().minus(Duration.ofHours(1)),
                    Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(20)));
    static final Instant NOT_AFTER = EXPIRING.certificate().getNotAfter().toInstant();
    static final Path BUNDLE = Pki.bundle(DIR.resolve("expiring.pem"), EXPIRING.certificate());
    // The same for a hashed directory, whose CAs are looked up per handshake: the server does not send its root.
    static final CertificateAuthority EXPIRING_FILED = PkiFiles.sharedCa(DIR, "expiring-filed",
            () -> CertificateAuthority.root("Expiring Filed Root", Instant.now().minus(Duration.ofHours(1)),
                    Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(20)));
    static final Instant FILED_NOT_AFTER = EXPIRING_FILED.certificate().getNotAfter().toInstant();
    static final Path HASHED = Pki.hashedDirectory(DIR.resolve("hashed"), EXPIRING_FILED.certificate());
    static final CertificateAuthority STEADY = PkiFiles.sharedCa(DIR, "steady",
            () -> CertificateAuthority.root("Steady Root"));
    static final Path STEADY_BUNDLE = Pki.bundle(DIR.resolve("steady.pem"), STEADY.certificate());

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Hello.class, Pki.class, Calls.class, Pooled.class,
                    PooledToExpiringServer.class, PooledByDirectory.class))
            .overrideConfigKey("quarkus.rest-client.pooled.verify", BUNDLE.toString())
            .overrideConfigKey("quarkus.rest-client.pooled-by-directory.verify", HASHED.toString())
            .overrideConfigKey("quarkus.rest-client.pooled-to-expiring.verify", STEADY_BUNDLE.toString());

    static TlsTestServer server;
    static TlsTestServer filedServer;
    static TlsTestServer expiringServer;

    @AfterAll
    static void stopServers() {
        TlsTestServer.closeAll(Arrays.asList(server, filedServer, expiringServer));
    }

    @Test
    @Order(1) // first, while the short-lived CA is still valid
    void thePooledConnectionDoesNotOutliveTheCaItWasTrustedOn() throws InterruptedException {
        // The leaves are valid long after their CAs: only the anchors run out.
        server = TlsTestServer.builder(EXPIRING.server("under-expiring.test", List.of("localhost"),
                List.of("127.0.0.1"))).keepAlive().start();
        filedServer = TlsTestServer.builder(EXPIRING_FILED.server("under-filed.test", List.of("localhost"),
                List.of("127.0.0.1"))).keepAlive().start();
        Hello client = QuarkusRestClientBuilder.newBuilder().baseUri(server.uri()).build(Pooled.class);
        Hello byDirectory = QuarkusRestClientBuilder.newBuilder().baseUri(filedServer.uri())
                .build(PooledByDirectory.class);
        for (int i = 0; i < 2; i++) {
            for (Hello hello : List.of(client, byDirectory)) {
                Calls.Outcome outcome = Calls.call(hello);
                assertThat(outcome.ok()).as(outcome.detail()).isTrue();
            }
        }
        assertThat(server.handshakes()).as("premise: the client keeps its connection alive").isEqualTo(1);
        assertThat(filedServer.handshakes()).as("premise: the client keeps its connection alive").isEqualTo(1);
        assertThat(Instant.now()).as("premise: the calls were made while the CAs were valid").isBefore(NOT_AFTER)
                .isBefore(FILED_NOT_AFTER);

        awaitPast(NOT_AFTER.isAfter(FILED_NOT_AFTER) ? NOT_AFTER : FILED_NOT_AFTER);
        expired(Calls.call(client), "a request went over a connection trusted on an expired CA");
        assertThat(server.requests()).as("no request went over the old connection").isEqualTo(2);
        expired(Calls.call(byDirectory), "a request went over a connection trusted on an expired CA of a directory");
        assertThat(filedServer.requests()).as("no request went over the old connection").isEqualTo(2);
    }

    private static void expired(Calls.Outcome outcome, String what) {
        assertThat(outcome.ok()).as(what).isFalse();
        assertThat(outcome.failure()).as(outcome.detail()).isInstanceOf(SslVerificationException.class);
        assertThat(((SslVerificationException) outcome.failure()).reason()).isEqualTo(Reason.EXPIRED);
    }

    @Test
    @Order(2)
    void thePooledConnectionDoesNotOutliveTheServersCertificate() throws InterruptedException {
        Instant notAfter = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(6);
        expiringServer = TlsTestServer.builder(STEADY.server("expiring.test", List.of("localhost"),
                List.of("127.0.0.1"), Instant.now().minus(Duration.ofHours(1)), notAfter)).keepAlive().start();
        Hello client = QuarkusRestClientBuilder.newBuilder().baseUri(expiringServer.uri())
                .build(PooledToExpiringServer.class);
        for (int i = 0; i < 2; i++) {
            Calls.Outcome outcome = Calls.call(client);
            assertThat(outcome.ok()).as(outcome.detail()).isTrue();
        }
        assertThat(expiringServer.handshakes()).as("premise: the client keeps its connection alive").isEqualTo(1);

        awaitPast(notAfter);
        Calls.Outcome outcome = Calls.call(client);
        assertThat(outcome.ok()).as("a request went over a connection to a server whose certificate expired").isFalse();
        assertThat(outcome.failure()).as(outcome.detail()).isInstanceOf(SslVerificationException.class);
        assertThat(((SslVerificationException) outcome.failure()).reason()).isEqualTo(Reason.EXPIRED);
        assertThat(expiringServer.requests()).as("no request went over the old connection").isEqualTo(2);
    }

    private static void awaitPast(Instant notAfter) throws InterruptedException {
        while (!Instant.now().isAfter(notAfter.plusMillis(1500))) {
            Thread.sleep(100);
        }
    }

    @RegisterRestClient(configKey = "pooled-by-directory")
    public interface PooledByDirectory extends Hello {
    }

    @RegisterRestClient(configKey = "pooled-to-expiring")
    public interface PooledToExpiringServer extends Hello {
    }

    @RegisterRestClient(configKey = "pooled")
    public interface Pooled extends Hello {
    }
}
