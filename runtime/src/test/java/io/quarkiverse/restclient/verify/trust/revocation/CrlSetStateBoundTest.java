package io.quarkiverse.restclient.verify.trust.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;
import io.quarkiverse.restclient.verify.testpki.Crls;
import io.quarkiverse.restclient.verify.testpki.Pem;
import io.quarkiverse.restclient.verify.trust.ManyIssued;

/**
 * Servers presenting thousands of issuers under the name of a CRL's issuer, each with another key, as a hostile server
 * could: the signature verdicts kept stay at their bound, and the verdict about the real issuer, in use, is kept.
 */
class CrlSetStateBoundTest {

    @Test
    void thousandsOfIssuerKeysKeepTheVerdictsBound(@TempDir Path directory) {
        CertificateAuthority ca = CertificateAuthority.root("Crl Bound CA");
        CertificateAuthority forger = CertificateAuthority.root("Crl Bound Forger");
        Path file = Pem.write(directory.resolve("ca.crl"), Crls.pem(Crls.issue(ca)));
        CrlSet crls = CrlSet.load(List.of(file));
        X509Certificate leaf = ManyIssued.issue(ca, "leaf.test", List.of());

        X509Certificate oldest = impostor(forger, ca);
        assertThat(crls.covers(leaf, oldest)).isFalse();
        int count = CrlSet.MAX_VERIFIED + 1_000;
        for (int i = 0; i < count; i++) {
            assertThat(crls.covers(leaf, impostor(forger, ca))).as("a CRL the impostor did not sign").isFalse();
            // The real issuer is asked about on every handshake with its servers.
            assertThat(crls.covers(leaf, ca.certificate())).isTrue();
        }

        assertThat(crls.verdictsKept()).as("verdicts kept").isEqualTo(CrlSet.MAX_VERIFIED);
        assertThat(crls.verdictKept(ca.certificate())).as("the verdict in use is kept").isTrue();
        assertThat(crls.verdictKept(oldest)).as("the oldest verdict is dropped").isFalse();
    }

    /** A certificate with the CA's name and another key: the CRL names it as issuer, but it did not sign the CRL. */
    private static X509Certificate impostor(CertificateAuthority forger, CertificateAuthority ca) {
        return ManyIssued.issue(forger, ca.certificate().getSubjectX500Principal(), Duration.ofDays(30), List.of());
    }
}
