package io.quarkiverse.restclient.verify.trust;

import java.io.IOException;
import java.net.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

import io.quarkiverse.restclient.verify.testpki.TlsTestServer;
import io.quarkiverse.restclient.verify.trust.anchors.ReloadingTrustManager;
import io.quarkiverse.restclient.verify.trust.anchors.TrustMaterial;
import io.quarkiverse.restclient.verify.trust.anchors.TrustSpec;
import io.quarkiverse.restclient.verify.trust.lookups.PkiLookups;
import io.quarkiverse.restclient.verify.trust.revocation.CrlSet;
import io.quarkiverse.restclient.verify.trust.revocation.RevocationMode;
import io.quarkiverse.restclient.verify.trust.revocation.RevocationPolicy;
import io.quarkiverse.restclient.verify.trust.revocation.RevocationResponders;
import io.quarkiverse.restclient.verify.trust.revocation.RevocationTrustManager;
import io.quarkiverse.restclient.verify.trust.revocation.SpkiPins;

/** Real handshakes of a JDK client with the revocation and pinning checks against a test server. */
public final class Handshakes {

    private Handshakes() {
    }

    /** The trust of a PEM bundle, reloadable like a client's. */
    public static Reloadable<TrustMaterial> trust(Path bundle) {
        return TrustMaterial.reloadable(TrustSpec.parse(bundle.toString()), Handshakes.class.getClassLoader(),
                Map.of());
    }

    /** A policy with these settings, naming the properties of a client called {@code test}. */
    public static RevocationPolicy policy(RevocationMode mode, Optional<Reloadable<CrlSet>> crls, SpkiPins pins,
            Consumer<String> warnings) {
        Optional<RevocationResponders> responders = mode.online()
                ? Optional.of(new RevocationResponders(Proxy.NO_PROXY, Duration.ofSeconds(2), new PkiLookups(),
                        LoopbackLookups.ALLOWED, warnings))
                : Optional.empty();
        return new RevocationPolicy(mode, "quarkus.rest-client.test.verify-revocation", crls,
                "quarkus.rest-client.test.verify-crl", pins, "quarkus.rest-client.test.verify-pins", responders);
    }

    /** The client's trust manager: the normal verification, then the policy's checks. */
    public static X509ExtendedTrustManager manager(Reloadable<TrustMaterial> trust, RevocationPolicy policy) {
        return RevocationTrustManager.wrap(new ReloadingTrustManager(trust), trust, policy);
    }

    /**
     * Connects to the server with this trust manager and completes a TLS handshake.
     *
     * @return the trust manager's verdict: null when the handshake succeeded
     */
    public static CertificateException handshake(X509ExtendedTrustManager manager, TlsTestServer server) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] { manager }, null);
            try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(server.host(),
                    server.port())) {
                SSLParameters parameters = socket.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                socket.setSSLParameters(parameters);
                socket.setSoTimeout(10_000);
                socket.startHandshake();
                return null;
            }
        } catch (SSLHandshakeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof CertificateException) {
                    return (CertificateException) t;
                }
            }
            throw new AssertionError("the handshake failed, but not in the trust manager", e);
        } catch (IOException | GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    /** A fresh temporary directory. */
    public static Path tempDir(String name) {
        try {
            return Files.createTempDirectory(name);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Writes a file. */
    public static Path write(Path file, String content) {
        try {
            return Files.writeString(file, content);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Where warnings go when a test does not look at them. */
    public static final Consumer<String> IGNORE = warning -> {
    };
}
