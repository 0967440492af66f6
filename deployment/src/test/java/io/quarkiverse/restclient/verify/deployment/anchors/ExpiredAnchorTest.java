package io.quarkiverse.restclient.verify.deployment.anchors;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import javax.security.auth.x500.X500Principal;

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
import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;
import io.quarkiverse.restclient.verify.testpki.PkiFiles;
import io.quarkiverse.restclient.verify.testpki.TlsTestServer;
import io.quarkus.test.QuarkusUnitTest;

/**
 * Expired and not-yet-valid CAs anchor nothing, as in OpenSSL and requests (the JDK alone never checks an anchor's
 * dates); a renewed CA under the same name in the same bundle still anchors; a CA that expires while the application
 * runs stops anchoring at its notAfter, without a reload.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class ExpiredAnchorTest {

    static final Instant NOW = Instant.now();
    static final Path DIR = Pki.tempDir("expired-anchor");
    static final X500Principal NAME = new X500Principal("CN=Rotated Root,O=Verify Tests");
    // Made once per JVM: Quarkus initialises this class in two class loaders, and both must trust the same CAs.
    static final CertificateAuthority EXPIRED = PkiFiles.sharedCa(DIR, "expired", () -> CertificateAuthority
            .rootNamed(NAME, NOW.minus(Duration.ofDays(800)), NOW.minus(Duration.ofDays(1))));
    static final CertificateAuthority RENEWED = PkiFiles.sharedCa(DIR, "renewed", () -> CertificateAuthority
            .rootNamed(NAME, NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofDays(3650))));
    static final CertificateAuthority FUTURE = PkiFiles.sharedCa(DIR, "future", () -> CertificateAuthority
            .root("Future Root", NOW.plus(Duration.ofDays(3)), NOW.plus(Duration.ofDays(3650))));
    // X.509 times have whole seconds: this root is valid for a few more seconds when the tests start.
    static final CertificateAuthority EXPIRING = PkiFiles.sharedCa(DIR, "expiring", () -> CertificateAuthority
            .root("Expiring Root", NOW.minus(Duration.ofHours(1)), NOW.truncatedTo(ChronoUnit.SECONDS).plusSeconds(20)));
    static final Instant SOON = EXPIRING.certificate().getNotAfter().toInstant();

    static final Path ROTATED = Pki.bundle(DIR.resolve("rotated.pem"), EXPIRED.certificate(), RENEWED.certificate());
    static final Path STALE = Pki.bundle(DIR.resolve("stale.pem"), EXPIRED.certificate());
    static final Path EARLY = Pki.bundle(DIR.resolve("early.pem"), FUTURE.certificate());
    static final Path SHORT_LIVED = Pki.bundle(DIR.resolve("short-lived.pem"), EXPIRING.certificate());
    static final Path STALE_DIRECTORY = Pki.hashedDirectory(DIR.resolve("stale-hashed"), EXPIRED.certificate());

    static final TlsTestServer UNDER_EXPIRED = server(EXPIRED, "under-expired.test");
    static final TlsTestServer UNDER_RENEWED = server(RENEWED, "under-renewed.test");
    static final TlsTestServer UNDER_FUTURE = server(FUTURE, "under-future.test");
    static final TlsTestServer UNDER_EXPIRING = server(EXPIRING, "under-expiring.test");

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Hello.class, Pki.class, Calls.class, Rotated.class,
                    Stale.class, Early.class, ShortLived.class, StaleDirectory.class))
            .overrideConfigKey("quarkus.rest-client.rotated.verify", ROTATED.toString())
            .overrideConfigKey("quarkus.rest-client.stale.verify", STALE.toString())
            .overrideConfigKey("quarkus.rest-client.early.verify", EARLY.toString())
            .overrideConfigKey("quarkus.rest-client.short-lived.verify", SHORT_LIVED.toString())
            .overrideConfigKey("quarkus.rest-client.stale-directory.verify", STALE_DIRECTORY.toString());

    @AfterAll
    static void stopServers() {
        TlsTestServer.closeAll(List.of(UNDER_EXPIRED, UNDER_RENEWED, UNDER_FUTURE, UNDER_EXPIRING));
    }

    @Test
    void anExpiredCaInABundleAnchorsNothingAndTheFailureSaysWhy() {
        SslVerificationException failure = failure(Calls.call(Stale.class, UNDER_EXPIRED.uri()));
        assertThat(failure.reason()).isEqualTo(Reason.EXPIRED);
        assertThat(failure.getMessage()).contains("'CN=Rotated Root,O=Verify Tests' in this client's trust")
                .contains("expired on " + EXPIRED.certificate().getNotAfter().toInstant());
    }

    @Test
    void anExpiredCaInAHashedDirectoryAnchorsNothing() {
        assertThat(failure(Calls.call(StaleDirectory.class, UNDER_EXPIRED.uri())).reason()).isEqualTo(Reason.EXPIRED);
    }

    @Test
    void theRenewedCaUnderTheSameNameStillAnchorsButTheExpiredOneDoesNot() {
        Calls.Outcome renewed = Calls.call(Rotated.class, UNDER_RENEWED.uri());
        assertThat(renewed.ok()).as(renewed.detail()).isTrue();
        assertThat(failure(Calls.call(Rotated.class, UNDER_EXPIRED.uri())).reason()).isEqualTo(Reason.EXPIRED);
    }

    @Test
    void aCaThatIsNotValidYetAnchorsNothing() {
        SslVerificationException failure = failure(Calls.call(Early.class, UNDER_FUTURE.uri()));
        assertThat(failure.reason()).isEqualTo(Reason.NOT_YET_VALID);
        assertThat(failure.getMessage()).contains("'CN=Future Root,O=Verify Tests' in this client's trust");
    }

    @Test
    @Order(1) // first, while the short-lived CA is still valid
    void aCaThatExpiresWhileTheApplicationRunsStopsAnchoringAtItsNotAfter() throws InterruptedException {
        Calls.Outcome before = Calls.call(ShortLived.class, UNDER_EXPIRING.uri());
        assertThat(before.ok()).as(before.detail()).isTrue();
        while (!Instant.now().isAfter(SOON.plusMillis(500))) {
            Thread.sleep(100);
        }
        assertThat(failure(Calls.call(ShortLived.class, UNDER_EXPIRING.uri())).reason()).isEqualTo(Reason.EXPIRED);
    }

    private static SslVerificationException failure(Calls.Outcome outcome) {
        assertThat(outcome.ok()).as("a CA outside its validity anchored the chain").isFalse();
        assertThat(outcome.failure()).as(outcome.detail()).isInstanceOf(SslVerificationException.class);
        return (SslVerificationException) outcome.failure();
    }

    private static TlsTestServer server(CertificateAuthority root, String name) {
        // The leaf is valid now whatever its CA's dates: only the anchor is out of date.
        return TlsTestServer.start(root.server(name, List.of("localhost"), List.of("127.0.0.1")));
    }

    @RegisterRestClient(configKey = "rotated")
    public interface Rotated extends Hello {
    }

    @RegisterRestClient(configKey = "stale")
    public interface Stale extends Hello {
    }

    @RegisterRestClient(configKey = "early")
    public interface Early extends Hello {
    }

    @RegisterRestClient(configKey = "short-lived")
    public interface ShortLived extends Hello {
    }

    @RegisterRestClient(configKey = "stale-directory")
    public interface StaleDirectory extends Hello {
    }
}
