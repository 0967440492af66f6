package io.quarkiverse.restclient.verify.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
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
 * Planning the revalidation at a certificate's expiry looks at the new connection's chain only, not at every chain
 * the client holds: after thousands of distinct chains, a new connection costs one chain's certificates.
 */
class ExpiryPlanningIsIncrementalTest {

    @Test
    void aNewConnectionIsPlannedFromItsOwnChain(@TempDir Path directory) {
        Path bundle = Pem.write(directory.resolve("ca.pem"),
                Pem.certificates(CertificateAuthority.root("Planning Root").certificate()));
        ClientTrust client = new ClientTrust("planning", "org.acme.Planning", ClientKeys.of("org.acme.Planning",
                Optional.of("planning")), new TrustOrigin.ClientProperty("test"),
                Optional.of(TrustMaterial.reloadable(TrustSpec.parse(bundle.toString()),
                        getClass().getClassLoader(), Map.of())),
                Optional.empty(), Optional.empty(), false, Optional.empty(), false, Optional.empty());
        ManyChains.Client http = new ManyChains.Client();
        OpenConnections open = new OpenConnections("planning", (o, chain) -> {
        });
        open.watch(http.proxy);
        long now = System.currentTimeMillis();
        for (int i = 0; i < 3_000; i++) {
            http.open(ManyChains.chain(Duration.ofDays(30)), "server-" + i + ".test", now, 86_400).close();
        }
        try (ExpiryRevalidation revalidation = new ExpiryRevalidation(name -> null)) {
            List<X509Certificate> newest = ManyChains.chain(Duration.ofDays(1));
            assertThat(revalidation.planNow(client, open, List.of(newest))).isEqualTo(newest.size());
            // After a revalidation, every chain held is planned for again: at most the bound, not the history.
            assertThat(revalidation.planNow(client, open, open.chains()))
                    .isLessThanOrEqualTo(OpenConnections.MAX_RESUMABLE);
        }
    }
}
