package io.quarkiverse.restclient.verify.trust;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

import io.quarkiverse.restclient.verify.testpki.Pem;
import io.quarkiverse.restclient.verify.testpki.TlsTestServer;
import io.quarkiverse.restclient.verify.trust.anchors.OpenSslSubjectHash;
import io.quarkiverse.restclient.verify.trust.anchors.TrustMaterial;
import io.quarkiverse.restclient.verify.trust.anchors.TrustSpec;

/** Real TLS handshakes against test servers on 127.0.0.1, decided by a trust manager of this package. */
public final class TrustDecisions {

    private TrustDecisions() {
    }

    /**
     * Whether a fresh client (no session to resume) with this trust completes a handshake with the server, hostname
     * verification on; on failure, the innermost cause's message.
     */
    public static Decision handshake(X509ExtendedTrustManager trust, TlsTestServer server) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] { trust }, null);
            try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket()) {
                socket.connect(new InetSocketAddress(server.host(), server.port()), 5_000);
                socket.setSoTimeout(5_000);
                SSLParameters parameters = socket.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                socket.setSSLParameters(parameters);
                socket.startHandshake();
                return new Decision(true, "accepted");
            }
        } catch (IOException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            return new Decision(false, root.getClass().getSimpleName() + ": " + root.getMessage());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The trust manager of {@code verify=<path>}, loaded as the extension loads it. */
    public static X509ExtendedTrustManager verify(Path path) {
        return TrustMaterial.load(TrustSpec.path(path.toString()), TrustDecisions.class.getClassLoader(), Map.of())
                .trustManager();
    }

    /** A PEM bundle of these certificates. */
    public static Path bundle(Path file, List<X509Certificate> certificates) {
        return Pem.write(file, Pem.certificates(certificates));
    }

    /** An OpenSSL hashed directory of these certificates, one file each, as {@code openssl rehash} lays it out. */
    public static Path hashedDirectory(Path dir, List<X509Certificate> certificates) {
        try {
            Files.createDirectories(dir);
            int i = 0;
            for (X509Certificate certificate : certificates) {
                String hash = OpenSslSubjectHash.of(certificate);
                int n = 0;
                while (Files.exists(dir.resolve(hash + "." + n))) {
                    n++;
                }
                Path file = Pem.write(dir.resolve("ca-" + i++ + ".pem"), Pem.certificates(List.of(certificate)));
                Files.createSymbolicLink(dir.resolve(hash + "." + n), file.getFileName());
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How a handshake went. */
    public record Decision(boolean accepted, String detail) {
    }
}
