package io.quarkiverse.restclient.verify.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkiverse.restclient.verify.config.ClientKeys;
import io.quarkiverse.restclient.verify.runtime.ClientTrust;
import io.quarkiverse.restclient.verify.runtime.TrustOrigin;
import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;
import io.quarkiverse.restclient.verify.testpki.Pem;
import io.quarkiverse.restclient.verify.trust.anchors.TrustMaterial;
import io.quarkiverse.restclient.verify.trust.anchors.TrustSpec;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * What each engine setting decides, and what start-up refuses, with the message that names the client, the property
 * and the fix: a key log in production mode (attack: the secrets of every call written to disk in production), groups
 * or a key log on the JDK engine, an unknown engine or group, BoringSSL that cannot run, and engine settings on a
 * client that keeps its own TLS settings.
 */
class ClientEnginesTest {

    static final BoringSslAvailability AVAILABLE = Optional::empty;

    @TempDir
    Path dir;

    @Test
    void aKeyLogIsRefusedInProductionMode() {
        Path keys = dir.resolve("keys.log");
        ClientEngines engines = engines(false, AVAILABLE, "quarkus.rest-client.pay.ssl-engine", "openssl",
                "quarkus.rest-client.pay.key-log-file", keys.toString());
        assertThatThrownBy(() -> engines.of(managed())).isInstanceOf(ConfigurationException.class)
                .hasMessage("REST client 'pay': quarkus.rest-client.pay.key-log-file is set, but TLS key logs are"
                        + " written in dev and test mode only, and this application runs in production mode: the file"
                        + " would let anyone who reads it decrypt the client's traffic. Fix: remove"
                        + " quarkus.rest-client.pay.key-log-file, or set it for dev mode only, e.g."
                        + " %dev.quarkus.rest-client.pay.key-log-file=" + keys);
        assertThat(Files.exists(keys)).as("nothing written").isFalse();
    }

    @Test
    void devAndTestModeWriteTheKeyLog() {
        Path keys = dir.resolve("keys.log");
        ClientEngine engine = engines(true, AVAILABLE, "quarkus.rest-client.pay.ssl-engine", "openssl",
                "quarkus.rest-client.pay.key-log-file", keys.toString()).of(managed());
        assertThat(engine.engine()).isEqualTo(SslEngine.OPENSSL);
        assertThat(engine.keyLog()).map(KeyLog::path).contains(keys);
        assertThat(engine.keyLogKey()).isEqualTo("quarkus.rest-client.pay.key-log-file");
    }

    @Test
    void theGlobalEngineAppliesAndTheClientsOwnWins() {
        ClientEngines engines = engines(true, AVAILABLE, "quarkus.rest-client.ssl-engine", "openssl",
                "quarkus.rest-client.key-exchange-groups", "x25519mlkem768, secp256r1");
        ClientEngine engine = engines.of(managed());
        assertThat(engine.engine()).isEqualTo(SslEngine.OPENSSL);
        assertThat(engine.engineKey()).isEqualTo("quarkus.rest-client.ssl-engine");
        assertThat(engine.groups()).containsExactly("X25519MLKEM768", "P-256");
        assertThat(engines(true, AVAILABLE, "quarkus.rest-client.ssl-engine", "openssl",
                "quarkus.rest-client.pay.ssl-engine", "JDKSSL").of(managed()).engine()).isEqualTo(SslEngine.JDK);
        assertThat(engines(true, AVAILABLE).of(managed()).engine()).as("the default").isEqualTo(SslEngine.JDK);
    }

    @Test
    void groupsAndKeyLogsNeedBoringSsl() {
        assertThatThrownBy(() -> engines(true, AVAILABLE, "quarkus.rest-client.pay.key-exchange-groups",
                "X25519MLKEM768").of(managed())).isInstanceOf(ConfigurationException.class)
                .hasMessage("REST client 'pay': quarkus.rest-client.pay.key-exchange-groups is set, but the client runs"
                        + " on the JDK's TLS engine (quarkus.rest-client.ssl-engine), which takes key-exchange groups"
                        + " only for the whole JVM (-Djdk.tls.namedGroups). Fix: set"
                        + " quarkus.rest-client.pay.ssl-engine=openssl (BoringSSL, with the dependency"
                        + " io.netty:netty-tcnative-boringssl-static:2.0.84.Final), or remove"
                        + " quarkus.rest-client.pay.key-exchange-groups");
    }

