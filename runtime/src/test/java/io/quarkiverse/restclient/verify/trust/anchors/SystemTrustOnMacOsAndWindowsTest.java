package io.quarkiverse.restclient.verify.trust.anchors;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;
import io.quarkiverse.restclient.verify.testpki.Pem;
import io.quarkiverse.restclient.verify.testpki.TlsTestServer;

/**
 * {@code verify=system} as a JDK on macOS or Windows reads it, on this machine: each scenario runs in a JVM started
 * with that {@code os.name} and {@link OperatingSystemStoresProvider} standing in for the JDK's key stores, filled
 * with CAs made here. Checked: which stores are read, their counts (a CA in two stores counted once), the start-up
 * text, the warning on a macOS JDK without {@code KeychainStore-ROOT}, an unreadable store named, and real handshakes
 * with servers whose chains end at a CA of each store, or of none.
 */
class SystemTrustOnMacOsAndWindowsTest {

    private static final CertificateAuthority USER = CertificateAuthority.root("Corp Proxy CA (user)");
    private static final CertificateAuthority SHARED = CertificateAuthority.root("Shared Root");
    private static final CertificateAuthority ROOTS = CertificateAuthority.root("Apple System Root");
    private static final CertificateAuthority MACHINE = CertificateAuthority.root("Corp Machine CA");
    private static final CertificateAuthority STRANGER = CertificateAuthority.root("In No Store");

    /** Written out, not taken from {@link SystemTrust}, so that a change of the text shows here. */
    private static final String LIMITATION = "system holds only the CAs installed by the user or IT (KeychainStore):"
            + " Apple's system roots need JDK 23 or later (KeychainStore-ROOT). Fix: write default,system";

    private static final List<TlsTestServer> SERVERS = new ArrayList<>();
    private static TlsTestServer user;
    private static TlsTestServer roots;
    private static TlsTestServer machine;
    private static TlsTestServer stranger;

    @TempDir
    static Path dir;

    @BeforeAll
    static void startServers() {
        user = server(USER);
        roots = server(ROOTS);
        machine = server(MACHINE);
        stranger = server(STRANGER);
    }

    @AfterAll
    static void stopServers() {
        TlsTestServer.closeAll(SERVERS);
    }

    private static TlsTestServer server(CertificateAuthority ca) {
        TlsTestServer server = TlsTestServer.start(ca.server("localhost", List.of("localhost"), List.of("127.0.0.1")));
        SERVERS.add(server);
        return server;
    }

    @Test
    void macOsReadsTheKeychainAndApplesSystemRoots() throws Exception {
        Map<String, String> out = run("Mac OS X", Map.of("KeychainStore", store("user", USER, SHARED),
                "KeychainStore-ROOT", store("roots", ROOTS, SHARED)));

        assertThat(out.get(handshake(user))).isEqualTo("accepted");
        assertThat(out.get(handshake(roots))).isEqualTo("accepted");
        assertThat(out.get(handshake(stranger))).startsWith("rejected: ");
        assertThat(out.get("os.name")).isEqualTo("Mac OS X");
        assertThat(out.get("stores")).isEqualTo("KeychainStore 2, KeychainStore-ROOT 2");
        assertThat(out.get("limitation")).isEmpty();
        assertThat(out.get("description")).isEqualTo("system trust: macOS KeychainStore (2 CA certificates),"
                + " KeychainStore-ROOT (2 CA certificates); 3 CA certificates in all");
        assertThat(out.get("certificates")).isEqualTo("3");
        assertThat(out.get("material")).isEqualTo(out.get("description"));
        assertThat(out.get("warnings")).isEmpty();
    }

    @Test
    void macOsWithoutKeychainStoreRootSaysWhatSystemLacks() throws Exception {
        Map<String, String> out = run("Mac OS X", Map.of("KeychainStore", store("user", USER, SHARED)));

        assertThat(out.get("warnings")).isEqualTo(LIMITATION);
        assertThat(out.get("limitation")).isEqualTo(LIMITATION);
        assertThat(out.get("stores")).isEqualTo("KeychainStore 2");
        // With the JDK's public CAs beside it, nothing is missing.
        assertThat(out.get("default,system warnings")).isEmpty();
        assertThat(out.get("description")).isEqualTo("system trust: macOS KeychainStore (2 CA certificates)");
        assertThat(out.get(handshake(user))).isEqualTo("accepted");
        assertThat(out.get(handshake(roots))).startsWith("rejected: ");
    }

