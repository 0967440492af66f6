package io.quarkiverse.restclient.verify.benchmarks.app;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.quarkus.runtime.QuarkusApplication;

/**
 * The JDK's TLS engine against BoringSSL ({@code ssl-engine=openssl}) through the REST client, end to end, in one JVM
 * against one server on BoringSSL ({@link KeepAliveServer}, no session resumption), in alternated rounds (the order
 * swaps every round; the first rounds are warm-up). Three phases ({@code -Dbench.phases}, all by default):
 * <ul>
 * <li>{@code handshakes}: sequential calls, each on a new connection (a full handshake), per engine; after each
 * measured round {@code openssl s_time -new} against the same server, as the machine's ceiling, and once at the end
 * {@code s_time -reuse} for reference;</li>
 * <li>{@code keep-alive}: sequential calls on a kept connection, per engine;</li>
 * <li>{@code download}: a download read as an {@link InputStream}, per engine, in MiB/s.</li>
 * </ul>
 * It prints every round, the medians, the ratio of the medians and the median of the rounds' ratios, what the server
 * saw each side negotiate (protocol, cipher suite, key-exchange group) and how many sessions were resumed, and the load
 * average before and after. Settings: {@code -Dbench.handshake-calls} (per engine and round, 1000),
 * {@code -Dbench.keep-alive-calls} (5000), {@code -Dbench.download-mib} (100), {@code -Dbench.warmup-rounds} (2),
 * {@code -Dbench.rounds} (6), {@code -Dbench.s-time-seconds} (10), {@code -Dbench.openssl} (the openssl command).
 */
public class EngineRun implements QuarkusApplication {

    private static final Pattern S_TIME = Pattern.compile("(\\d+) connections in ([0-9.]+)s; ([0-9.]+) connections/user sec");

    /** The server started by {@link ThroughputMain}. */
    static KeepAliveServer server;

    @Inject
    @RestClient
    EngineClient.JdkNew jdkNew;

    @Inject
    @RestClient
    EngineClient.BoringSslNew boringSslNew;

    @Inject
    @RestClient
    EngineClient.JdkKept jdkKept;

    @Inject
    @RestClient
    EngineClient.BoringSslKept boringSslKept;

    @ConfigProperty(name = "bench.phases", defaultValue = "handshakes,keep-alive,download")
    List<String> phases;

    @ConfigProperty(name = "bench.handshake-calls", defaultValue = "1000")
    int handshakeCalls;

    @ConfigProperty(name = "bench.keep-alive-calls", defaultValue = "5000")
    int keepAliveCalls;

    @ConfigProperty(name = "bench.download-mib", defaultValue = "100")
    int downloadMib;

    @ConfigProperty(name = "bench.warmup-rounds", defaultValue = "2")
    int warmupRounds;

    @ConfigProperty(name = "bench.rounds", defaultValue = "6")
    int rounds;

    @ConfigProperty(name = "bench.s-time-seconds", defaultValue = "10")
    int sTimeSeconds;

    @ConfigProperty(name = "bench.openssl", defaultValue = "openssl")
    String openssl;

    /** What the server saw per side: "jdk", "boringssl", "s_time -new"... to protocol, cipher suite and group. */
    private final Map<String, Map<String, Integer>> negotiated = new TreeMap<>();
    private final Map<String, Integer> resumed = new TreeMap<>();

    @Override
    public int run(String... args) throws Exception {
        System.out.printf(Locale.ROOT, "load average at start: %s; %s, %d processors%n", loadAverage(),
                Runtime.version(), Runtime.getRuntime().availableProcessors());
        if (phases.contains("handshakes")) {
            handshakes();
        }
        if (phases.contains("keep-alive")) {
            keepAlive();
        }
        if (phases.contains("download")) {
            download();
        }
        System.out.println("what the server saw (connections by protocol, cipher suite, key-exchange group):");
        negotiated.forEach((side, counts) -> System.out.printf(Locale.ROOT, "  %-22s %s, %d resumed%n", side, counts,
                resumed.getOrDefault(side, 0)));
        System.out.printf(Locale.ROOT, "load average at end: %s%n", loadAverage());
        return 0;
    }

