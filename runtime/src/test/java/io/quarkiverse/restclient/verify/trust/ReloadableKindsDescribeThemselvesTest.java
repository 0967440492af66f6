package io.quarkiverse.restclient.verify.trust;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;
import io.quarkiverse.restclient.verify.testpki.Crls;
import io.quarkiverse.restclient.verify.testpki.IssuedCertificate;
import io.quarkiverse.restclient.verify.testpki.Pem;
import io.quarkiverse.restclient.verify.trust.anchors.TrustMaterial;
import io.quarkiverse.restclient.verify.trust.anchors.TrustSpec;
import io.quarkiverse.restclient.verify.trust.client.ClientCertificate;
import io.quarkiverse.restclient.verify.trust.revocation.CrlSet;

/**
 * Each reloadable kind says what a reload changed, what is now in use, and whether open connections are judged again
 * by its trust or closed: the reloader announces and applies a reload with these alone.
 */
class ReloadableKindsDescribeThemselvesTest {

    private static final CertificateAuthority A = CertificateAuthority.root("Kind A");
    private static final CertificateAuthority B = CertificateAuthority.root("Kind B");

    @TempDir
    Path dir;

    @Test
    void trustSaysWhichCasChangedAndJudgesOpenConnections() {
        Path bundle = Handshakes.write(dir.resolve("ca.pem"), Pem.certificates(A.certificate()));
        Reloadable<TrustMaterial> trust = TrustMaterial.reloadable(TrustSpec.path(bundle.toString()),
                getClass().getClassLoader(), Map.of());
        Handshakes.write(bundle, Pem.certificates(B.certificate()));
        Reloadable.Outcome<TrustMaterial> outcome = trust.reload();

        assertThat(outcome.current().whatChanged(outcome.previous()))
                .isEqualTo("added 'CN=Kind B,O=Verify Tests'; removed 'CN=Kind A,O=Verify Tests'");
        assertThat(outcome.current().inUse()).isEqualTo("now trusts " + outcome.current().description());
        assertThat(outcome.current().judgesOpenConnections()).containsSame(outcome.current().trustManager());
    }

    @Test
    void aClientCertificateSaysWhatItWasAndClosesOpenConnections() {
        IssuedCertificate first = A.client("first");
        IssuedCertificate second = A.client("second");
        Path cert = Handshakes.write(dir.resolve("tls.crt"), Pem.certificates(first.certificate()));
        Path key = Handshakes.write(dir.resolve("tls.key"), Pem.privateKey(first.privateKey()));
        Reloadable<ClientCertificate> certificate = ClientCertificate.reloadable(cert, Optional.of(key),
                Optional.empty());
        ClientCertificate before = certificate.current();
        assertThat(before.whatChanged(before)).isEqualTo("same certificate subject and validity");

        Handshakes.write(cert, Pem.certificates(second.certificate()));
        Handshakes.write(key, Pem.privateKey(second.privateKey()));
        Reloadable.Outcome<ClientCertificate> outcome = certificate.reload();
        assertThat(outcome.change()).isEqualTo(Reloadable.Change.RELOADED);
        assertThat(outcome.current().whatChanged(outcome.previous())).isEqualTo("was " + before.description());
        assertThat(outcome.current().inUse()).isEqualTo("now presents " + outcome.current().description());
        assertThat(outcome.current().judgesOpenConnections()).isEmpty();
    }

    @Test
    void crlsSayWhatWasReadAndCloseOpenConnections() {
        Path crl = Handshakes.write(dir.resolve("a.crl"), Crls.pem(Crls.issue(A)));
        Reloadable<CrlSet> crls = CrlSet.reloadable(List.of(crl));
        CrlSet before = crls.current();
        Handshakes.write(crl, Crls.pem(Crls.issue(A, A.client("revoked").certificate())));
        Reloadable.Outcome<CrlSet> outcome = crls.reload();

        assertThat(outcome.change()).isEqualTo(Reloadable.Change.RELOADED);
        assertThat(outcome.current().whatChanged(outcome.previous())).isEqualTo("was " + before.description());
        assertThat(outcome.current().inUse()).isEqualTo("now checks " + outcome.current().description());
        assertThat(outcome.current().judgesOpenConnections()).isEmpty();
    }
}
