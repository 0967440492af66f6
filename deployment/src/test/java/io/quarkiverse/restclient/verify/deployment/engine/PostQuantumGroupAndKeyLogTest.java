package io.quarkiverse.restclient.verify.deployment.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.restclient.verify.SslVerificationException;
import io.quarkiverse.restclient.verify.deployment.Calls;
import io.quarkiverse.restclient.verify.deployment.Hello;
import io.quarkiverse.restclient.verify.deployment.LogLines;
import io.quarkiverse.restclient.verify.deployment.Pki;
import io.quarkiverse.restclient.verify.runtime.VerifyRuntime;
import io.quarkiverse.restclient.verify.runtime.devui.RestClientVerifyJsonRpcService;
import io.quarkiverse.restclient.verify.runtime.engine.ClientEngines;
import io.quarkiverse.restclient.verify.testpki.ServerCase;
import io.quarkiverse.restclient.verify.testpki.ServerScenarios;
import io.quarkus.arc.Arc;
import io.quarkus.test.QuarkusUnitTest;

/**
 * A server on BoringSSL that accepts only the hybrid post-quantum group X25519MLKEM768: the JDK engine (which offers
 * no such group on Java 17) and BoringSSL without the group fail as a failed negotiation (PROTOCOL_MISMATCH); BoringSSL
 * with key-exchange-groups=X25519MLKEM768 succeeds, over HTTP/1.1 and HTTP/2, and Inspect and the DEBUG line show the
 * group. The client with key-log-file writes NSS key-log lines whose client random is the one the server saw, into a
 * file only its owner can read, with one WARN.
 */
class PostQuantumGroupAndKeyLogTest {

