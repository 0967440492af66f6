package io.quarkiverse.restclient.verify.benchmarks.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;
import io.quarkiverse.restclient.verify.testpki.IssuedCertificate;
import io.quarkiverse.restclient.verify.testpki.Pem;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Makes a private CA, a PEM bundle holding it and a keep-alive HTTPS server before Quarkus starts, so that
 * application.properties can point the REST clients at them, exactly as a user would. Runs {@link ThroughputRun}, or
 * with {@code -Dbench.engines=true} {@link EngineRun} against a server on BoringSSL.
 */
@QuarkusMain
public class ThroughputMain {

    public static void main(String... args) throws Exception {
        Path dir = Files.createTempDirectory("throughput-benchmark");
        CertificateAuthority root = CertificateAuthority.root("Throughput Root");
        IssuedCertificate certificate = root.intermediate("Throughput Intermediate")
                .server("api.test", List.of("localhost"), List.of("127.0.0.1"));
        Path bundle = Pem.write(dir.resolve("ca.pem"), Pem.certificates(root.certificate()));
        Path chain = Pem.write(dir.resolve("server.pem"), Pem.certificates(certificate.chain()));
        Path key = Pem.write(dir.resolve("server-key.pem"), Pem.privateKey(certificate.privateKey()));
        boolean engines = Boolean.getBoolean("bench.engines");
        try (KeepAliveServer server = new KeepAliveServer(chain, key, engines)) {
            System.setProperty("bench.url", server.url());
            System.setProperty("bench.bundle", bundle.toString());
            if (engines) {
                EngineRun.server = server;
                Quarkus.run(EngineRun.class, args);
            } else {
                ThroughputRun.server = server;
                Quarkus.run(ThroughputRun.class, args);
            }
        }
    }
}