    private void handshakes() {
        System.out.printf(Locale.ROOT, "full handshakes: %d calls per engine and round, each on a new connection%n",
                handshakeCalls);
        Rounds rates = new Rounds();
        List<Double> sTime = new ArrayList<>();
        List<Double> boringSslToSTime = new ArrayList<>();
        List<Double> sTimeUser = new ArrayList<>();
        List<Double> jdkCpu = new ArrayList<>();
        List<Double> boringSslCpu = new ArrayList<>();
        for (int round = 0; round < warmupRounds + rounds; round++) {
            boolean measured = round >= warmupRounds;
            Rate jdk;
            Rate boringSsl;
            if (round % 2 == 0) {
                jdk = calls("jdk new connections", jdkNew::hello, handshakeCalls);
                boringSsl = calls("boringssl new connections", boringSslNew::hello, handshakeCalls);
            } else {
                boringSsl = calls("boringssl new connections", boringSslNew::hello, handshakeCalls);
                jdk = calls("jdk new connections", jdkNew::hello, handshakeCalls);
            }
            String line = String.format(Locale.ROOT, "round %2d%s: jdk %6.1f calls/s, boringssl %6.1f calls/s (%.2fx)",
                    round + 1, measured ? "" : " (warm-up)", jdk.perSecond, boringSsl.perSecond,
                    boringSsl.perSecond / jdk.perSecond);
            if (measured) {
                rates.add(jdk.perSecond, boringSsl.perSecond);
                jdkCpu.add(jdk.cpuMicrosPerCall);
                boringSslCpu.add(boringSsl.cpuMicrosPerCall);
                STime ceiling = sTime("-new");
                if (ceiling != null) {
                    sTime.add(ceiling.perSecond());
                    boringSslToSTime.add(boringSsl.perSecond / ceiling.perSecond());
                    sTimeUser.add(ceiling.perUserSecond());
                    line += String.format(Locale.ROOT, "; s_time -new %6.1f connections/s, %6.1f per user-second"
                            + " (boringssl / s_time %.2f)", ceiling.perSecond(), ceiling.perUserSecond(),
                            boringSsl.perSecond / ceiling.perSecond());
                }
            }
            System.out.println(line);
        }
        rates.print("full-handshake calls/s", "boringssl / jdk");
        System.out.printf(Locale.ROOT, "CPU per call, whole process (client and server), medians: jdk %.0f µs,"
                + " boringssl %.0f µs%n", median(jdkCpu), median(boringSslCpu));
        if (!sTime.isEmpty()) {
            System.out.printf(Locale.ROOT, "s_time -new: median %.1f connections/s (%.1f per second of its own user"
                    + " CPU); boringssl / s_time: %.3f (ratio of medians), %.3f (median of round ratios); rounds %s%n",
                    median(sTime), median(sTimeUser), median(rates.boringSsl) / median(sTime), median(boringSslToSTime),
                    format(boringSslToSTime));
            STime reuse = sTime("-reuse");
            if (reuse != null) {
                System.out.printf(Locale.ROOT, "s_time -reuse (reference; this server resumes nothing): %.1f"
                        + " connections/s%n", reuse.perSecond());
            }
        }
    }

    private void keepAlive() {
        System.out.printf(Locale.ROOT, "keep-alive: %d calls per engine and round on a kept connection%n",
                keepAliveCalls);
        Rounds rates = new Rounds();
        for (int round = 0; round < warmupRounds + rounds; round++) {
            Rate jdk;
            Rate boringSsl;
            if (round % 2 == 0) {
                jdk = calls("jdk kept", jdkKept::hello, keepAliveCalls);
                boringSsl = calls("boringssl kept", boringSslKept::hello, keepAliveCalls);
            } else {
                boringSsl = calls("boringssl kept", boringSslKept::hello, keepAliveCalls);
                jdk = calls("jdk kept", jdkKept::hello, keepAliveCalls);
            }
            boolean measured = round >= warmupRounds;
            if (measured) {
                rates.add(jdk.perSecond, boringSsl.perSecond);
            }
            System.out.printf(Locale.ROOT, "round %2d%s: jdk %7.1f calls/s, boringssl %7.1f calls/s (%.2fx)%n",
                    round + 1, measured ? "" : " (warm-up)", jdk.perSecond, boringSsl.perSecond,
                    boringSsl.perSecond / jdk.perSecond);
        }
        rates.print("keep-alive calls/s", "boringssl / jdk");
    }

    private void download() throws IOException {
        long bytes = downloadMib * 1024L * 1024L;
        System.out.printf(Locale.ROOT, "download: %d MiB per engine and round, read as an InputStream on a kept"
                + " connection%n", downloadMib);
        Rounds rates = new Rounds();
        for (int round = 0; round < warmupRounds + rounds; round++) {
            double jdk;
            double boringSsl;
            if (round % 2 == 0) {
                jdk = download("jdk kept", jdkKept, bytes);
                boringSsl = download("boringssl kept", boringSslKept, bytes);
            } else {
                boringSsl = download("boringssl kept", boringSslKept, bytes);
                jdk = download("jdk kept", jdkKept, bytes);
            }
            boolean measured = round >= warmupRounds;
            if (measured) {
                rates.add(jdk, boringSsl);
            }
            System.out.printf(Locale.ROOT, "round %2d%s: jdk %6.1f MiB/s, boringssl %6.1f MiB/s (%.2fx)%n", round + 1,
                    measured ? "" : " (warm-up)", jdk, boringSsl, boringSsl / jdk);
        }
        rates.print("MiB/s", "boringssl / jdk");
    }

