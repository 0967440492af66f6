package io.quarkiverse.restclient.verify.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;
import io.quarkiverse.restclient.verify.testpki.Pem;
import io.quarkiverse.restclient.verify.testpki.TlsTestServer;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * Every row of the README's environment table, resolved the way the start-up resolves a client without a verify of
 * its own: each of REQUESTS_CA_BUNDLE, CURL_CA_BUNDLE, SSL_CERT_FILE and SSL_CERT_DIR alone, their order, the global
 * verify and QUARKUS_REST_CLIENT_VERIFY beating them, verify-trust-env=false, and the error that names the variable.
 * Each variable names the trust of its own root; a real handshake against one server per root shows which is used.
 */
class TrustEnvironmentTableTest {

    private static final List<String> VARIABLES = List.of("REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE", "SSL_CERT_FILE",
            "SSL_CERT_DIR");

    @TempDir
    static Path dir;

    /** The file or directory each variable names in these tests, and the server only its root accepts. */
    private static final Map<String, String> FILES = new LinkedHashMap<>();
    private static final Map<String, TlsTestServer> SERVERS = new LinkedHashMap<>();

    @BeforeAll
    static void oneRootAndServerPerVariable() throws IOException {
        for (String variable : VARIABLES) {
            CertificateAuthority root = CertificateAuthority.root(variable + " Root");
            String pem = Pem.certificates(root.certificate());
            Path trust = variable.equals("SSL_CERT_DIR")
                    ? Pem.write(Files.createDirectories(dir.resolve("cert-dir")).resolve("ca.crt"), pem).getParent()
                    : Pem.write(dir.resolve(variable.toLowerCase(Locale.ROOT) + ".pem"), pem);
            FILES.put(variable, trust.toString());
            SERVERS.put(variable, TlsTestServer.start(root.server(variable.toLowerCase(Locale.ROOT).replace('_', '-') + ".test",
                    List.of("localhost"), List.of("127.0.0.1"))));
        }
    }

    @AfterAll
    static void stopServers() {
        TlsTestServer.closeAll(List.copyOf(SERVERS.values()));
    }

    @Test
    void eachVariableAloneIsTheTrust() {
        for (String variable : VARIABLES) {
            ClientTrust trust = resolve(Map.of(), env(variable));
            assertThat(trust.origin()).isEqualTo(new TrustOrigin.EnvironmentVariable(variable));
            assertThat(accepted(trust)).as(variable).containsExactly(variable);
        }
    }

    @Test
    void theVariablesApplyInRequestsOrder() {
        assertThat(accepted(resolve(Map.of(), env(VARIABLES.toArray(String[]::new))))).containsExactly(
                "REQUESTS_CA_BUNDLE");
        assertThat(accepted(resolve(Map.of(), env("CURL_CA_BUNDLE", "SSL_CERT_FILE", "SSL_CERT_DIR"))))
                .containsExactly("CURL_CA_BUNDLE");
        assertThat(accepted(resolve(Map.of(), env("SSL_CERT_FILE", "SSL_CERT_DIR")))).containsExactly("SSL_CERT_FILE");
        // An empty variable counts as unset, as in requests.
        Map<String, String> blank = env("CURL_CA_BUNDLE");
        blank.put("REQUESTS_CA_BUNDLE", " ");
        ClientTrust trust = resolve(Map.of(), blank);
        assertThat(trust.origin()).isEqualTo(new TrustOrigin.EnvironmentVariable("CURL_CA_BUNDLE"));
        assertThat(accepted(trust)).containsExactly("CURL_CA_BUNDLE");
    }

    @Test
    void theGlobalVerifyBeatsTheVariables() {
        ClientTrust trust = resolve(Map.of("quarkus.rest-client.verify", FILES.get("SSL_CERT_DIR")),
                env(VARIABLES.toArray(String[]::new)));
        assertThat(trust.origin()).isEqualTo(new TrustOrigin.GlobalProperty("quarkus.rest-client.verify"));
        assertThat(accepted(trust)).containsExactly("SSL_CERT_DIR");
    }

    @Test
    void quarkusRestClientVerifyFromTheEnvironmentBeatsTheVariables() {
        Map<String, String> environment = env(VARIABLES.toArray(String[]::new));
        environment.put("QUARKUS_REST_CLIENT_VERIFY", FILES.get("SSL_CERT_FILE"));
        ClientTrust trust = resolve(Map.of(), environment);
        assertThat(trust.origin()).isEqualTo(new TrustOrigin.GlobalProperty("quarkus.rest-client.verify"));
        assertThat(accepted(trust)).containsExactly("SSL_CERT_FILE");
    }

    @Test
    void verifyTrustEnvFalseIgnoresTheVariables() {
        ClientTrust trust = resolve(Map.of("quarkus.rest-client.verify-trust-env", "false"),
                env(VARIABLES.toArray(String[]::new)));
        assertThat(trust.origin()).isEqualTo(new TrustOrigin.JdkDefault());
        assertThat(trust.material().orElseThrow().description()).startsWith("JDK default trust");
        assertThat(accepted(trust)).isEmpty();
    }

    @Test
    void aVariableNamingNothingFailsTheStartNamingTheVariable() {
        Path missing = dir.resolve("gone.pem");
        assertThatThrownBy(() -> resolve(Map.of(), Map.of("SSL_CERT_FILE", missing.toString())))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("REST client 'table': environment variable SSL_CERT_FILE=" + missing
                        + " is not usable: " + missing + " does not exist");
    }

    /** The given variables, each naming its own root's trust. */
    private static Map<String, String> env(String... variables) {
        Map<String, String> environment = new HashMap<>();
        for (String variable : variables) {
            environment.put(variable, FILES.get(variable));
        }
        return environment;
    }

    private static ClientTrust resolve(Map<String, String> properties, Map<String, String> environment) {
        SmallRyeConfig config = ConfiguredResolver.config(new SmallRyeConfigBuilder()
                .withSources(new EnvConfigSource(environment, 300), new PropertiesConfigSource(properties, "test", 250)));
        return ConfiguredResolver.of(config, environment::get, TrustEnvironmentTableTest.class.getClassLoader())
                .resolve("org.acme.TableClient", Optional.of("table"));
    }

    /** The variables whose server completes a TLS handshake with this trust. */
    private static List<String> accepted(ClientTrust trust) {
        List<String> accepted = new ArrayList<>();
        for (Map.Entry<String, TlsTestServer> server : SERVERS.entrySet()) {
            if (handshake(trust, server.getValue())) {
                accepted.add(server.getKey());
            }
        }
        return accepted;
    }

    private static boolean handshake(ClientTrust trust, TlsTestServer server) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] { trust.material().orElseThrow().trustManager() }, null);
            try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", server.port())) {
                SSLParameters parameters = socket.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                socket.setSSLParameters(parameters);
                socket.startHandshake();
                return true;
            }
        } catch (SSLException e) {
            return false;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
