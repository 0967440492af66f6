package io.quarkiverse.restclient.verify.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

import io.quarkiverse.restclient.verify.runtime.ClientTlsStack;
import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;
import io.quarkiverse.restclient.verify.testpki.IssuedCertificate;
import io.quarkiverse.restclient.verify.testpki.Pem;
import io.quarkiverse.restclient.verify.trust.anchors.TrustMaterial;
import io.quarkiverse.restclient.verify.trust.anchors.TrustSpec;
import io.quarkiverse.restclient.verify.trust.revocation.RevocationPolicy;

/**
 * One TLS server on 127.0.0.1 and two clients for it: the extension's trust chain (the stack a REST client gets, over the
 * material loaded from a PEM bundle with the server's root) and a plain JDK PKIX trust manager over a key store with
 * the same root.
 * <p>
 * Every handshake is full: each client has one {@link SSLContext}, and after each connection every session in its
 * client session cache (TLS 1.3 tickets included) is invalidated, so there is nothing to resume. The server counts
 * resumptions; the set-up proves that it sees one, and {@link #close()} fails if a later handshake was resumed.
 */
final class HandshakeFixture implements AutoCloseable {

    final X509Certificate[] chain;
    final X509ExtendedTrustManager extension;
    final X509ExtendedTrustManager jdk;
    final SSLContext extensionContext;
    final SSLContext jdkContext;
    /** A second client exactly like {@link #jdkContext}, for a control run. */
    final SSLContext jdkControlContext;
    private final HandshakeServer server;
    private final Path bundle;
    private final int resumedInSetUp;

    HandshakeFixture() throws GeneralSecurityException, IOException {
        CertificateAuthority root = CertificateAuthority.root("Handshake Root");
        IssuedCertificate certificate = root.intermediate("Handshake Intermediate")
                .server("localhost", List.of("localhost"), List.of("127.0.0.1")); // CN a copy of a SAN, as strict mode asks
        chain = certificate.chain().toArray(new X509Certificate[0]);
        server = new HandshakeServer(certificate);
        bundle = Files.createTempFile("handshake", ".pem");
        Pem.write(bundle, Pem.certificates(root.certificate()));

        TrustSpec spec = TrustSpec.parse(bundle.toString());
        // The stack a REST client gets (ClientTlsStack): strict mode too with -Dbench.strict=true.
        RevocationPolicy policy = Boolean.getBoolean("bench.strict")
                ? RevocationPolicy.off().withStrict(Optional.of("bench.strict"))
                : RevocationPolicy.off();
        extension = ClientTlsStack.trustManager(TrustMaterial.reloadable(spec, getClass().getClassLoader(), Map.of()),
                policy, UnaryOperator.identity());

        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("root", root.certificate());
        TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
        factory.init(store);
        jdk = (X509ExtendedTrustManager) factory.getTrustManagers()[0];

        extensionContext = FullHandshakes.clientContext(extension);
        jdkContext = FullHandshakes.clientContext(jdk);
        jdkControlContext = FullHandshakes.clientContext(jdk);
        for (SSLContext context : List.of(extensionContext, jdkContext, jdkControlContext)) {
            FullHandshakes.requireOk(handshakeAndGet(context));
        }
        // Two connections that keep their session: the second must be seen as resumed, else the count proves nothing.
        SSLContext resuming = FullHandshakes.clientContext(jdk);
        FullHandshakes.connectAndGet(resuming, server);
        FullHandshakes.connectAndGet(resuming, server);
        resumedInSetUp = server.resumedHandshakes();
        if (resumedInSetUp != 1) {
            throw new IllegalStateException("the server saw " + resumedInSetUp + " resumed handshakes, expected 1");
        }
    }

    /** A full handshake and one GET; then the sessions are forgotten so that the next handshake is full too. */
    byte[] handshakeAndGet(SSLContext context) throws IOException {
        return FullHandshakes.handshakeAndGet(context, server);
    }

    /** Fails if any handshake after the set-up was resumed; prints the counts. */
    @Override
    public void close() throws IOException {
        int resumed = server.resumedHandshakes() - resumedInSetUp;
        int handshakes = server.handshakes();
        server.close();
        Files.deleteIfExists(bundle);
        System.out.println(handshakes + " handshakes, " + resumed + " resumed after the set-up");
        if (resumed > 0) {
            throw new IllegalStateException(resumed + " of " + handshakes + " handshakes were resumed");
        }
    }
}