    /** Calls one client {@code count} times in a row: calls per second and process CPU per call. */
    private Rate calls(String side, Supplier<String> call, int count) {
        Map<String, Integer> before = server.protocols();
        int resumedBefore = server.resumedHandshakes();
        long cpu = processCpuNanos();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            if (!"hello".equals(call.get())) {
                throw new IllegalStateException("unexpected response");
            }
        }
        long nanos = System.nanoTime() - start;
        long cpuNanos = processCpuNanos() - cpu;
        record(side, before, resumedBefore);
        return new Rate(count / (nanos / 1e9), cpuNanos / 1e3 / count);
    }

    /** One download through this client: MiB/s, after checking that every byte arrived. */
    private double download(String side, EngineClient client, long bytes) throws IOException {
        Map<String, Integer> before = server.protocols();
        int resumedBefore = server.resumedHandshakes();
        byte[] buffer = new byte[64 * 1024];
        long read = 0;
        long start = System.nanoTime();
        try (InputStream in = client.download(bytes)) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                read += n;
            }
        }
        long nanos = System.nanoTime() - start;
        if (read != bytes) {
            throw new IllegalStateException(side + ": read " + read + " bytes of " + bytes);
        }
        record(side, before, resumedBefore);
        return read / (1024.0 * 1024.0) / (nanos / 1e9);
    }

    /**
     * Runs {@code openssl s_time} against the server; its rate is its connections over the wall time this process
     * measured (s_time's own "real seconds" are whole seconds, and its loop runs up to a second past the time asked).
     */
    private STime sTime(String mode) {
        Map<String, Integer> before = server.protocols();
        int resumedBefore = server.resumedHandshakes();
        List<String> command = List.of(openssl, "s_time", "-connect", "127.0.0.1:" + server.port(), mode, "-time",
                Integer.toString(sTimeSeconds));
        try {
            long start = System.nanoTime();
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int exit = process.waitFor();
            long nanos = System.nanoTime() - start;
            Matcher matcher = S_TIME.matcher(output);
            if (exit != 0 || !matcher.find()) {
                System.out.printf(Locale.ROOT, "%s exited with %d: %s%n", String.join(" ", command), exit,
                        output.strip());
                return null;
            }
            record("s_time " + mode, before, resumedBefore);
            return new STime(Integer.parseInt(matcher.group(1)), nanos, Double.parseDouble(matcher.group(3)));
        } catch (IOException e) {
            System.out.printf(Locale.ROOT, "%s not run: %s%n", String.join(" ", command), e.getMessage());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Adds what the server saw since {@code before} to this side's counts. */
    private void record(String side, Map<String, Integer> before, int resumedBefore) {
        Map<String, Integer> counts = negotiated.computeIfAbsent(side, s -> new TreeMap<>());
        server.protocols().forEach((key, count) -> {
            int added = count - before.getOrDefault(key, 0);
            if (added > 0) {
                counts.merge(key, added, Integer::sum);
            }
        });
        resumed.merge(side, server.resumedHandshakes() - resumedBefore, Integer::sum);
    }

    /** One client's calls: calls per second, and CPU of the whole process per call. */
    private record Rate(double perSecond, double cpuMicrosPerCall) {
    }

    /**
     * One s_time run: connections, the wall time it took, and what s_time reports per second of its own user CPU (near
     * the wall rate when s_time, not the server, is the limit).
     */
    private record STime(int connections, long nanos, double perUserSecond) {
        double perSecond() {
            return connections / (nanos / 1e9);
        }
    }

    /** The measured rounds of one phase: a rate per engine per round. */
    private static final class Rounds {
        final List<Double> jdk = new ArrayList<>();
        final List<Double> boringSsl = new ArrayList<>();
        final List<Double> ratios = new ArrayList<>();

        void add(double jdkRate, double boringSslRate) {
            jdk.add(jdkRate);
            boringSsl.add(boringSslRate);
            ratios.add(boringSslRate / jdkRate);
        }

        void print(String unit, String ratio) {
            System.out.printf(Locale.ROOT, "%s, medians of %d rounds: jdk %.1f, boringssl %.1f; %s: %.3f (ratio of"
                    + " medians), %.3f (median of round ratios); rounds %s%n", unit, jdk.size(), median(jdk),
                    median(boringSsl), ratio, median(boringSsl) / median(jdk), median(ratios), format(ratios));
        }
    }

    private static String format(List<Double> ratios) {
        List<String> shown = new ArrayList<>();
        for (double ratio : ratios) {
            shown.add(String.format(Locale.ROOT, "%.2f", ratio));
        }
        return String.join(" ", shown);
    }

    private static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** The first three fields of /proc/loadavg (1, 5 and 15 minutes), or "unknown". */
    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
