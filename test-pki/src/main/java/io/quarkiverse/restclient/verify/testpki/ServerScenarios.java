package io.quarkiverse.restclient.verify.testpki;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One PKI per test run and a TLS server for every {@link ServerCase}, started on first use and closed together.
 * The trusted root is what the client under test is configured to trust; the unknown root never is.
 */
public final class ServerScenarios implements AutoCloseable {

    private static final List<String> DNS = List.of("localhost");
    private static final List<String> IPS = List.of("127.0.0.1");

    private final CertificateAuthority trustedRoot = CertificateAuthority.root("Verify Test Root CA");
    private final CertificateAuthority trustedIntermediate = trustedRoot.intermediate("Verify Test Intermediate CA");
    private final CertificateAuthority unknownRoot = CertificateAuthority.root("Unknown Root CA");
    private final CertificateAuthority unknownIntermediate = unknownRoot.intermediate("Unknown Intermediate CA");
    private final Map<ServerCase, IssuedCertificate> certificates = new EnumMap<>(ServerCase.class);
    private final Map<ServerCase, TlsTestServer> servers = new EnumMap<>(ServerCase.class);

    /** Generates every certificate; no server runs yet. */
    public ServerScenarios() {
        Instant now = Instant.now();
        certificates.put(ServerCase.GOOD_CHAIN, trustedIntermediate.server("good.test", DNS, IPS));
        certificates.put(ServerCase.EXPIRED_LEAF, trustedIntermediate.server("expired.test", DNS, IPS,
                now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1))));
        certificates.put(ServerCase.WRONG_HOST,
                trustedIntermediate.server("wrong.example", List.of("wrong.example"), List.of()));
        certificates.put(ServerCase.SELF_SIGNED, CertificateAuthority.selfSignedServer("self-signed.test", DNS, IPS));
        certificates.put(ServerCase.UNKNOWN_ROOT, unknownIntermediate.server("unknown-root.test", DNS, IPS));
        IssuedCertificate lonely = trustedIntermediate.server("missing-intermediate.test", DNS, IPS);
        certificates.put(ServerCase.MISSING_INTERMEDIATE,
                new IssuedCertificate(lonely.certificate(), lonely.privateKey(), lonely.leafOnly(), lonely.issuer()));
    }

    /** The root CA the client under test trusts. */
    public CertificateAuthority trustedRoot() {
        return trustedRoot;
    }

    /** The intermediate CA under the trusted root that issues the trusted leaves. */
    public CertificateAuthority trustedIntermediate() {
        return trustedIntermediate;
    }

    /** A root CA the client never trusts. */
    public CertificateAuthority unknownRoot() {
        return unknownRoot;
    }

    /** The certificate (and presented chain) of a case. */
    public IssuedCertificate certificate(ServerCase serverCase) {
        return certificates.get(serverCase);
    }

    /** The running server of a case, started on first use. */
    public synchronized TlsTestServer server(ServerCase serverCase) {
        return servers.computeIfAbsent(serverCase, c -> TlsTestServer.start(certificates.get(c)));
    }

    /** Writes the trusted root as a PEM bundle and returns the file. */
    public Path writeTrustedRoot(Path file) {
        return Pem.write(file, Pem.certificates(trustedRoot.certificate()));
    }

    @Override
    public synchronized void close() {
        TlsTestServer.closeAll(List.copyOf(servers.values()));
        servers.clear();
    }
}
