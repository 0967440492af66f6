package io.quarkiverse.restclient.verify.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkiverse.restclient.verify.config.ClientKeys;
import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;
import io.quarkiverse.restclient.verify.testpki.Pem;
import io.quarkiverse.restclient.verify.trust.Reloadable;
import io.quarkiverse.restclient.verify.trust.anchors.TrustMaterial;
import io.quarkiverse.restclient.verify.trust.anchors.TrustSpec;

/**
 * The reload loop keeps rotating every client's files whatever one client's files do: an {@link Error} while one is
 * checked is reported and the others are still reloaded, and a round that never ends shows in the readiness data.
 */
class ReloadLoopSurvivesFailuresTest {

    @TempDir
    Path dir;

    @Test
    void anErrorWhileCheckingOneClientNeitherEscapesNorStopsTheOthers() throws Exception {
        AtomicBoolean broken = new AtomicBoolean();
        Reloadable<TrustMaterial> failing = Reloadable.load("/certs/broken.pem", () -> {
            if (broken.get()) {
                // What an out-of-memory read of a hostile file looked like to the loop.
                throw new OutOfMemoryError("Java heap space");
            }
            return "first";
        }, () -> material("First"));
        Path bundle = Pem.write(dir.resolve("ca.pem"), Pem.certificates(CertificateAuthority.root("Before").certificate()));
        TrustSpec spec = TrustSpec.path(bundle.toString());
        Reloadable<TrustMaterial> rotating = TrustMaterial.reloadable(spec, getClass().getClassLoader(), Map.of());
        TrustReloader reloader = new TrustReloader(List.of(client("broken", failing), client("rotating", rotating)),
                name -> null, name -> null, new ExpiryWatch(Duration.ofDays(30)));

        broken.set(true);
        Pem.write(bundle, Pem.certificates(CertificateAuthority.root("After").certificate()));

        assertThatCode(reloader::reloadAll).doesNotThrowAnyException();
        assertThat(rotating.generation().number()).isEqualTo(2);
        assertThat(rotating.current().anchors().get(0).getSubjectX500Principal().getName()).startsWith("CN=After");
    }

    @Test
    void aRoundThatNeverEndsIsReportedAsStalled() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger checks = new AtomicInteger();
        Reloadable<TrustMaterial> blocking = Reloadable.load("/certs/blocking.pem", () -> {
            if (checks.incrementAndGet() > 1) {
                entered.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return "same";
        }, () -> material("Blocking"));
        TrustReloader reloader = new TrustReloader(List.of(client("blocking", blocking)), name -> null,
                name -> null, new ExpiryWatch(Duration.ofDays(30)));
        assertThat(reloader.stalled(Instant.now().plus(Duration.ofDays(1)))).as("no loop started").isEmpty();

        Runnable stop = reloader.start(Duration.ofMillis(20));
        try {
            assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
            Instant later = Instant.now().plus(Duration.ofMinutes(2));
            Optional<String> stalled = reloader.stalled(later);
            assertThat(stalled).hasValueSatisfying(text -> assertThat(text)
                    .startsWith("no reload round has completed since ")
                    .contains("(quarkus.rest-client.verify-reload-period=0.02s)")
                    .contains("it has been checking /certs/blocking.pem since ")
                    .endsWith("Rotated files are no longer seen; find what blocks the thread"
                            + " rest-client-verify-reload (a thread dump shows it) and restart the application"));
            assertThat(reloader.stalled(Instant.now())).as("within three periods and the grace").isEmpty();
            release.countDown();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (reloader.stalled(Instant.now().plus(Duration.ofSeconds(30))).isPresent()
                    && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(reloader.stalled(Instant.now().plus(Duration.ofSeconds(30)))).as("rounds complete again")
                    .isEmpty();
        } finally {
            release.countDown();
            stop.run();
        }
    }

    private TrustMaterial material(String name) {
        try {
            Path file = Files.createTempFile(dir, name, ".pem");
            Pem.write(file, Pem.certificates(CertificateAuthority.root(name).certificate()));
            return TrustMaterial.load(TrustSpec.path(file.toString()), getClass().getClassLoader());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static ClientTrust client(String name, Reloadable<TrustMaterial> trust) {
        return new ClientTrust(name, "org.acme." + name, ClientKeys.named(name),
                new TrustOrigin.ClientProperty("quarkus.rest-client." + name + ".verify"), Optional.of(trust), Optional.empty(),
                Optional.empty(), false, Optional.empty(), false, Optional.empty());
    }
}