    @Test
    void aWordThatNamesNoEngineOrGroupIsRefused() {
        assertThatThrownBy(() -> engines(true, AVAILABLE, "quarkus.rest-client.pay.ssl-engine", "boring")
                .of(managed())).hasMessage("REST client 'pay': quarkus.rest-client.pay.ssl-engine=boring is not a TLS"
                        + " engine. Fix: set quarkus.rest-client.pay.ssl-engine to jdk (or jdkssl) or openssl");
        assertThatThrownBy(() -> engines(true, AVAILABLE, "quarkus.rest-client.pay.ssl-engine", "openssl",
                "quarkus.rest-client.pay.key-exchange-groups", "X25519MLKEM1024").of(managed()))
                .hasMessageStartingWith("REST client 'pay': quarkus.rest-client.pay.key-exchange-groups=X25519MLKEM1024"
                        + " names a key-exchange group BoringSSL does not know. Fix: list groups among ");
    }

    @Test
    void boringSslThatCannotRunNamesTheArtifact() {
        BoringSslAvailability missing = () -> BoringSslAvailability.missing(false, false, null, "linux-x86_64");
        assertThatThrownBy(() -> engines(true, missing, "quarkus.rest-client.pay.ssl-engine", "openssl")
                .of(managed())).hasMessage("REST client 'pay': quarkus.rest-client.pay.ssl-engine=openssl needs"
                        + " BoringSSL, but its artifact io.netty:netty-tcnative-boringssl-static:2.0.84.Final is not on"
                        + " the class path. Fix: add the dependency io.netty:netty-tcnative-boringssl-static:2.0.84.Final"
                        + " with the classifier linux-x86_64 (this machine's platform; without a classifier it brings"
                        + " every platform's library) to the application");
        assertThat(BoringSslAvailability.missing(true, false, new UnsatisfiedLinkError("no library"), "linux-aarch_64"))
                .map(BoringSslAvailability.Unavailable::what)
                .contains("Netty could not load its native library for linux-aarch_64 (no library)");
        assertThat(BoringSslAvailability.missing(true, true, null, "linux-x86_64")).isEmpty();
        assertThat(BoringSslAvailability.ofThisProcess().unavailable()).as("premise: the tests have BoringSSL")
                .isEmpty();
    }

    @Test
    void aClientOnItsOwnTrustStoreKeepsItsEngine() {
        ClientTrust own = new ClientTrust("pay", "org.acme.Pay", ClientKeys.of("org.acme.Pay", Optional.of("pay")),
                new TrustOrigin.OwnTlsSettings("quarkus.rest-client.pay.trust-store"), Optional.empty(),
                Optional.of("quarkus.rest-client.pay.trust-store"), Optional.empty(), false, Optional.empty(), false,
                Optional.empty());
        assertThatThrownBy(() -> engines(true, AVAILABLE, "quarkus.rest-client.pay.ssl-engine", "openssl").of(own))
                .hasMessageStartingWith("REST client 'pay': quarkus.rest-client.pay.ssl-engine is set, but the client"
                        + " keeps its own TLS settings (quarkus.rest-client.pay.trust-store)");
        assertThat(engines(true, AVAILABLE, "quarkus.rest-client.ssl-engine", "openssl").of(own).engine())
                .as("the setting for every client does not apply to it").isEqualTo(SslEngine.JDK);
    }

    private ClientTrust managed() {
        Path bundle = Pem.write(dir.resolve("ca.pem"), Pem.certificates(CertificateAuthority.root("Root").certificate()));
        return new ClientTrust("pay", "org.acme.Pay", ClientKeys.of("org.acme.Pay", Optional.of("pay")),
                new TrustOrigin.ClientProperty("quarkus.rest-client.pay.verify"),
                Optional.of(TrustMaterial.reloadable(TrustSpec.parse(bundle.toString()), getClass().getClassLoader(),
                        Map.of())),
                Optional.empty(), Optional.empty(), false, Optional.empty(), false, Optional.empty());
    }

    private static ClientEngines engines(boolean devOrTest, BoringSslAvailability availability, String... properties) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < properties.length; i += 2) {
            values.put(properties[i], properties[i + 1]);
        }
        SmallRyeConfig config = new SmallRyeConfigBuilder().withDefaultValues(values).build();
        return new ClientEngines(config, devOrTest, availability);
    }

}
