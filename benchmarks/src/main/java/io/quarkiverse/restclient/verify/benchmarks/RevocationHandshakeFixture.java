package io.quarkiverse.restclient.verify.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;

import io.quarkiverse.restclient.verify.diagnosis.DiagnosingTrustManager;
import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;
import io.quarkiverse.restclient.verify.testpki.IssuedCertificate;
import io.quarkiverse.restclient.verify.testpki.OcspResponder;
import io.quarkiverse.restclient.verify.testpki.Pem;
import io.quarkiverse.restclient.verify.trust.Reloadable;
import io.quarkiverse.restclient.verify.trust.anchors.ReloadingTrustManager;
import io.quarkiverse.restclient.verify.trust.anchors.TrustMaterial;
import io.quarkiverse.restclient.verify.trust.anchors.TrustSpec;
import io.quarkiverse.restclient.verify.trust.revocation.RevocationMode;
import io.quarkiverse.restclient.verify.trust.revocation.RevocationPolicy;
import io.quarkiverse.restclient.verify.trust.revocation.RevocationTrustManager;
import io.quarkiverse.restclient.verify.trust.revocation.SpkiPins;

/**
 * One stapling TLS server on 127.0.0.1 (its OCSP answer fetched once from a responder on 127.0.0.1 and cached by the
 * JDK server) and two clients with the extension's chain as a managed REST client has it: {@code verify-revocation=off}
 * and {@code verify-revocation=stapled}. Both receive the stapled answer (JDK clients ask for it by default); only
 * the stapled client parses and verifies it. Every handshake is full, as in {@link HandshakeFixture}.
 * <p>
 * The set-up proves that the stapled client reads the staple: it refuses a second server whose stapled answer says
 * revoked, which the off client accepts.
 */
final class RevocationHandshakeFixture implements AutoCloseable {

    final SSLContext offContext;
    final SSLContext stapledContext;
    private final OcspResponder responder;
    private final HandshakeServer server;
    private final Path bundle;
    private final int responderRequestsAfterSetUp;

    RevocationHandshakeFixture() throws GeneralSecurityException, IOException {
        CertificateAuthority root = CertificateAuthority.root("Stapling Root");
        CertificateAuthority intermediate = root.intermediate("Stapling Intermediate");
        responder = OcspResponder.start(intermediate);
        CertificateAuthority answering = intermediate.withOcspResponder(responder.uri());
        IssuedCertificate good = answering.server("api.test", List.of("localhost"), List.of("127.0.0.1"));
        IssuedCertificate revoked = answering.server("revoked.test", List.of("localhost"), List.of("127.0.0.1"));
        responder.revoke(revoked.certificate());
        server = new HandshakeServer(good, true);
        bundle = Files.createTempFile("stapling", ".pem");
        Pem.write(bundle, Pem.certificates(root.certificate()));

        Reloadable<TrustMaterial> trust = TrustMaterial.reloadable(TrustSpec.parse(bundle.toString()),
                getClass().getClassLoader(), Map.of());
        offContext = clientContext(trust, RevocationPolicy.off());
        stapledContext = clientContext(trust, new RevocationPolicy(RevocationMode.STAPLED,
                "quarkus.rest-client.bench.verify-revocation", Optional.empty(), "quarkus.rest-client.bench.verify-crl",
                SpkiPins.none(), "quarkus.rest-client.bench.verify-pins", Optional.empty()));
        for (SSLContext context : List.of(offContext, stapledContext)) {
            FullHandshakes.requireOk(handshakeAndGet(context));
        }
        try (HandshakeServer revokedServer = new HandshakeServer(revoked, true)) {
            FullHandshakes.connectAndGet(offContext, revokedServer);
            try {
                FullHandshakes.connectAndGet(stapledContext, revokedServer);
                throw new IllegalStateException("the stapled client accepted a server whose staple says revoked");
            } catch (SSLHandshakeException expected) {
                // The staple was read and believed.
            }
        }
        responderRequestsAfterSetUp = responder.requests();
    }

    /** A full handshake and one GET; then the sessions are forgotten so that the next handshake is full too. */
    byte[] handshakeAndGet(SSLContext context) throws IOException {
        return FullHandshakes.handshakeAndGet(context, server);
    }

    /** Fails if a measured handshake was resumed or made the server ask its responder again; prints the counts. */
    @Override
    public void close() throws IOException {
        int resumed = server.resumedHandshakes();
        int handshakes = server.handshakes();
        int asked = responder.requests() - responderRequestsAfterSetUp;
        server.close();
        responder.close();
        Files.deleteIfExists(bundle);
        System.out.println(handshakes + " handshakes, " + resumed + " resumed, " + asked
                + " responder requests after the set-up");
        if (resumed > 0) {
            throw new IllegalStateException(resumed + " of " + handshakes + " handshakes were resumed");
        }
    }

    private static SSLContext clientContext(Reloadable<TrustMaterial> trust, RevocationPolicy policy)
            throws GeneralSecurityException {
        return FullHandshakes.clientContext(new DiagnosingTrustManager(
                RevocationTrustManager.wrap(new ReloadingTrustManager(trust), trust, policy)));
    }
}
