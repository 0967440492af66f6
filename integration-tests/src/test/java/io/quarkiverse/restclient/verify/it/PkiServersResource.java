package io.quarkiverse.restclient.verify.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.quarkiverse.restclient.verify.testpki.CaIssuersServer;
import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;
import io.quarkiverse.restclient.verify.testpki.IssuedCertificate;
import io.quarkiverse.restclient.verify.testpki.OpenSsl;
import io.quarkiverse.restclient.verify.testpki.Pem;
import io.quarkiverse.restclient.verify.testpki.TlsTestServer;
import io.quarkiverse.restclient.verify.trust.anchors.OpenSslSubjectHash;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * What the application finds in production, made for the test: a corporate CA bundle file, a partner CA in an
 * OpenSSL hashed directory, the HTTPS services on 127.0.0.1 that present chains from those CAs, and a supplier's
 * service that leaves out its intermediate, with the caIssuers server its certificate points at.
 */
public class PkiServersResource implements QuarkusTestResourceLifecycleManager {

    private TlsTestServer inventory;
    private TlsTestServer partner;
    private TlsTestServer ledger;
    private TlsTestServer supplier;
    private CaIssuersServer supplierIssuers;

    @Override
    public Map<String, String> start() {
        try {
            Path dir = Files.createTempDirectory("verify-it-pki");
            CertificateAuthority corp = CertificateAuthority.root("Corp Root CA");
            CertificateAuthority partnerRoot = CertificateAuthority.root("Partner Root CA");
            Pem.write(dir.resolve("corp-ca.pem"), Pem.certificates(corp.certificate()));
            Path partnerCas = Files.createDirectories(dir.resolve("partner-cas"));
            Pem.write(partnerCas.resolve("partner-root.pem"), Pem.certificates(partnerRoot.certificate()));
            Files.createSymbolicLink(
                    partnerCas.resolve(OpenSsl.subjectHash(partnerRoot.certificate(), OpenSslSubjectHash::of) + ".0"),
                    Path.of("partner-root.pem"));

            IssuedCertificate inventoryCertificate = corp.intermediate("Corp Issuing CA")
                    .server("inventory.corp", List.of("localhost"), List.of("127.0.0.1"));
            IssuedCertificate partnerCertificate = partnerRoot
                    .server("api.partner", List.of("localhost"), List.of("127.0.0.1"));
            CertificateAuthority corpIssuing = corp.intermediate("Corp Client CA");
            IssuedCertificate ledgerClient = corpIssuing.client("ledger-client");
            Pem.write(dir.resolve("ledger-client.pem"), Pem.certificates(ledgerClient.chain()));
            Pem.write(dir.resolve("ledger-client.key"), Pem.privateKey(ledgerClient.privateKey()));
            IssuedCertificate ledgerCertificate = corp.intermediate("Corp Ledger CA")
                    .server("ledger.corp", List.of("localhost"), List.of("127.0.0.1"));
            ledger = TlsTestServer.builder(ledgerCertificate.privateKey(), ledgerCertificate.chain())
                    .requireClientCertificate(List.of(corp.certificate())).start();
            // The supplier's server sends only its own certificate; its intermediate is at the caIssuers URL.
            CertificateAuthority supplierRoot = CertificateAuthority.root("Supplier Root CA");
            CertificateAuthority supplierIssuing = supplierRoot.intermediate("Supplier Issuing CA");
            Pem.write(dir.resolve("supplier-root.pem"), Pem.certificates(supplierRoot.certificate()));
            supplierIssuers = CaIssuersServer.start().certificate("/supplier-issuing.cer",
                    supplierIssuing.certificate());
            IssuedCertificate supplierCertificate = supplierIssuing.server("api.supplier", List.of("localhost"),
                    List.of("127.0.0.1"), List.of(supplierIssuers.url("/supplier-issuing.cer")));
            supplier = TlsTestServer.start(supplierCertificate.privateKey(), supplierCertificate.leafOnly());
            inventory = TlsTestServer.start(inventoryCertificate);
            partner = TlsTestServer.start(partnerCertificate);
            return Map.of("pki.dir", dir.toString(),
                    "inventory.url", inventory.uri().toString(),
                    "partner.url", partner.uri("localhost").toString(),
                    "ledger.url", ledger.uri().toString(),
                    "supplier.url", supplier.uri().toString(),
                    "supplier.issuers.port", String.valueOf(supplierIssuers.port()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        TlsTestServer.closeAll(Arrays.asList(inventory, partner, ledger, supplier));
        if (supplierIssuers != null) {
            supplierIssuers.close();
        }
    }
}
