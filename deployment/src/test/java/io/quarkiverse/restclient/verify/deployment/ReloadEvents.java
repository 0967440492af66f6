package io.quarkiverse.restclient.verify.deployment;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkiverse.restclient.verify.TrustReloadFailedEvent;
import io.quarkiverse.restclient.verify.TrustReloadedEvent;

/** Observes the extension's reload events the way an application would, and lets a test wait for them. */
@ApplicationScoped
public class ReloadEvents {

    public static final List<TrustReloadedEvent> RELOADED = new CopyOnWriteArrayList<>();
    public static final List<TrustReloadFailedEvent> FAILED = new CopyOnWriteArrayList<>();

    void onReload(@Observes TrustReloadedEvent event) {
        RELOADED.add(event);
    }

    void onFailure(@Observes TrustReloadFailedEvent event) {
        FAILED.add(event);
    }

    /** Waits up to ten seconds for the n-th (1-based) reload event of this client and returns it. */
    public static TrustReloadedEvent reloaded(String client, int n) {
        return await(RELOADED, e -> e.clientName().equals(client), n);
    }

    /** Waits up to ten seconds for the n-th (1-based) failure event of this client and returns it. */
    public static TrustReloadFailedEvent failed(String client, int n) {
        return await(FAILED, e -> e.clientName().equals(client), n);
    }

    private static <T> T await(List<T> events, Predicate<T> match, int n) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            List<T> matching = events.stream().filter(match).toList();
            if (matching.size() >= n) {
                return matching.get(n - 1);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
        throw new AssertionError("no event number " + n + " within ten seconds; seen: " + events);
    }
}
