package io.quarkiverse.restclient.verify.benchmarks;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;
import io.quarkiverse.restclient.verify.testpki.Pem;

/**
 * A CA bundle of the size people really use: the distribution's bundle (Debian: about 140 CAs), or as many generated
 * CA certificates where that file cannot be read.
 */
final class RealSizeBundle {

    static final Path SYSTEM_BUNDLE = Path.of("/etc/ssl/certs/ca-certificates.crt");
    private static final int GENERATED_CAS = 140;
    /** {@code CertificateFactory.getInstance("X.509")} keeps the last 750 certificates it parsed, by encoding. */
    private static final int JDK_CERTIFICATE_CACHE = 750;

    private final String source;
    private final byte[] pem;

    private RealSizeBundle(String source, byte[] pem) {
        this.source = source;
        this.pem = pem;
    }

    /** The system bundle when readable, else 140 generated CA certificates. */
    static RealSizeBundle load() {
        if (Files.isReadable(SYSTEM_BUNDLE)) {
            try {
                return new RealSizeBundle(SYSTEM_BUNDLE.toString(), Files.readAllBytes(SYSTEM_BUNDLE));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        List<X509Certificate> cas = new ArrayList<>();
        for (int i = 0; i < GENERATED_CAS; i++) {
            cas.add(CertificateAuthority.root("Benchmark Root " + i).certificate());
        }
        return new RealSizeBundle(GENERATED_CAS + " generated CAs",
                Pem.certificates(cas).getBytes(StandardCharsets.US_ASCII));
    }

    /** Where the bundle comes from, for the benchmark's output. */
    String source() {
        return source;
    }

    /** The bundle as PEM text. */
    byte[] pem() {
        return pem.clone();
    }

    /** The bundle's certificates, parsed by the JDK alone. */
    List<X509Certificate> certificates() {
        try {
            List<X509Certificate> certificates = new ArrayList<>();
            CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem))
                    .forEach(certificate -> certificates.add((X509Certificate) certificate));
            return certificates;
        } catch (CertificateException e) {
            throw new IllegalStateException(source + " cannot be parsed", e);
        }
    }

    /**
     * Copies of this bundle that, loaded in turn, are never in the JDK's certificate cache: in a warm JVM every
     * certificate of the original is a cache hit, while an application starting up decodes each one. Each copy's
     * certificates differ in the last byte of their signature, which the factory does not check; there are enough
     * copies that the ones loaded in between push a copy's certificates out of the cache.
     */
    List<RealSizeBundle> uncachedCopies() {
        List<X509Certificate> originals = certificates();
        int count = JDK_CERTIFICATE_CACHE / originals.size() + 2;
        List<RealSizeBundle> copies = new ArrayList<>();
        for (int copy = 1; copy <= count; copy++) {
            StringBuilder pem = new StringBuilder();
            for (X509Certificate original : originals) {
                byte[] changed = Pem.der(original);
                changed[changed.length - 1] ^= (byte) copy;
                pem.append(Pem.certificates(parse(changed)));
            }
            copies.add(new RealSizeBundle(source + " (copy " + copy + ")", pem.toString().getBytes(
                    StandardCharsets.US_ASCII)));
        }
        checkMissesCache(copies);
        return copies;
    }

    /** Fails unless loading the copies in turn really makes the factory decode a copy's certificates again. */
    private static void checkMissesCache(List<RealSizeBundle> copies) {
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            byte[] probe = copies.get(0).der().get(0);
            Object first = factory.generateCertificate(new ByteArrayInputStream(probe));
            Object cached = factory.generateCertificate(new ByteArrayInputStream(probe));
            for (RealSizeBundle other : copies.subList(1, copies.size())) {
                for (byte[] encoded : other.der()) {
                    factory.generateCertificate(new ByteArrayInputStream(encoded));
                }
            }
            Object again = factory.generateCertificate(new ByteArrayInputStream(probe));
            if (first != cached || again == first) {
                throw new IllegalStateException("the JDK's certificate cache does not behave as expected (cached: "
                        + (first == cached) + ", still cached after the other copies: " + (again == first) + ")");
            }
        } catch (CertificateException e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate parse(byte[] der) {
        try {
            // generateCertificates, unlike generateCertificate, leaves the cache alone.
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(der)).iterator().next();
        } catch (CertificateException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The DER encodings in bundle order, as the build records a {@code classpath:} bundle. */
    List<byte[]> der() {
        List<byte[]> der = new ArrayList<>();
        certificates().forEach(certificate -> der.add(Pem.der(certificate)));
        return der;
    }
}
