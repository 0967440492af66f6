package io.quarkiverse.restclient.verify.deployment.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.restclient.verify.PresentedCertificate;
import io.quarkiverse.restclient.verify.SslVerificationException;
import io.quarkiverse.restclient.verify.SslVerificationException.Reason;
import io.quarkiverse.restclient.verify.deployment.Hello;
import io.quarkiverse.restclient.verify.deployment.Pki;
import io.quarkiverse.restclient.verify.testpki.ServerCase;
import io.quarkiverse.restclient.verify.testpki.ServerScenarios;
import io.quarkiverse.restclient.verify.testpki.TlsTestServer;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.quarkus.test.QuarkusUnitTest;

/**
 * An explanation shows the chain of the handshake that failed, and nothing else: one client calls, from several
 * threads at once, a server under an unknown CA, a server with an expired certificate and a port that speaks plain
 * HTTP; every explanation names its own server's reason and chain, and the plain port's shows no chain at all.
 */
class EvidenceBelongsToItsFailureTest {

    static final ServerScenarios PKI = ServerScenarios.shared("evidence");
    static final Path CORP = Pki.bundle(Pki.tempDir("evidence").resolve("corp.pem"), PKI.trustedRoot().certificate());
    static final TlsTestServer PLAIN = TlsTestServer.plainHttp();
    static final int CALLS = 1_200;

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Hello.class, Pki.class, Partner.class))
            .overrideConfigKey("quarkus.rest-client.partner.verify", CORP.toString());

    @AfterAll
    static void stopServers() {
        PKI.close();
        PLAIN.close();
    }

    @Test
    void theNotTlsCaseAfterARejectedChainShowsNoChain() {
        SslVerificationException rejected = call(PKI.server(ServerCase.UNKNOWN_ROOT).uri());
        assertThat(rejected.presentedChain()).isNotEmpty();

        SslVerificationException notTls = call(URI.create("https://127.0.0.1:" + PLAIN.port()));
        assertThat(notTls.reason()).isEqualTo(Reason.NOT_TLS);
        assertThat(notTls.presentedChain()).isEmpty();
        assertThat(notTls.getMessage()).doesNotContain("issued by").contains("The server presented no certificate.");
    }

    @Test
    void everyExplanationNamesItsOwnServersChainAndReasonUnderConcurrency() throws Exception {
        List<Target> targets = List.of(
                new Target(PKI.server(ServerCase.UNKNOWN_ROOT).uri(), Reason.UNKNOWN_ISSUER,
                        "CN=unknown-root.test,O=Verify Tests"),
                new Target(PKI.server(ServerCase.EXPIRED_LEAF).uri(), Reason.EXPIRED,
                        PKI.certificate(ServerCase.EXPIRED_LEAF).certificate().getSubjectX500Principal().getName()),
                new Target(URI.create("https://127.0.0.1:" + PLAIN.port()), Reason.NOT_TLS, null));
        List<Partner> clients = new ArrayList<>();
        for (Target target : targets) {
            clients.add(QuarkusRestClientBuilder.newBuilder().baseUri(target.uri).build(Partner.class));
        }
        AtomicInteger next = new AtomicInteger();
        ConcurrentLinkedQueue<String> mismatches = new ConcurrentLinkedQueue<>();
        AtomicInteger explained = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                running.add(threads.submit(() -> {
                    for (int i = next.getAndIncrement(); i < CALLS; i = next.getAndIncrement()) {
                        Target target = targets.get(i % targets.size());
                        String seen = describe(target, clients.get(i % targets.size()));
                        explained.incrementAndGet();
                        if (seen != null) {
                            mismatches.add(seen);
                        }
                    }
                }));
            }
            for (Future<?> future : running) {
                future.get();
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(explained.get()).isEqualTo(CALLS);
        assertThat(mismatches).as("explanations that named another handshake's chain or reason").isEmpty();
    }

    /** Null when the explanation is its own target's; else what was wrong. */
    private static String describe(Target target, Partner client) {
        try {
            client.hello();
            return target.uri + ": the call succeeded";
        } catch (SslVerificationException e) {
            List<String> subjects = e.presentedChain().stream().map(PresentedCertificate::subject).toList();
            boolean chainRight = target.leaf == null ? subjects.isEmpty()
                    : !subjects.isEmpty() && subjects.get(0).equals(target.leaf);
            if (e.reason() != target.reason || !chainRight) {
                return target.uri + ": " + e.reason() + " with chain " + subjects;
            }
            return null;
        } catch (RuntimeException e) {
            return target.uri + ": not explained: " + e;
        }
    }

    private static SslVerificationException call(URI uri) {
        try {
            QuarkusRestClientBuilder.newBuilder().baseUri(uri).build(Partner.class).hello();
        } catch (SslVerificationException e) {
            return e;
        }
        throw new AssertionError("the call to " + uri + " succeeded");
    }

    private record Target(URI uri, Reason reason, String leaf) {
    }

    @RegisterRestClient(configKey = "partner")
    public interface Partner extends Hello {
    }
}
