package io.quarkiverse.restclient.verify.benchmarks.load;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;
import io.quarkiverse.restclient.verify.testpki.IssuedCertificate;
import io.quarkiverse.restclient.verify.testpki.Pem;
import io.quarkiverse.restclient.verify.testpki.SlowHttpServer;
import io.quarkiverse.restclient.verify.testpki.TlsTestServer;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Makes the private CAs, the rotating bundle and every server before Quarkus starts, so that application.properties
 * points the REST clients at them as a user would:
 * <ul>
 * <li>a healthy keep-alive server (Vert.x), called over kept-alive and over new connections;</li>
 * <li>a server whose root is added to the bundle and removed from it on alternate seconds;</li>
 * <li>a server whose certificate names an OCSP responder that trickles one header byte a second;</li>
 * <li>a server that leaves out its intermediate, whose caIssuers URL accepts and never answers;</li>
 * <li>a port that speaks plain HTTP;</li>
 * <li>a server presenting a newly issued certificate on every connection.</li>
 * </ul>
 */
@QuarkusMain
public class LoadMain {

    public static void main(String... args) throws Exception {
        Path dir = Files.createTempDirectory("load-harness");
        List<AutoCloseable> closing = new ArrayList<>();
        try {
            CertificateAuthority root = CertificateAuthority.root("Load Root");
            IssuedCertificate healthy = root.intermediate("Load Intermediate")
                    .server("healthy.test", List.of("localhost"), List.of("127.0.0.1"));
            CertificateAuthority rotatingRoot = CertificateAuthority.root("Load Rotating Root");
            // With an intermediate, as real servers: without its root the chain is from an unknown issuer.
            IssuedCertificate rotating = rotatingRoot.intermediate("Load Rotating Intermediate").server("rotating.test",
                    List.of("localhost"), List.of("127.0.0.1"));

            SlowHttpServer trickling = SlowHttpServer.trickling(1_000);
            closing.add(trickling);
            CertificateAuthority ocspRoot = CertificateAuthority.root("Load OCSP Root")
                    .withOcspResponder(URI.create(trickling.url("/ocsp")));
            IssuedCertificate ocsp = ocspRoot.server("ocsp.test", List.of("localhost"), List.of("127.0.0.1"));

            SlowHttpServer silent = SlowHttpServer.silent();
            closing.add(silent);
            CertificateAuthority incompleteRoot = CertificateAuthority.root("Load Incomplete Root");
            IssuedCertificate incomplete = incompleteRoot.intermediate("Load Incomplete Intermediate").server(
                    "incomplete.test", List.of("localhost"), List.of("127.0.0.1"),
                    List.of(silent.url("/intermediate.cer")));

            CertificateAuthority newChainRoot = CertificateAuthority.root("Load New Chain Root");

            // Always trusted: every root but the rotating one; LoadRun adds and removes that one.
            String base = Pem.certificates(root.certificate(), ocspRoot.certificate(), incompleteRoot.certificate(),
                    newChainRoot.certificate());
            Path bundle = Pem.write(dir.resolve("bundle.pem"), base);

            HealthyServer healthyServer = new HealthyServer(
                    Pem.write(dir.resolve("healthy.pem"), Pem.certificates(healthy.chain())),
                    Pem.write(dir.resolve("healthy-key.pem"), Pem.privateKey(healthy.privateKey())));
            closing.add(healthyServer);
            HealthyServer rotatingServer = new HealthyServer(
                    Pem.write(dir.resolve("rotating.pem"), Pem.certificates(rotating.chain())),
                    Pem.write(dir.resolve("rotating-key.pem"), Pem.privateKey(rotating.privateKey())));
            closing.add(rotatingServer);
            TlsTestServer ocspServer = TlsTestServer.builder(ocsp).body("hello").keepAlive().start();
            closing.add(ocspServer);
            TlsTestServer incompleteServer = TlsTestServer.builder(incomplete.privateKey(), incomplete.leafOnly()).body("hello")
                    .start();
            closing.add(incompleteServer);
            TlsTestServer plain = TlsTestServer.plainHttp();
            closing.add(plain);
            NewChainServer newChain = new NewChainServer(newChainRoot);
            closing.add(newChain);

            System.setProperty("load.bundle", bundle.toString());
            System.setProperty("load.healthy-url", healthyServer.url());
            System.setProperty("load.rotating-url", rotatingServer.url());
            System.setProperty("load.ocsp-url", ocspServer.uri().toString());
            System.setProperty("load.incomplete-url", incompleteServer.uri().toString());
            System.setProperty("load.plain-url", "https://127.0.0.1:" + plain.port());
            System.setProperty("load.new-chain-url", newChain.url());

            LoadRun.fixture = new LoadRun.Fixture(bundle, base, Pem.certificates(rotatingRoot.certificate()),
                    healthyServer, newChain, trickling, silent);
            Quarkus.run(LoadRun.class, args);
        } finally {
            for (AutoCloseable server : closing) {
                try {
                    server.close();
                } catch (Exception e) {
                    // Shutting down anyway.
                }
            }
        }
    }
}
