package io.quarkiverse.restclient.verify.testpki;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One PKI per test run and a TLS server for every {@link ServerCase}, started on first use and closed together.
 * The trusted root is what the client under test is configured to trust; the unknown root never is.
 */
public final class ServerScenarios implements AutoCloseable {

    private static final List<String> DNS = List.of("localhost");
    private static final List<String> IPS = List.of("127.0.0.1");

    private final CertificateAuthority trustedRoot;
    private final CertificateAuthority trustedIntermediate;
    private final CertificateAuthority unknownRoot;
    private final CertificateAuthority unknownIntermediate;
    private final Map<ServerCase, IssuedCertificate> certificates = new EnumMap<>(ServerCase.class);
    private final Map<ServerCase, TlsTestServer> servers = new EnumMap<>(ServerCase.class);

    /** Generates every certificate; no server runs yet. */
    public ServerScenarios() {
        trustedRoot = CertificateAuthority.root("Verify Test Root CA");
        trustedIntermediate = trustedRoot.intermediate("Verify Test Intermediate CA");
        unknownRoot = CertificateAuthority.root("Unknown Root CA");
        unknownIntermediate = unknownRoot.intermediate("Unknown Intermediate CA");
        Instant now = Instant.now();
        certificates.put(ServerCase.GOOD_CHAIN, trustedIntermediate.server("good.test", DNS, IPS));
        certificates.put(ServerCase.EXPIRED_LEAF, trustedIntermediate.server("expired.test", DNS, IPS,
                now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1))));
        certificates.put(ServerCase.WRONG_HOST,
                trustedIntermediate.server("wrong.example", List.of("wrong.example"), List.of()));
        certificates.put(ServerCase.SELF_SIGNED, CertificateAuthority.selfSignedServer("self-signed.test", DNS, IPS));
        certificates.put(ServerCase.UNKNOWN_ROOT, unknownIntermediate.server("unknown-root.test", DNS, IPS));
        certificates.put(ServerCase.MISSING_INTERMEDIATE,
                trustedIntermediate.server("missing-intermediate.test", DNS, IPS).withoutIntermediates());
    }

    private ServerScenarios(Path saved) {
        trustedRoot = loadCa(saved, "trusted-root");
        trustedIntermediate = loadCa(saved, "trusted-intermediate");
        unknownRoot = loadCa(saved, "unknown-root");
        unknownIntermediate = loadCa(saved, "unknown-intermediate");
        for (ServerCase serverCase : ServerCase.values()) {
            String name = serverCase.name().toLowerCase(Locale.ROOT);
            List<X509Certificate> chain = PkiFiles.chain(saved, name);
            certificates.put(serverCase, new IssuedCertificate(chain.get(0), PkiFiles.key(saved, name), chain,
                    issuerOf(chain.get(0))));
        }
    }

    /** The intermediate that signed a loaded leaf, found by name; null for the self-signed one. */
    private CertificateAuthority issuerOf(X509Certificate leaf) {
        for (CertificateAuthority ca : List.of(trustedIntermediate, unknownIntermediate)) {
            if (ca.certificate().getSubjectX500Principal().equals(leaf.getIssuerX500Principal())) {
                return ca;
            }
        }
        return null;
    }

    /**
     * The scenarios of this name, generated once per JVM and shared by every class loader: Quarkus tests initialise
     * a test class twice, and both must see the same certificates.
     */
    public static ServerScenarios shared(String name) {
        Path dir = PkiFiles.sharedDirectory("scenarios-" + name);
        synchronized (ServerScenarios.class) {
            if (Files.exists(dir.resolve("complete"))) {
                return new ServerScenarios(dir);
            }
            ServerScenarios created = new ServerScenarios();
            created.save(dir);
            return created;
        }
    }

    private void save(Path dir) {
        PkiFiles.save(dir, "trusted-root", trustedRoot.chainToRoot(), trustedRoot.privateKey());
        PkiFiles.save(dir, "trusted-intermediate", trustedIntermediate.chainToRoot(), trustedIntermediate.privateKey());
        PkiFiles.save(dir, "unknown-root", unknownRoot.chainToRoot(), unknownRoot.privateKey());
        PkiFiles.save(dir, "unknown-intermediate", unknownIntermediate.chainToRoot(), unknownIntermediate.privateKey());
        for (Map.Entry<ServerCase, IssuedCertificate> entry : certificates.entrySet()) {
            PkiFiles.save(dir, entry.getKey().name().toLowerCase(Locale.ROOT), entry.getValue().chain(),
                    entry.getValue().privateKey());
        }
        Pem.write(dir.resolve("complete"), "");
    }

    private static CertificateAuthority loadCa(Path dir, String name) {
        List<X509Certificate> chain = PkiFiles.chain(dir, name);
        return CertificateAuthority.of(chain.get(0), PkiFiles.key(dir, name), chain);
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

    /** The intermediate under the unknown root that issues the {@link ServerCase#UNKNOWN_ROOT} leaf. */
    public CertificateAuthority unknownIntermediate() {
        return unknownIntermediate;
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
