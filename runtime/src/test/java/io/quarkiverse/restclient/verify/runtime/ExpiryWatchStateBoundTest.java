package io.quarkiverse.restclient.verify.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkiverse.restclient.verify.config.ClientKeys;
import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;
import io.quarkiverse.restclient.verify.testpki.Pem;
import io.quarkiverse.restclient.verify.trust.anchors.TrustMaterial;
import io.quarkiverse.restclient.verify.trust.anchors.TrustSpec;

/**
 * CA bundles rotated again and again, each with new certificates about to expire: the certificates remembered as
 * warned about stay at their bound, the least recently seen dropped first, so the bundle in use is not warned about
 * twice.
 */
class ExpiryWatchStateBoundTest {

    private static final int BATCH = 128;

    @Test
    void thousandsOfExpiringCertificatesKeepTheBound(@TempDir Path directory) {
        ExpiryWatch watch = new ExpiryWatch(Duration.ofDays(30));
        Instant now = Instant.now();
        ClientTrust inUse = client(directory, "in-use", List.of(expiring("Expiring in use")));
        List<ClientTrust> batches = new ArrayList<>();
        int count = ExpiryWatch.MAX_WARNED * 2;
        for (int b = 0; b < count / BATCH; b++) {
            List<X509Certificate> certificates = new ArrayList<>();
            for (int i = 0; i < BATCH; i++) {
                certificates.add(expiring(String.format("Expiring %02d-%03d", b, i)));
            }
            batches.add(client(directory, "rotated" + b, certificates));
        }

        try (CapturedLog log = new CapturedLog()) {
            watch.warnOnce(List.of(inUse), now);
            for (ClientTrust batch : batches) {
                // The client in use is looked at on every round, with the rotated ones.
                watch.warnOnce(List.of(batch, inUse), now);
            }
            assertThat(log.count("'CN=Expiring in use,")).as("warnings about the bundle in use").isEqualTo(1);
            assertThat(log.count("'CN=Expiring 00-000,")).isEqualTo(1);
            assertThat(watch.warnedCount()).as("certificates remembered").isEqualTo(ExpiryWatch.MAX_WARNED);

            watch.warnOnce(List.of(batches.get(0), inUse), now);
            assertThat(log.count("'CN=Expiring 00-000,")).as("the oldest was dropped: warned about again")
                    .isEqualTo(2);
            assertThat(log.count("'CN=Expiring in use,")).isEqualTo(1);
        }
    }

    private static X509Certificate expiring(String name) {
        Instant now = Instant.now();
        return CertificateAuthority.root(name, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(10)))
                .certificate();
    }

    private static ClientTrust client(Path directory, String name, List<X509Certificate> certificates) {
        Path bundle = Pem.write(directory.resolve(name + ".pem"), Pem.certificates(certificates));
        return new ClientTrust(name, "org.acme." + name, ClientKeys.named(name),
                new TrustOrigin.ClientProperty("quarkus.rest-client." + name + ".verify"),
                Optional.of(TrustMaterial.reloadable(TrustSpec.parse(bundle.toString()),
                        ExpiryWatchStateBoundTest.class.getClassLoader(), Map.of())),
                Optional.empty(), Optional.empty(), false, Optional.empty(), false, Optional.empty());
    }
}