    @Test
    void windowsReadsTheUsersAndTheMachinesRootStore() throws Exception {
        Map<String, String> out = run("Windows 11", Map.of("Windows-ROOT", store("user", USER, SHARED),
                "Windows-ROOT-LOCALMACHINE", store("machine", MACHINE, SHARED)));

        assertThat(out.get(handshake(user))).isEqualTo("accepted");
        assertThat(out.get(handshake(machine))).isEqualTo("accepted");
        assertThat(out.get(handshake(stranger))).startsWith("rejected: ");
        assertThat(out.get("os.name")).isEqualTo("Windows 11");
        assertThat(out.get("stores")).isEqualTo("Windows-ROOT 2, Windows-ROOT-LOCALMACHINE 2");
        assertThat(out.get("limitation")).isEmpty();
        assertThat(out.get("description")).isEqualTo("system trust: Windows-ROOT (2 CA certificates),"
                + " Windows-ROOT-LOCALMACHINE (2 CA certificates); 3 CA certificates in all");
        assertThat(out.get("certificates")).isEqualTo("3");
        assertThat(out.get("warnings")).isEmpty();
    }

    @Test
    void windowsWithoutTheMachineStoreReadsTheUsersAlone() throws Exception {
        Map<String, String> out = run("Windows 11", Map.of("Windows-ROOT", store("user", USER)));

        assertThat(out.get("stores")).isEqualTo("Windows-ROOT 1");
        assertThat(out.get("description")).isEqualTo("system trust: Windows-ROOT (1 CA certificate)");
        assertThat(out.get("warnings")).isEmpty();
        assertThat(out.get(handshake(user))).isEqualTo("accepted");
        assertThat(out.get(handshake(machine))).startsWith("rejected: ");
    }

    @Test
    void aStoreThatCannotBeReadIsNamed() throws Exception {
        Map<String, String> out = run("Windows 11", Map.of("Windows-ROOT", store("user", USER),
                "Windows-ROOT-LOCALMACHINE", OperatingSystemStoresProvider.UNREADABLE));

        assertThat(out.get("error")).isEqualTo("system trust: Windows-ROOT-LOCALMACHINE (the machine's ROOT"
                + " store) cannot be read: access denied (test store). Fix: let this process read it, or write"
                + " default, or a CA bundle file exported from the store, instead of system");
        assertThat(out).doesNotContainKey("description");
    }

    private static String handshake(TlsTestServer server) {
        return "handshake " + server.port();
    }

    private static String store(String name, CertificateAuthority... cas) {
        List<java.security.cert.X509Certificate> certificates = new ArrayList<>();
        for (CertificateAuthority ca : cas) {
            certificates.add(ca.certificate());
        }
        return Pem.write(dir.resolve(name + ".pem"), Pem.certificates(certificates)).toString();
    }

    /** Runs {@link SystemTrustProbe} in a JVM with this {@code os.name} and these stores; its output by key. */
    private static Map<String, String> run(String osName, Map<String, String> stores)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Dos.name=" + osName,
                "-D" + SystemTrustProbe.REAL_OS_NAME + "=" + System.getProperty("os.name"), "-cp",
                System.getProperty("java.class.path")));
        stores.forEach((type, source) -> command.add("-D" + OperatingSystemStoresProvider.PROPERTY + type + "=" + source));
        command.add(SystemTrustProbe.class.getName());
        for (TlsTestServer server : SERVERS) {
            command.add(String.valueOf(server.port()));
        }
        Path errors = Files.createTempFile(dir, "probe", ".err");
        Process process = new ProcessBuilder(command).redirectError(errors.toFile()).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the probe JVM ends").isTrue();
        String errorText = Files.readString(errors);
        assertThat(process.exitValue()).as(output + errorText).isZero();
        Map<String, String> result = new LinkedHashMap<>();
        for (String line : output.split("\n")) {
            int equals = line.indexOf('=');
            if (equals > 0) {
                result.put(line.substring(0, equals), line.substring(equals + 1));
            }
        }
        return result;
    }
}
