package io.quarkiverse.restclient.verify.trust;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;

import io.quarkiverse.restclient.verify.mozillaca.MozillaCaArtifact;
import io.quarkiverse.restclient.verify.mozillaca.MozillaCaBundleGenerator;
import io.quarkiverse.restclient.verify.testpki.TlsTestServer;
import io.quarkiverse.restclient.verify.trust.anchors.MozillaCaBundle;
import io.quarkiverse.restclient.verify.trust.anchors.TrustMaterial;

/**
 * Test bundles written by the artifact's own generator, offered on a class loader of their own in place of the
 * artifact, and a client handshake through a {@link TrustMaterial}.
 */
public final class MozillaBundles {

    private final List<MozillaCaBundleGenerator.Root> roots = new ArrayList<>();

    public MozillaBundles add(X509Certificate root, Instant distrustAfter) {
        try {
            roots.add(new MozillaCaBundleGenerator.Root(root.getSubjectX500Principal().getName(), root.getEncoded(),
                    Optional.ofNullable(distrustAfter)));
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    /**
     * A class loader that sees only this bundle (not the real artifact on the test class path), as the artifact: the
     * bundle lies next to a copy of the artifact's marker class.
     */
    public ClassLoader released(String release, LocalDate date, Path directory) {
        write(release, date, directory);
        copyMarker(directory);
        return onlyThis(directory);
    }

    /** Writes this bundle where the artifact keeps it, under {@code directory}, without the artifact's marker. */
    public Path write(String release, LocalDate date, Path directory) {
        try {
            Path file = directory.resolve(MozillaCaBundle.RESOURCE);
            Files.createDirectories(file.getParent());
            Files.writeString(file, MozillaCaBundleGenerator.write(roots,
                    new MozillaCaBundleGenerator.Release(release, date, "test")), StandardCharsets.UTF_8);
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies the artifact's marker class into a directory, which makes the directory the artifact. */
    public static void copyMarker(Path directory) {
        try (InputStream in = MozillaCaArtifact.class.getResourceAsStream("MozillaCaArtifact.class")) {
            Path file = directory.resolve(MozillaCaBundle.MARKER);
            Files.createDirectories(file.getParent());
            Files.write(file, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where the real artifact is on the test class path (its jar or its classes directory). */
    public static URL realArtifact() {
        return MozillaCaBundleGenerator.class.getProtectionDomain().getCodeSource().getLocation();
    }

    public static ClassLoader onlyThis(Path directory) {
        try {
            return new URLClassLoader(new URL[] { directory.toUri().toURL() }, ClassLoader.getPlatformClassLoader());
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A full TLS handshake (chain and hostname checked) with this trust against the server. */
    public static void handshake(TrustMaterial material, TlsTestServer server) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] { material.trustManager() }, null);
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(server.host(), server.port())) {
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(parameters);
            socket.setSoTimeout(10_000);
            socket.startHandshake();
        }
    }
}