    static final ServerScenarios PKI = ServerScenarios.shared("post-quantum");
    static final Path DIR = Pki.tempDir("post-quantum");
    static final Path CORP = Pki.bundle(DIR.resolve("corp.pem"), PKI.trustedRoot().certificate());
    static final Path KEYS = DIR.resolve("keys.log");
    static final BoringSslServer SERVER = BoringSslServer.start(PKI.certificate(ServerCase.GOOD_CHAIN), "X25519MLKEM768");

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Hello.class, Pki.class, Calls.class, LogLines.class,
                    BoringSslServer.class, OnJdk.class, Classic.class, PostQuantum.class, Http2.class, KeyLogging.class))
            .overrideConfigKey("quarkus.rest-client.verify", CORP.toString())
            .overrideConfigKey("quarkus.rest-client.on-jdk.ssl-engine", "jdk")
            .overrideConfigKey("quarkus.rest-client.classic.ssl-engine", "openssl")
            .overrideConfigKey("quarkus.rest-client.classic.key-exchange-groups", "X25519,secp256r1")
            .overrideConfigKey("quarkus.rest-client.pq.ssl-engine", "openssl")
            // Any case: BoringSSL itself knows only X25519MLKEM768.
            .overrideConfigKey("quarkus.rest-client.pq.key-exchange-groups", "x25519mlkem768")
            .overrideConfigKey("quarkus.rest-client.h2.ssl-engine", "openssl")
            .overrideConfigKey("quarkus.rest-client.h2.key-exchange-groups", "X25519MLKEM768")
            .overrideConfigKey("quarkus.rest-client.h2.http2", "true")
            .overrideConfigKey("quarkus.rest-client.h2.url", SERVER.uri().toString())
            .overrideConfigKey("quarkus.rest-client.keylog.ssl-engine", "openssl")
            .overrideConfigKey("quarkus.rest-client.keylog.key-exchange-groups", "X25519MLKEM768")
            .overrideConfigKey("quarkus.rest-client.keylog.key-log-file", KEYS.toString())
            .overrideConfigKey("quarkus.log.category.\"io.quarkiverse.restclient.verify.runtime.engine\".level", "DEBUG")
            .setLogRecordPredicate(LogLines::ours)
            .assertLogRecords(records -> {
                assertThat(LogLines.at(Level.WARNING, records)).containsExactly("REST client 'keylog' writes the"
                        + " secrets of its TLS handshakes to " + KEYS + " (quarkus.rest-client.keylog.key-log-file):"
                        + " anyone who can read that file can decrypt the client's traffic, credentials included. Dev"
                        + " and test mode only; delete the file when done");
                assertThat(records).map(LogLines::text).anyMatch(line -> line.startsWith("REST client 'pq': TLS with")
                        && line.endsWith("on openssl: TLSv1.3, TLS_AES_128_GCM_SHA256, key exchange X25519MLKEM768")
                        || line.startsWith("REST client 'pq': TLS with") && line.contains("key exchange X25519MLKEM768"));
            });

    @Inject
    @RestClient
    Http2 http2;

    @AfterAll
    static void stopServers() {
        SERVER.close();
        PKI.close();
    }

    @Test
    void onlyTheClientsOfferingTheGroupGetThrough() {
        for (Class<? extends Hello> client : List.of(OnJdk.class, Classic.class)) {
            Calls.Outcome outcome = Calls.call(client, SERVER.uri());
            assertThat(outcome.failure()).as(client.getSimpleName() + ": " + outcome.detail())
                    .isInstanceOf(SslVerificationException.class);
            assertThat(((SslVerificationException) outcome.failure()).reason()).as(outcome.failure().getMessage())
                    .isEqualTo(SslVerificationException.Reason.PROTOCOL_MISMATCH);
        }
        // A group mismatch is told as one: the groups offered, and the property that offers the server's.
        SslVerificationException classic = (SslVerificationException) Calls.call(Classic.class, SERVER.uri()).failure();
        assertThat(classic.getMessage()).contains("share no TLS protocol version, cipher suite or key-exchange group")
                .contains("with BoringSSL's default cipher suites and the key-exchange groups X25519, P-256"
                        + " (quarkus.rest-client.classic.key-exchange-groups)");
        assertThat(classic.hints()).anyMatch(hint -> hint.contains(
                "quarkus.rest-client.classic.key-exchange-groups=X25519MLKEM768,X25519"));
        SslVerificationException onJdk = (SslVerificationException) Calls.call(OnJdk.class, SERVER.uri()).failure();
        assertThat(onJdk.getMessage()).contains("with the JDK's default cipher suites and the JDK's default key-exchange"
                + " groups");
        assertThat(onJdk.hints()).anyMatch(hint -> hint.contains("quarkus.rest-client.on-jdk.ssl-engine=openssl and"
                + " quarkus.rest-client.on-jdk.key-exchange-groups=X25519MLKEM768,X25519"));

        Calls.Outcome pq = Calls.call(PostQuantum.class, SERVER.uri());
        assertThat(pq.ok()).as(pq.detail()).isTrue();
        assertThat(pq.body()).isEqualTo("hello over HTTP_1_1");
        assertThat(SERVER.groups()).containsOnly("X25519MLKEM768");

        // Injected: the REST client applies its http2 property to the clients it makes from configuration.
        Calls.Outcome h2 = Calls.call(http2);
        assertThat(h2.ok()).as(h2.detail()).isTrue();
        assertThat(h2.body()).isEqualTo("hello over HTTP_2");
    }

    @Test
    void inspectShowsTheGroupOfTheClientsEngine() {
        RestClientVerifyJsonRpcService devUi = new RestClientVerifyJsonRpcService(
                Arc.container().instance(VerifyRuntime.class).get(), Arc.container().instance(ClientEngines.class).get());
        Map<String, Object> pq = devUi.inspect("pq", SERVER.uri().toString());
        assertThat(pq.get("verdict")).as(String.valueOf(pq.get("message"))).isEqualTo("TRUSTED");
        assertThat((String) pq.get("negotiated")).startsWith("on BoringSSL: TLSv1.3, ")
                .endsWith(", key exchange X25519MLKEM768");
        assertThat((String) pq.get("message")).contains("(on BoringSSL: TLSv1.3, ").contains("key exchange X25519MLKEM768)");
        assertThat(devUi.inspect("on-jdk", SERVER.uri().toString()).get("verdict")).isEqualTo("PROTOCOL_MISMATCH");
    }

    @Test
    void theKeyLogHoldsTheSecretsOfTheHandshakesMade() throws IOException {
        List<String> before = SERVER.clientRandoms();
        Calls.Outcome outcome = Calls.call(KeyLogging.class, SERVER.uri());
        assertThat(outcome.ok()).as(outcome.detail()).isTrue();
        List<String> made = SERVER.clientRandoms();
        made.removeAll(before);
        assertThat(made).as("premise: the call made one handshake").hasSize(1);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(KEYS))).isEqualTo("rw-------");
        List<String> lines = lines(KEYS);
        assertThat(lines).isNotEmpty().allMatch(line -> line.matches("[A-Z_0-9]+ [0-9a-f]{64} [0-9a-f]+"));
        assertThat(lines.stream().map(line -> line.split(" ")[0]).collect(Collectors.toSet()))
                .contains("CLIENT_HANDSHAKE_TRAFFIC_SECRET", "SERVER_HANDSHAKE_TRAFFIC_SECRET",
                        "CLIENT_TRAFFIC_SECRET_0", "SERVER_TRAFFIC_SECRET_0");
        // Every line belongs to the handshake made: its client random is the one the server received.
        assertThat(lines.stream().map(line -> line.split(" ")[1].toLowerCase(Locale.ROOT)).distinct())
                .containsExactlyElementsOf(made);
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @RegisterRestClient(configKey = "on-jdk")
    public interface OnJdk extends Hello {
    }

    @RegisterRestClient(configKey = "classic")
    public interface Classic extends Hello {
    }

    @RegisterRestClient(configKey = "pq")
    public interface PostQuantum extends Hello {
    }

    @RegisterRestClient(configKey = "h2")
    public interface Http2 extends Hello {
    }

    @RegisterRestClient(configKey = "keylog")
    public interface KeyLogging extends Hello {
    }
}
