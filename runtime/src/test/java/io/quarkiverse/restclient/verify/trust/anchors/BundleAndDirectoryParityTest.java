package io.quarkiverse.restclient.verify.trust.anchors;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.security.auth.x500.X500Principal;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;
import io.quarkiverse.restclient.verify.testpki.IssuedCertificate;
import io.quarkiverse.restclient.verify.testpki.TlsTestServer;
import io.quarkiverse.restclient.verify.trust.TrustDecisions;

/**
 * A bundle file and a hashed directory holding the same certificates decide every chain the same, and rightly: pinned
 * leaves and intermediates, cross-signed roots, expired and renewed CAs, several CAs under one subject hash. Each
 * decision is a real handshake.
 */
class BundleAndDirectoryParityTest {

    private static final Instant NOW = Instant.now();
    private static final List<String> LOOPBACK = List.of("127.0.0.1");
    private static final List<TlsTestServer> SERVERS = new ArrayList<>();

    @TempDir
    Path dir;

    @AfterAll
    static void stopServers() {
        TlsTestServer.closeAll(SERVERS);
    }

    @Test
    void everyChainIsDecidedTheSameByABundleAndAHashedDirectoryOfTheSameCertificates() {
        CertificateAuthority root = CertificateAuthority.root("Parity Root");
        CertificateAuthority issuing = root.intermediate("Parity Issuing");
        IssuedCertificate leaf = issuing.server("parity.leaf", List.of(), LOOPBACK);
        IssuedCertificate sibling = issuing.server("parity.sibling", List.of(), LOOPBACK);
        CertificateAuthority other = CertificateAuthority.root("Parity Other");

        // An old root cross-signs a new one; the server sends the cross-certificate after its intermediate.
        CertificateAuthority oldRoot = CertificateAuthority.root("Parity Old Root");
        CertificateAuthority newRoot = CertificateAuthority.root("Parity New Root");
        CertificateAuthority newIssuing = newRoot.intermediate("Parity New Issuing");
        IssuedCertificate crossLeaf = newIssuing.server("parity.cross", List.of(), LOOPBACK);
        List<X509Certificate> crossChain = List.of(crossLeaf.certificate(), newIssuing.certificate(),
                oldRoot.crossSign(newRoot));

        // A root that expired yesterday and its renewal under the same name (so under the same subject hash).
        X500Principal renewedName = new X500Principal("CN=Parity Renewed Root,O=Verify Tests");
        CertificateAuthority expired = CertificateAuthority.rootNamed(renewedName, NOW.minus(Duration.ofDays(800)),
                NOW.minus(Duration.ofDays(1)));
        CertificateAuthority renewed = CertificateAuthority.rootNamed(renewedName, NOW.minus(Duration.ofHours(1)),
                NOW.plus(Duration.ofDays(3650)));
        IssuedCertificate underExpired = expired.server("parity.expired-root", List.of(), LOOPBACK);
        IssuedCertificate underRenewed = renewed.server("parity.renewed-root", List.of(), LOOPBACK);

        // Two valid CAs with one subject and different keys.
        X500Principal twinName = new X500Principal("CN=Parity Twin Root,O=Verify Tests");
        CertificateAuthority twinA = CertificateAuthority.rootNamed(twinName, NOW.minus(Duration.ofHours(1)),
                NOW.plus(Duration.ofDays(3650)));
        CertificateAuthority twinB = CertificateAuthority.rootNamed(twinName, NOW.minus(Duration.ofHours(1)),
                NOW.plus(Duration.ofDays(3650)));

        CertificateAuthority future = CertificateAuthority.root("Parity Future Root", NOW.plus(Duration.ofDays(2)),
                NOW.plus(Duration.ofDays(3650)));
        IssuedCertificate selfSigned = CertificateAuthority.selfSignedServer("parity.self", List.of(), LOOPBACK);

        IssuedCertificate underTwinA = twinA.server("parity.twin-a", List.of(), LOOPBACK);
        IssuedCertificate underTwinB = twinB.server("parity.twin-b", List.of(), LOOPBACK);
        IssuedCertificate expiredLeaf = issuing.server("parity.expired-leaf", List.of(), LOOPBACK,
                NOW.minus(Duration.ofDays(30)), NOW.minus(Duration.ofDays(1)));
        IssuedCertificate underFuture = future.server("parity.future", List.of(), LOOPBACK);
        List<Case> cases = List.of(
                new Case("root anchors leaf and intermediate", List.of(root.certificate()), leaf, leaf.chain(), true),
                new Case("pinned leaf", List.of(leaf.certificate()), leaf, leaf.chain(), true),
                new Case("pinned leaf presented alone", List.of(leaf.certificate()), leaf, leaf.leafOnly(), true),
                new Case("pinned leaf does not pass its sibling", List.of(leaf.certificate()), sibling,
                        sibling.chain(), false),
                new Case("pinned intermediate", List.of(issuing.certificate()), leaf, leaf.chain(), true),
                new Case("intermediate in trust, leaf sent alone", List.of(issuing.certificate()), leaf,
                        leaf.leafOnly(), true),
                new Case("root only, leaf sent alone", List.of(root.certificate()), leaf, leaf.leafOnly(), false),
                new Case("unrelated CA", List.of(other.certificate()), leaf, leaf.chain(), false),
                new Case("cross-signed: the old root anchors", List.of(oldRoot.certificate()), crossLeaf, crossChain,
                        true),
                new Case("cross-signed: the new root anchors", List.of(newRoot.certificate()), crossLeaf, crossChain,
                        true),
                new Case("expired root alone", List.of(expired.certificate()), underExpired, underExpired.chain(),
                        false),
                new Case("expired and renewed root, chain under the renewed one",
                        List.of(expired.certificate(), renewed.certificate()), underRenewed, underRenewed.chain(),
                        true),
                new Case("expired and renewed root, chain under the expired one",
                        List.of(expired.certificate(), renewed.certificate()), underExpired, underExpired.chain(),
                        false),
                new Case("two CAs with one subject, chain under the first",
                        List.of(twinA.certificate(), twinB.certificate()), underTwinA, underTwinA.chain(), true),
                new Case("two CAs with one subject, chain under the second",
                        List.of(twinA.certificate(), twinB.certificate()), underTwinB, underTwinB.chain(), true),
                new Case("not yet valid root", List.of(future.certificate()), underFuture, underFuture.chain(), false),
                new Case("pinned self-signed server", List.of(selfSigned.certificate()), selfSigned,
                        selfSigned.chain(), true),
                new Case("pinned leaf under an expired root", List.of(underExpired.certificate()), underExpired,
                        underExpired.leafOnly(), true),
                new Case("pinned expired leaf", List.of(expiredLeaf.certificate()), expiredLeaf,
                        expiredLeaf.leafOnly(), false));

        List<String> decisions = new ArrayList<>();
        int i = 0;
        for (Case c : cases) {
            TlsTestServer server = TlsTestServer.start(c.server.privateKey(), c.presented);
            SERVERS.add(server);
            Path bundle = TrustDecisions.bundle(dir.resolve("bundle-" + i + ".pem"), c.trusted);
            Path hashed = TrustDecisions.hashedDirectory(dir.resolve("hashed-" + i), c.trusted);
            TrustDecisions.Decision byBundle = TrustDecisions.handshake(TrustDecisions.verify(bundle), server);
            TrustDecisions.Decision byDirectory = TrustDecisions.handshake(TrustDecisions.verify(hashed), server);
            decisions.add(c.name + ": bundle " + word(byBundle) + ", directory " + word(byDirectory) + ", expected "
                    + (c.accepted ? "accepted" : "rejected") + " (" + byBundle.detail() + " | " + byDirectory.detail()
                    + ")");
            i++;
        }
        List<String> expected = new ArrayList<>();
        for (Case c : cases) {
            String word = c.accepted ? "accepted" : "rejected";
            expected.add(c.name + ": bundle " + word + ", directory " + word + ", expected " + word);
        }
        assertThat(decisions.stream().map(d -> d.substring(0, d.indexOf(" ("))).toList())
                .as(String.join("\n", decisions)).containsExactlyElementsOf(expected);
    }

    private static String word(TrustDecisions.Decision decision) {
        return decision.accepted() ? "accepted" : "rejected";
    }

    private record Case(String name, List<X509Certificate> trusted, IssuedCertificate server,
            List<X509Certificate> presented, boolean accepted) {
    }
}
