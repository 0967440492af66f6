package io.quarkiverse.restclient.verify.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;
import io.quarkiverse.restclient.verify.testpki.IssuedCertificate;
import io.quarkiverse.restclient.verify.testpki.MountedDirectory;
import io.quarkiverse.restclient.verify.testpki.Pem;
import io.quarkiverse.restclient.verify.trust.Reloadable;
import io.quarkiverse.restclient.verify.trust.client.ClientCertificate;

/** A handshake that chose its client certificate before a reload still gets that certificate's chain and key. */
class RecordingKeyManagerTest {

    private static final CertificateAuthority CA = CertificateAuthority.root("Key Manager CA");

    @TempDir
    Path dir;

    @Test
    void chainAndKeyOfOneHandshakeComeFromTheSameLoad() {
        IssuedCertificate first = CA.client("first");
        IssuedCertificate second = CA.client("second");
        MountedDirectory secret = MountedDirectory.create(dir.resolve("tls"), files(first));
        Reloadable<ClientCertificate> certificate = ClientCertificate.reloadable(secret.file("tls.crt"),
                Optional.of(secret.file("tls.key")), Optional.empty());
        RecordingKeyManager keys = new RecordingKeyManager(new ClientCertificateRequests(), certificate);

        String chosen = keys.chooseEngineClientAlias(new String[] { "EC" }, null, null);
        secret.update(files(second));
        assertThat(certificate.reload().change()).isEqualTo(Reloadable.Change.RELOADED);

        // The handshake in flight asks for the alias it chose: still the first certificate and its own key.
        assertThat(keys.getCertificateChain(chosen)[0]).isEqualTo(first.certificate());
        assertThat(keys.getPrivateKey(chosen)).isEqualTo(first.privateKey());
        String next = keys.chooseEngineClientAlias(new String[] { "EC" }, null, null);
        assertThat(next).isNotEqualTo(chosen);
        assertThat(keys.getCertificateChain(next)[0]).isEqualTo(second.certificate());
        assertThat(keys.getPrivateKey(next)).isEqualTo(second.privateKey());
        assertThat(keys.getPrivateKey("client-999")).isNull();
    }

    private static Map<String, String> files(IssuedCertificate certificate) {
        return Map.of("tls.crt", Pem.certificates(certificate.chain()), "tls.key",
                Pem.privateKey(certificate.privateKey()));
    }
}
