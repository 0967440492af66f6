package io.quarkiverse.restclient.verify.benchmarks.load;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.quarkiverse.restclient.verify.SslVerificationException;
import io.quarkus.runtime.QuarkusApplication;
import io.vertx.core.Vertx;

/**
 * Runs the load for a set time and prints what happened. After a warm-up (the first tenth, not measured), phases of a
 * sixth of the run each alternate between the healthy clients alone and the healthy clients with the hostile ones, so
 * that the healthy calls' latency is seen without and with them under the same warmth; the bundle rotates every second
 * throughout (the rotating root added, then removed). Settings: {@code -Dload.duration} (seconds, default 600),
 * {@code -Dload.threads} (callers per healthy client, default 4), {@code -Dload.block-event-loop=true} (blocks an event
 * loop for 5 s at the start: the report must then count blocked-thread warnings).
 */
public class LoadRun implements QuarkusApplication {

    /** What {@link LoadMain} made before Quarkus started. */
    record Fixture(Path bundle, String base, String rotatingRoot, HealthyServer healthy, NewChainServer newChain,
            AutoCloseable trickling, AutoCloseable silent) {
    }

    static Fixture fixture;

    /** Failures each client may see by design; any other is counted as unexpected. */
    private static final Map<String, Set<String>> EXPECTED = Map.of(
            "rotating-root", Set.of("UNKNOWN_ISSUER"),
            "silent-ca-issuers", Set.of("INCOMPLETE_CHAIN"),
            "plain-http", Set.of("NOT_TLS"));

    @Inject
    @RestClient
    LoadClients.HealthyKeepAlive healthyKeepAlive;

    @Inject
    @RestClient
    LoadClients.HealthyChurn healthyChurn;

    @Inject
    @RestClient
    LoadClients.RotatingRoot rotatingRoot;

    @Inject
    @RestClient
    LoadClients.TricklingOcsp tricklingOcsp;

    @Inject
    @RestClient
    LoadClients.SilentCaIssuers silentCaIssuers;

    @Inject
    @RestClient
    LoadClients.PlainHttp plainHttp;

    @Inject
    @RestClient
    LoadClients.NewChain newChain;

    @ConfigProperty(name = "load.duration", defaultValue = "600")
    int durationSeconds;

    @ConfigProperty(name = "load.threads", defaultValue = "4")
    int threads;

    /**
     * Blocks an event loop for 5 s at the start (Quarkus checks every 2 s for 2 s), to prove that blocked-thread warnings are
     * counted.
     */
    @ConfigProperty(name = "load.block-event-loop", defaultValue = "false")
    boolean blockEventLoop;

    @Inject
    Vertx vertx;

    private final Map<String, AtomicLong> calls = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> failures = new ConcurrentHashMap<>();
    private final AtomicLong unexpected = new AtomicLong();
    /** The first message of each kind of failure, to tell an expected refusal from a surprise. */
    private final Map<String, String> firstMessages = new ConcurrentHashMap<>();
    private final Latencies quietLatencies = new Latencies();
    private final Latencies hostileLatencies = new Latencies();
    private final AtomicInteger blockedWarnings = new AtomicInteger();
    private final AtomicInteger rotations = new AtomicInteger();
    private volatile boolean hostile;
    private volatile boolean measuring;
    private volatile boolean stopping;

    @Override
    public int run(String... args) throws Exception {
        countBlockedThreadWarnings();
        if (blockEventLoop) {
            vertx.setTimer(1, id -> {
                System.out.println("blocking " + Thread.currentThread().getName() + " for 5 s");
                pause(5_000);
            });
        }
        long start = System.nanoTime();
        long end = start + durationSeconds * 1_000_000_000L;
        long warmUp = durationSeconds * 1_000_000_000L / 10;
        long phase = Math.max(1, durationSeconds * 1_000_000_000L / 6);
        System.out.printf(Locale.ROOT, "load run: %d s (%d s warm-up, then hostile servers off and on every %d s), %d"
                + " callers per healthy client%n", durationSeconds, warmUp / 1_000_000_000L, phase / 1_000_000_000L,
                threads);
        List<String> snapshots = new ArrayList<>();
        snapshots.add(snapshot("start"));

        List<Thread> callers = new ArrayList<>();
        callers.add(daemon("rotation", this::rotate));
        for (int i = 0; i < threads; i++) {
            callers.add(caller("healthy-keep-alive", healthyKeepAlive::hello, true, false));
            callers.add(caller("healthy-churn", healthyChurn::hello, true, false));
        }
        callers.add(caller("rotating-root", rotatingRoot::hello, false, false));
        callers.add(caller("trickling-ocsp", tricklingOcsp::hello, false, true));
        callers.add(caller("silent-ca-issuers", silentCaIssuers::hello, false, true));
        callers.add(caller("plain-http", plainHttp::hello, false, true));
        callers.add(caller("new-chain", newChain::hello, false, true));
        callers.forEach(Thread::start);

        boolean middleTaken = false;
        while (System.nanoTime() < end) {
            Thread.sleep(250);
            long now = System.nanoTime();
            measuring = now - start >= warmUp;
            // Off, on, off, on... after the warm-up.
            hostile = measuring && (now - start - warmUp) / phase % 2 == 1;
            if (!middleTaken && now >= start + (end - start) / 2) {
                snapshots.add(snapshot("middle"));
                middleTaken = true;
            }
        }
        stopping = true;
        for (Thread caller : callers) {
            // A hostile call may still wait for its timeout.
            caller.join(30_000);
        }
        snapshots.add(snapshot("end"));
        report(snapshots);
        return unexpected.get() == 0 ? 0 : 1;
    }

