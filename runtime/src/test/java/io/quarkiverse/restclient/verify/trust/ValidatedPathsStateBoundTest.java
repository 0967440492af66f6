package io.quarkiverse.restclient.verify.trust;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.X509Certificate;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;

/**
 * Servers presenting a new chain on every handshake, as a hostile server could: the paths remembered stay at their
 * bound, the least recently used dropped first, so the path of the server in use is not built again.
 */
class ValidatedPathsStateBoundTest {

    @Test
    void hundredsOfChainsKeepTheBoundAndThePathInUse() throws Exception {
        CertificateAuthority ca = CertificateAuthority.root("Paths Bound CA");
        ValidatedPaths paths = new ValidatedPaths(List.of(ca.certificate()));
        X509Certificate[] inUse = { ManyIssued.issue(ca, "in-use.test", List.of()) };
        X509Certificate[] oldest = { ManyIssued.issue(ca, "oldest.test", List.of()) };
        ValidatedPath oldestPath = paths.of(oldest);
        ValidatedPath inUsePath = paths.of(inUse);

        int count = ValidatedPaths.MAX_REMEMBERED * 10;
        for (int i = 0; i < count; i++) {
            paths.of(new X509Certificate[] { ManyIssued.issue(ca, "server-" + i + ".test", List.of()) });
            // The server in use presents the same chain on every handshake.
            assertThat(paths.of(inUse)).as("the path in use, after %d new chains", i + 1).isSameAs(inUsePath);
        }

        assertThat(paths.size()).as("paths remembered").isEqualTo(ValidatedPaths.MAX_REMEMBERED);
        assertThat(paths.of(oldest)).as("the oldest path is dropped and built again").isNotSameAs(oldestPath);
    }
}
