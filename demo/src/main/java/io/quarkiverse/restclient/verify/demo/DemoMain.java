package io.quarkiverse.restclient.verify.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;
import io.quarkiverse.restclient.verify.testpki.IssuedCertificate;
import io.quarkiverse.restclient.verify.testpki.Pem;
import io.quarkiverse.restclient.verify.testpki.TlsTestServer;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Makes a private CA and an HTTPS server on 127.0.0.1 before Quarkus starts, so that application.properties can
 * point a REST client at the server and at the CA bundle, exactly as a user would.
 */
@QuarkusMain
public class DemoMain {

    public static void main(String... args) throws Exception {
        Path dir = Files.createTempDirectory("verify-demo");
        CertificateAuthority root = CertificateAuthority.root("Demo Corp Root CA");
        IssuedCertificate certificate = root.intermediate("Demo Corp Issuing CA")
                .server("inventory.demo", List.of("localhost"), List.of("127.0.0.1"));
        Path bundle = Pem.write(dir.resolve("corp-ca.pem"), Pem.certificates(root.certificate()));
        try (TlsTestServer server = TlsTestServer.start(certificate)) {
            System.setProperty("demo.url", server.uri().toString());
            System.setProperty("demo.bundle", bundle.toString());
            Quarkus.run(DemoApplication.class, args);
        }
    }
}
