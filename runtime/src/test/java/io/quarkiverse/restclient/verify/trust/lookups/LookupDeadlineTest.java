package io.quarkiverse.restclient.verify.trust.lookups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import io.quarkiverse.restclient.verify.testpki.SlowHttpServer;
import io.quarkiverse.restclient.verify.trust.LoopbackLookups;

/**
 * A look-up ends at its deadline whatever the server does (a byte every 300 ms would keep a read time-out happy
 * forever), a handshake's look-ups end at the handshake's budget, and concurrent identical look-ups share one request.
 */
class LookupDeadlineTest {

    @Test
    void aTricklingServerIsCutOffAtTheDeadline() {
        try (SlowHttpServer trickling = SlowHttpServer.trickling(300)) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> new PkiLookups().sendAndWait(
                    PkiLookups.Request.get(URI.create(trickling.url("/crl")), "*/*", 1024, 0), Optional.empty(),
                    LoopbackLookups.ALLOWED, LookupDeadline.in(Duration.ofMillis(800))))
                    .isInstanceOf(PkiLookups.Failure.class).hasMessage("no complete answer within 800 ms");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1300));
        }
    }

    @Test
    void theLookUpsOfAHandshakeShareOneBudget() {
        try (SlowHttpServer silent = SlowHttpServer.silent()) {
            long start = System.nanoTime();
            try (LookupDeadline.Scope budget = LookupDeadline.handshake(Duration.ofMillis(900))) {
                for (int i = 0; i < 4; i++) {
                    LookupDeadline deadline = LookupDeadline.forLookUp(Duration.ofMillis(600));
                    try {
                        new PkiLookups().sendAndWait(PkiLookups.Request.get(URI.create(silent.url("/" + i)), "*/*",
                                1024, 0), Optional.empty(), LoopbackLookups.ALLOWED, deadline);
                    } catch (PkiLookups.Failure e) {
                        assertThat(e.kind()).isEqualTo(PkiLookups.Kind.TIMED_OUT);
                    }
                }
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1400));
        }
    }

    @Test
    void concurrentIdenticalLookUpsShareOneRequest() {
        try (SlowHttpServer silent = SlowHttpServer.silent()) {
            PkiLookups lookups = new PkiLookups();
            PkiLookups.Request request = PkiLookups.Request.post(URI.create(silent.url("/ocsp")), new byte[] { 1, 2 },
                    "application/ocsp-request", "application/ocsp-response", 1024);
            List<CompletableFuture<PkiLookups.Response>> answers = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                answers.add(lookups.send(request, Optional.empty(), LoopbackLookups.ALLOWED,
                        LookupDeadline.in(Duration.ofMillis(500))));
            }
            answers.forEach(answer -> assertThat(answer).failsWithin(Duration.ofSeconds(2)));
            assertThat(silent.connections()).isEqualTo(1);
            assertThat(lookups.requests()).isEqualTo(1);
        }
    }
}
