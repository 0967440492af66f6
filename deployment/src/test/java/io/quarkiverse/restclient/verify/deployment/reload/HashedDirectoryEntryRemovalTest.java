package io.quarkiverse.restclient.verify.deployment.reload;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.restclient.verify.SslVerificationException;
import io.quarkiverse.restclient.verify.deployment.Calls;
import io.quarkiverse.restclient.verify.deployment.Hello;
import io.quarkiverse.restclient.verify.deployment.Pki;
import io.quarkiverse.restclient.verify.deployment.ReloadEvents;
import io.quarkiverse.restclient.verify.testpki.ServerCase;
import io.quarkiverse.restclient.verify.testpki.ServerScenarios;
import io.quarkiverse.restclient.verify.testpki.TlsTestServer;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.quarkus.test.QuarkusUnitTest;

/**
 * A client trusts an OpenSSL hashed CA directory and keeps a pooled keep-alive connection and a resumable TLS session
 * to servers of one CA. Deleting another CA's file changes nothing for them (no new handshake); deleting their CA's
 * file is noticed by the reloader and reaches both: the next calls fail with UNKNOWN_ISSUER.
 */
class HashedDirectoryEntryRemovalTest {

    static final ServerScenarios PKI = ServerScenarios.shared("hashed-removal");
    static final Path DIR = directory(Pki.tempDir("hashed-removal").resolve("certs"));

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Hello.class, Pki.class, Calls.class, ReloadEvents.class,
                    Directory.class))
            .overrideConfigKey("quarkus.rest-client.directory.verify", DIR.toString())
            .overrideConfigKey("quarkus.rest-client.verify-reload-period", "100ms");

    @AfterAll
    static void stopServers() {
        PKI.close();
    }

    @Test
    void deletingTheCaFileReachesOpenConnectionsAndSessions() {
        try (TlsTestServer pooledServer = TlsTestServer.builder(PKI.certificate(ServerCase.GOOD_CHAIN)).keepAlive()
                .start()) {
            deletingTheCaFile(pooledServer, PKI.server(ServerCase.GOOD_CHAIN));
        }
    }

    private static void deletingTheCaFile(TlsTestServer pooledServer, TlsTestServer resuming) {
        Hello pooled = QuarkusRestClientBuilder.newBuilder().baseUri(pooledServer.uri()).build(Directory.class);
        Hello resumed = QuarkusRestClientBuilder.newBuilder().baseUri(resuming.uri()).build(Directory.class);
        for (int i = 0; i < 3; i++) {
            assertOk(pooled);
            assertOk(resumed);
            sleep(5);
        }
        assertThat(pooledServer.handshakes()).as("premise: the client keeps its connection alive").isEqualTo(1);
        assertThat(resuming.resumedHandshakes()).as("premise: the client resumes TLS sessions").isPositive();
        int full = resuming.handshakes() - resuming.resumedHandshakes();

        delete(PKI.unknownRoot().certificate());
        ReloadEvents.reloaded("directory", 1);
        sleep(5);
        assertOk(pooled);
        assertOk(resumed);
        assertThat(pooledServer.handshakes()).as("another CA deleted costs no handshake").isEqualTo(1);
        assertThat(resuming.handshakes() - resuming.resumedHandshakes()).isEqualTo(full);

        delete(PKI.trustedRoot().certificate());
        ReloadEvents.reloaded("directory", 2);
        int requests = pooledServer.requests();
        assertRejected(pooled);
        assertThat(pooledServer.requests()).as("no request went over the old connection").isEqualTo(requests);
        int resumedBefore = resuming.resumedHandshakes();
        assertRejected(resumed);
        assertThat(resuming.resumedHandshakes()).isEqualTo(resumedBefore);
    }

    /**
     * Lays the directory out once: the second class loader of the test finds it in place, so the reloader sees no
     * change before the test makes one.
     */
    private static Path directory(Path dir) {
        if (Files.exists(dir.resolve(PKI.trustedRoot().certificate().getSerialNumber().toString(16) + ".pem"))) {
            return dir;
        }
        // A third CA stays, so that the directory never becomes empty (an empty one would not load).
        return Pki.hashedDirectory(dir, PKI.trustedRoot().certificate(), PKI.unknownRoot().certificate(),
                PKI.unknownIntermediate().certificate());
    }

    /** Deletes the CA's file and the hash link to it, as removing a CA from a capath does. */
    private static void delete(X509Certificate ca) {
        Path file = DIR.resolve(ca.getSerialNumber().toString(16) + ".pem");
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(DIR)) {
            for (Path entry : entries) {
                if (Files.isSymbolicLink(entry) && Files.readSymbolicLink(entry).equals(file.getFileName())) {
                    Files.delete(entry);
                }
            }
            Files.delete(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void assertOk(Hello client) {
        Calls.Outcome outcome = Calls.call(client);
        assertThat(outcome.ok()).as(outcome.detail()).isTrue();
    }

    private static void assertRejected(Hello client) {
        Calls.Outcome outcome = Calls.call(client);
        assertThat(outcome.failure()).as(outcome.detail()).isInstanceOf(SslVerificationException.class);
        assertThat(((SslVerificationException) outcome.failure()).reason())
                .isEqualTo(SslVerificationException.Reason.UNKNOWN_ISSUER);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @RegisterRestClient(configKey = "directory")
    public interface Directory extends Hello {
    }
}
