package io.quarkiverse.restclient.verify.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.net.ssl.SSLContext;
import javax.net.ssl.X509ExtendedTrustManager;

import io.quarkiverse.restclient.verify.diagnosis.DiagnosingTrustManager;
import io.quarkiverse.restclient.verify.testpki.CaIssuersServer;
import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;
import io.quarkiverse.restclient.verify.testpki.IssuedCertificate;
import io.quarkiverse.restclient.verify.testpki.Pem;
import io.quarkiverse.restclient.verify.trust.anchors.ReloadingTrustManager;
import io.quarkiverse.restclient.verify.trust.anchors.TrustMaterial;
import io.quarkiverse.restclient.verify.trust.anchors.TrustSpec;
import io.quarkiverse.restclient.verify.trust.fetch.FetchLimits;
import io.quarkiverse.restclient.verify.trust.fetch.IntermediateFetcher;
import io.quarkiverse.restclient.verify.trust.fetch.IntermediateFetchingTrustManager;
import io.quarkiverse.restclient.verify.trust.lookups.LookupAddresses;

/**
 * Two TLS servers on 127.0.0.1 with the same certificate (EC P-256; root, intermediate, server): one sends its full
 * chain, the other only its own certificate, whose caIssuers URL points at a local {@link CaIssuersServer}. One client
 * with the extension's trust chain and {@code verify-fetch-intermediates} on (diagnosing over fetching over reloading
 * over a PEM bundle with the root) calls both.
 * <p>
 * The set-up makes the one fetch (the first handshake with the repaired server); {@link #close()} fails if there was
 * any other, or if a measured handshake was resumed. Every handshake is full, as in {@link HandshakeFixture}.
 */
final class RepairedChainFixture implements AutoCloseable {

    final X509Certificate[] fullChain;
    final X509Certificate[] leafOnly;
    final X509ExtendedTrustManager client;
    final HandshakeServer full;
    final HandshakeServer repaired;
    private final CaIssuersServer issuers;
    private final SSLContext context;
    private final Path bundle;

    RepairedChainFixture() throws GeneralSecurityException, IOException {
        CertificateAuthority root = CertificateAuthority.root("Repair Root");
        CertificateAuthority intermediate = root.intermediate("Repair Intermediate");
        issuers = CaIssuersServer.start().certificate("/intermediate.cer", intermediate.certificate());
        IssuedCertificate certificate = intermediate.server("api.test", List.of("localhost"), List.of("127.0.0.1"),
                List.of(issuers.url("/intermediate.cer")));
        fullChain = certificate.chain().toArray(new X509Certificate[0]);
        leafOnly = new X509Certificate[] { certificate.certificate() };
        full = new HandshakeServer(certificate);
        repaired = new HandshakeServer(certificate.withoutIntermediates());
        bundle = Files.createTempFile("repair", ".pem");
        Pem.write(bundle, Pem.certificates(root.certificate()));
        client = new DiagnosingTrustManager(new IntermediateFetchingTrustManager(
                new ReloadingTrustManager(TrustMaterial.reloadable(TrustSpec.parse(bundle.toString()),
                        getClass().getClassLoader(), Map.of())),
                // The fixture's caIssuers server listens on 127.0.0.1, which look-ups refuse unless it is allowed.
                new IntermediateFetcher(FetchLimits.DEFAULT), Optional.empty(),
                LookupAddresses.allowing(List.of("127.0.0.1")), repair -> {
                }));
        context = FullHandshakes.clientContext(client);
        for (HandshakeServer server : List.of(full, repaired)) {
            FullHandshakes.requireOk(handshakeAndGet(server));
        }
        if (issuers.fetches("/intermediate.cer") != 1) {
            throw new IllegalStateException("the set-up should fetch the intermediate once");
        }
    }

    /** A full handshake and one GET with this server; then the client's sessions are forgotten. */
    byte[] handshakeAndGet(HandshakeServer server) throws IOException {
        return FullHandshakes.handshakeAndGet(context, server);
    }

    /** Fails if the intermediate was fetched more than once or a handshake was resumed; prints the counts. */
    @Override
    public void close() throws IOException {
        int fetches = issuers.fetches("/intermediate.cer");
        int resumed = full.resumedHandshakes() + repaired.resumedHandshakes();
        int handshakes = full.handshakes() + repaired.handshakes();
        full.close();
        repaired.close();
        issuers.close();
        Files.deleteIfExists(bundle);
        System.out.println(handshakes + " handshakes, " + resumed + " resumed, " + fetches + " fetch(es)");
        if (fetches != 1 || resumed > 0) {
            throw new IllegalStateException(fetches + " fetches and " + resumed + " resumed handshakes");
        }
    }
}
