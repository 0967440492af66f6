package io.quarkiverse.restclient.verify.testpki;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.bouncycastle.asn1.ASN1IA5String;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;

/**
 * Servers that send only their own certificate, whose certificates name caIssuers URLs on a local
 * {@link CaIssuersServer}: one per way a client's attempt to fetch the missing intermediate can go. Generated once per
 * JVM and name and shared by every class loader (Quarkus tests initialise a test class twice); the HTTP server runs
 * once, the TLS servers once per instance.
 */
public final class IncompleteChainScenarios implements AutoCloseable {

    /** Where the certificates' caIssuers URLs point, and what the client finds there. */
    public enum Case {
        /** The omitted intermediate, DER-encoded. */
        DER,
        /** The omitted intermediate in a certs-only PKCS#7 bundle. */
        PKCS7,
        /** A port where nothing listens. */
        UNREACHABLE,
        /** A 1 MiB body. */
        OVERSIZED,
        /** A CA certificate that did not issue the server's. */
        UNRELATED,
        /** A redirect to {@code file:///etc/passwd}. */
        REDIRECT_TO_FILE,
        /** Only an {@code ldap:} URL, which a client must not follow. */
        LDAP,
        /** Two omitted intermediates: the server's issuer names where its own issuer is. */
        TWO_LEVELS
    }

    /** The path of the omitted intermediate, DER. */
    public static final String INTERMEDIATE_DER = "/intermediate.cer";
    /** The path of the omitted intermediate, PKCS#7. */
    public static final String INTERMEDIATE_PKCS7 = "/intermediate.p7c";
    /** The oversized body. */
    public static final String OVERSIZED = "/oversized.cer";
    /** The unrelated CA certificate. */
    public static final String UNRELATED = "/unrelated.cer";
    /** The redirect to {@code file:}. */
    public static final String REDIRECT = "/redirect.cer";
    /** The lower of two omitted intermediates. */
    public static final String LOWER = "/lower.cer";
    /** The upper of two omitted intermediates. */
    public static final String UPPER = "/upper.cer";

    private static final List<String> DNS = List.of("localhost");
    private static final List<String> IPS = List.of("127.0.0.1");

    private final CertificateAuthority root;
    private final CertificateAuthority intermediate;
    private final Map<Case, IssuedCertificate> leaves = new EnumMap<>(Case.class);
    private final Map<Case, TlsTestServer> servers = new EnumMap<>(Case.class);
    private final int port;
    private final CaIssuersServer issuers;
    private TlsTestServer fullChain;

    private IncompleteChainScenarios(CaIssuersServer issuers) {
        this.issuers = issuers;
        this.port = issuers.port();
        root = CertificateAuthority.root("Incomplete Chain Root CA");
        intermediate = root.intermediate("Omitted Intermediate CA");
        CertificateAuthority upper = root.intermediate("Upper Omitted CA");
        CertificateAuthority lower = upper.intermediate("Lower Omitted CA", List.of(issuers.url(UPPER)));
        issuers.certificate(INTERMEDIATE_DER, intermediate.certificate())
                .pkcs7(INTERMEDIATE_PKCS7, List.of(intermediate.certificate()))
                .oversized(OVERSIZED, 1024 * 1024)
                .certificate(UNRELATED, CertificateAuthority.root("Unrelated CA").certificate())
                .redirect(REDIRECT, "file:///etc/passwd")
                .certificate(LOWER, lower.certificate())
                .certificate(UPPER, upper.certificate());
        leaf(Case.DER, intermediate, issuers.url(INTERMEDIATE_DER));
        leaf(Case.PKCS7, intermediate, issuers.url(INTERMEDIATE_PKCS7));
        leaf(Case.UNREACHABLE, intermediate, "http://127.0.0.1:" + closedPort() + INTERMEDIATE_DER);
        leaf(Case.OVERSIZED, intermediate, issuers.url(OVERSIZED));
        leaf(Case.UNRELATED, intermediate, issuers.url(UNRELATED));
        leaf(Case.REDIRECT_TO_FILE, intermediate, issuers.url(REDIRECT));
        leaf(Case.LDAP, intermediate, "ldap://127.0.0.1:" + port + "/cn=Omitted%20Intermediate%20CA?cACertificate");
        leaf(Case.TWO_LEVELS, lower, issuers.url(LOWER));
    }