    private Thread caller(String client, Supplier<String> call, boolean healthy, boolean onlyWhenHostile) {
        return daemon(client, () -> {
            while (!stopping) {
                if (onlyWhenHostile && !hostile) {
                    pause(100);
                    continue;
                }
                boolean withHostile = hostile;
                boolean measured = measuring;
                long started = System.nanoTime();
                try {
                    String answer = call.get();
                    if (!"hello".equals(answer)) {
                        throw new IllegalStateException("unexpected answer");
                    }
                    if (healthy && measured) {
                        (withHostile ? hostileLatencies : quietLatencies).record(System.nanoTime() - started);
                    }
                    count(calls, client + " ok");
                } catch (RuntimeException e) {
                    String reason = reason(e);
                    count(calls, client + " failed");
                    count(failures, client + ": " + reason);
                    firstMessages.putIfAbsent(client + ": " + reason, innermostMessage(e));
                    if (!EXPECTED.getOrDefault(client, Set.of()).contains(reason)) {
                        unexpected.incrementAndGet();
                    }
                    // A client refused at once would spin: a failed hostile call waits a little.
                    pause(healthy ? 0 : 20);
                }
            }
        });
    }

    /** Every second: the bundle with the rotating root (a change that adds a CA), then without (removes one). */
    private void rotate() {
        boolean with = false;
        while (!stopping) {
            pause(1_000);
            with = !with;
            String content = fixture.base() + (with ? fixture.rotatingRoot() : "");
            try {
                Path next = fixture.bundle().resolveSibling("bundle.pem.next");
                Files.writeString(next, content);
                Files.move(next, fixture.bundle(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                rotations.incrementAndGet();
            } catch (IOException e) {
                System.out.println("rotation failed: " + e);
            }
        }
    }

    /** The reason of the explained TLS failure in the chain of causes, else the innermost exception's class. */
    private static String reason(Throwable failure) {
        Throwable innermost = failure;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SslVerificationException) {
                return ((SslVerificationException) t).reason().name();
            }
            innermost = t;
            if (t.getCause() == t) {
                break;
            }
        }
        return innermost.getClass().getSimpleName();
    }

    private static String innermostMessage(Throwable failure) {
        Throwable innermost = failure;
        while (innermost.getCause() != null && innermost.getCause() != innermost) {
            innermost = innermost.getCause();
        }
        String message = String.valueOf(innermost.getMessage());
        return innermost.getClass().getName() + ": "
                + (message.length() > 200 ? message.substring(0, 200) + "..." : message).replace('\n', ' ');
    }

    private String snapshot(String when) {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        int threadCount = ManagementFactory.getThreadMXBean().getThreadCount();
        return String.format(Locale.ROOT, "%-6s heap after GC %6.1f MB, %3d threads", when, heap / 1048576.0,
                threadCount);
    }

    /** Vert.x warns through JUL's logger of its blocked-thread checker; JBoss LogManager hands handlers the records. */
    private void countBlockedThreadWarnings() {
        Logger.getLogger("io.vertx.core.impl.BlockedThreadChecker").addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    blockedWarnings.incrementAndGet();
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
    }

    private void report(List<String> snapshots) {
        System.out.println("calls:");
        new TreeMap<>(calls).forEach((key, count) -> System.out.printf(Locale.ROOT, "  %-28s %8d%n", key, count.get()));
        System.out.println("failures by reason:");
        new TreeMap<>(failures).forEach((key, count) -> System.out.printf(Locale.ROOT, "  %-44s %8d%s%n", key,
                count.get(), EXPECTED.getOrDefault(key.substring(0, key.indexOf(':')), Set.of())
                        .contains(key.substring(key.indexOf(':') + 2)) ? " (expected)" : " (UNEXPECTED)"));
        System.out.println("first failure of each kind:");
        new TreeMap<>(firstMessages).forEach((key, message) -> System.out.printf(Locale.ROOT, "  %s: %s%n", key,
                message));
        System.out.printf(Locale.ROOT, "unexpected failures: %d%n", unexpected.get());
        System.out.printf(Locale.ROOT, "healthy calls without hostile servers: %s%n", quietLatencies.describe());
        System.out.printf(Locale.ROOT, "healthy calls with hostile servers:    %s%n", hostileLatencies.describe());
        snapshots.forEach(System.out::println);
        System.out.printf(Locale.ROOT, "event-loop blocked-thread warnings: %d%n", blockedWarnings.get());
        System.out.printf(Locale.ROOT, "bundle rotations: %d; healthy server connections: %d; new-chain server: %d"
                + " connections, %d certificates issued%n", rotations.get(), fixture.healthy().connections(),
                fixture.newChain().connections(), fixture.newChain().issued());
    }

    private static void count(Map<String, AtomicLong> counts, String key) {
        counts.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
    }

    private static Thread daemon(String name, Runnable task) {
        Thread thread = new Thread(task, "load-" + name);
        thread.setDaemon(true);
        return thread;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
