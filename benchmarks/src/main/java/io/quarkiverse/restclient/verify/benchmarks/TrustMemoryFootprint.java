package io.quarkiverse.restclient.verify.benchmarks;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import javax.net.ssl.X509ExtendedTrustManager;

import io.quarkiverse.restclient.verify.diagnosis.DiagnosingTrustManager;
import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;
import io.quarkiverse.restclient.verify.testpki.Pem;
import io.quarkiverse.restclient.verify.trust.Reloadable;
import io.quarkiverse.restclient.verify.trust.anchors.ReloadingTrustManager;
import io.quarkiverse.restclient.verify.trust.anchors.TrustMaterial;
import io.quarkiverse.restclient.verify.trust.anchors.TrustSpec;

/**
 * The heap that 100 REST clients' trust keeps: all 100 with the same {@code verify} value (one bundle file) versus 100
 * values naming 100 different bundle files of the same size. Clients are set up as the extension does it: one loaded
 * material per distinct value, shared through a map keyed by the value, and per client the diagnosing and reloading
 * trust managers with their evidence log.
 * <p>
 * Not a JMH benchmark: retained heap is a difference of used heap after full collections, taken in alternating rounds.
 * Run with {@code -XX:+UseSerialGC -XX:SoftRefLRUPolicyMSPerMB=0} so a full collection is exact and also clears the
 * JDK's soft cache of parsed certificates; the median of the rounds is reported.
 */
public final class TrustMemoryFootprint {

    private static final int CLIENTS = 100;
    private static final int CAS_PER_BUNDLE = 10;
    private static final int ROUNDS = 7;
    /** A certificate outside every bundle, parsed only to make the JDK's certificate cache drop collected entries. */
    private static final X509Certificate TOUCH = CertificateAuthority.root("Cache Touch").certificate();

    private TrustMemoryFootprint() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("trust-memory");
        try {
            List<String> distinct = new ArrayList<>();
            for (int bundle = 0; bundle < CLIENTS; bundle++) {
                distinct.add(bundleFile(dir, "bundle-" + bundle + ".pem", bundle).toString());
            }
            // One value for every client; its bundle has as many CAs as each of the distinct ones.
            List<String> shared = Collections.nCopies(CLIENTS, bundleFile(dir, "shared.pem", CLIENTS).toString());

            List<Long> sharedBytes = new ArrayList<>();
            List<Long> distinctBytes = new ArrayList<>();
            int sharedLoads = 0;
            int distinctLoads = 0;
            for (int round = 0; round < ROUNDS; round++) {
                boolean sharedFirst = round % 2 == 0;
                for (int half = 0; half < 2; half++) {
                    boolean measureShared = (half == 0) == sharedFirst;
                    Measured measured = measure(measureShared ? shared : distinct);
                    (measureShared ? sharedBytes : distinctBytes).add(measured.bytes);
                    if (measureShared) {
                        sharedLoads = measured.materials;
                    } else {
                        distinctLoads = measured.materials;
                    }
                }
                System.out.printf(Locale.ROOT, "round %d: shared %,d bytes, distinct %,d bytes%n", round + 1,
                        sharedBytes.get(round), distinctBytes.get(round));
            }
            long sharedMedian = median(sharedBytes);
            long distinctMedian = median(distinctBytes);
            System.out.printf(Locale.ROOT, "%d clients, %d CAs per bundle, %d rounds, %s, JDK %s%n", CLIENTS,
                    CAS_PER_BUNDLE, ROUNDS, String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()),
                    System.getProperty("java.version"));
            System.out.printf(Locale.ROOT, "shared bundle:     %,d bytes retained (median), %d loaded material(s)%n",
                    sharedMedian, sharedLoads);
            System.out.printf(Locale.ROOT, "distinct bundles:  %,d bytes retained (median), %d loaded material(s)%n",
                    distinctMedian, distinctLoads);
            System.out.printf(Locale.ROOT, "ratio shared / distinct: %.3f%n", (double) sharedMedian / distinctMedian);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    /** Builds the clients' trust for these values, and the heap it keeps while the clients exist. */
    private static Measured measure(List<String> values) {
        long before = usedAfterFullGc();
        Map<String, Reloadable<TrustMaterial>> loaded = new HashMap<>();
        List<X509ExtendedTrustManager> clients = new ArrayList<>();
        ClassLoader loader = TrustMemoryFootprint.class.getClassLoader();
        for (String value : values) {
            TrustSpec spec = TrustSpec.parse(value);
            Reloadable<TrustMaterial> material = loaded.computeIfAbsent(spec.value(),
                    v -> TrustMaterial.reloadable(spec, loader, Map.of()));
            clients.add(new DiagnosingTrustManager(new ReloadingTrustManager(material)));
        }
        long after = usedAfterFullGc();
        Set<TrustMaterial> materials = Collections.newSetFromMap(new IdentityHashMap<>());
        loaded.values().forEach(material -> materials.add(material.current()));
        // Keeps the clients reachable until the second measurement is taken.
        if (clients.size() != values.size()) {
            throw new IllegalStateException();
        }
        return new Measured(after - before, materials.size());
    }

    private static long usedAfterFullGc() {
        Runtime runtime = Runtime.getRuntime();
        long used = 0;
        // Several rounds: a soft reference is cleared one collection after its last use, the reference handler
        // queues it after that collection, and the certificate cache drops the entry only on its next use.
        for (int i = 0; i < 5; i++) {
            System.gc();
            pause();
            touchCertificateCache();
            used = runtime.totalMemory() - runtime.freeMemory();
        }
        return used;
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The JDK's certificate cache drops entries whose certificates were collected only when it is next used. */
    private static void touchCertificateCache() {
        try {
            CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(Pem.der(TOUCH)));
        } catch (CertificateException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path bundleFile(Path dir, String name, int bundle) throws IOException {
        List<X509Certificate> cas = new ArrayList<>();
        for (int i = 0; i < CAS_PER_BUNDLE; i++) {
            cas.add(CertificateAuthority.root("Bundle " + bundle + " Root " + i).certificate());
        }
        return Pem.write(dir.resolve(name), Pem.certificates(cas));
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }

    private record Measured(long bytes, int materials) {
    }
}