    private IncompleteChainScenarios(Path saved, int port) {
        this.issuers = null;
        this.port = port;
        root = load(saved, "root");
        intermediate = load(saved, "intermediate");
        for (Case c : Case.values()) {
            String name = c.name().toLowerCase(Locale.ROOT);
            List<X509Certificate> chain = PkiFiles.chain(saved, name);
            leaves.put(c, new IssuedCertificate(chain.get(0), PkiFiles.key(saved, name), chain, null));
        }
    }

    private void leaf(Case c, CertificateAuthority issuer, String caIssuers) {
        String name = c.name().toLowerCase(Locale.ROOT).replace('_', '-') + ".test";
        leaves.put(c, issuer.server(name, DNS, IPS, List.of(caIssuers)).withoutIntermediates());
    }

    /** The scenarios of this name: generated, with the HTTP server started, by the first class loader that asks. */
    public static IncompleteChainScenarios shared(String name) {
        Path dir = PkiFiles.sharedDirectory("incomplete-" + name);
        String property = "verify.tests.ca-issuers-port." + name;
        synchronized (IncompleteChainScenarios.class) {
            String port = System.getProperty(property);
            if (port != null && Files.exists(dir.resolve("complete"))) {
                return new IncompleteChainScenarios(dir, Integer.parseInt(port));
            }
            IncompleteChainScenarios created = new IncompleteChainScenarios(CaIssuersServer.start());
            created.save(dir);
            System.setProperty(property, String.valueOf(created.port));
            return created;
        }
    }

    private void save(Path dir) {
        PkiFiles.save(dir, "root", root.chainToRoot(), root.privateKey());
        PkiFiles.save(dir, "intermediate", intermediate.chainToRoot(), intermediate.privateKey());
        for (Map.Entry<Case, IssuedCertificate> leaf : leaves.entrySet()) {
            PkiFiles.save(dir, leaf.getKey().name().toLowerCase(Locale.ROOT), leaf.getValue().chain(),
                    leaf.getValue().privateKey());
        }
        Pem.write(dir.resolve("complete"), "");
    }

    private static CertificateAuthority load(Path dir, String name) {
        List<X509Certificate> chain = PkiFiles.chain(dir, name);
        return CertificateAuthority.of(chain.get(0), PkiFiles.key(dir, name), chain);
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The root CA a client trusts; the intermediates under it are the ones servers leave out. */
    public CertificateAuthority root() {
        return root;
    }

    /** The intermediate every case but {@link Case#TWO_LEVELS} leaves out. */
    public CertificateAuthority intermediate() {
        return intermediate;
    }

    /** The server certificate of a case; its chain is the certificate alone. */
    public IssuedCertificate leaf(Case c) {
        return leaves.get(c);
    }

    /** The caIssuers URL in the server certificate of a case. */
    public String caIssuers(Case c) {
        byte[] extension = leaves.get(c).certificate().getExtensionValue(Extension.authorityInfoAccess.getId());
        try {
            AccessDescription first = AuthorityInformationAccess
                    .getInstance(JcaX509ExtensionUtils.parseExtensionValue(extension)).getAccessDescriptions()[0];
            return ASN1IA5String.getInstance(first.getAccessLocation().getName()).getString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The TLS server of a case, sending only its own certificate; started on first use. */
    public synchronized TlsTestServer server(Case c) {
        return servers.computeIfAbsent(c, k -> TlsTestServer.start(leaves.get(k)));
    }

    /** A server with the certificate of {@link Case#DER} that sends its full chain, as it should. */
    public synchronized TlsTestServer fullChainServer() {
        if (fullChain == null) {
            IssuedCertificate leaf = leaves.get(Case.DER);
            List<X509Certificate> chain = new ArrayList<>(leaf.chain());
            chain.add(intermediate.certificate());
            fullChain = TlsTestServer.start(leaf.privateKey(), chain);
        }
        return fullChain;
    }

    /** How many requests a path of the caIssuers server has had, from any class loader. */
    public int fetches(String path) {
        return issuers != null ? issuers.fetches(path) : CaIssuersServer.fetches(port, path);
    }

    /** The port of the caIssuers server. */
    public int issuersPort() {
        return port;
    }

    @Override
    public synchronized void close() {
        servers.values().forEach(TlsTestServer::close);
        servers.clear();
        if (fullChain != null) {
            fullChain.close();
            fullChain = null;
        }
    }
}
