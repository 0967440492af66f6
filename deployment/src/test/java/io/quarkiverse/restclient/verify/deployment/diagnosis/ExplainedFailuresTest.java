package io.quarkiverse.restclient.verify.deployment.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.restclient.verify.PresentedCertificate;
import io.quarkiverse.restclient.verify.SslVerificationException;
import io.quarkiverse.restclient.verify.SslVerificationException.Reason;
import io.quarkiverse.restclient.verify.deployment.Hello;
import io.quarkiverse.restclient.verify.deployment.Pki;
import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;
import io.quarkiverse.restclient.verify.testpki.IssuedCertificate;
import io.quarkiverse.restclient.verify.testpki.ServerCase;
import io.quarkiverse.restclient.verify.testpki.ServerScenarios;
import io.quarkiverse.restclient.verify.testpki.TlsTestServer;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.quarkus.test.QuarkusUnitTest;

/**
 * Every TLS failure of an injected client reaches the caller as SslVerificationException with the right reason, the
 * evidence, and hints that name the client's own property. One real server per row of the classification table.
 */
class ExplainedFailuresTest {

    static final ServerScenarios PKI = ServerScenarios.shared("explained");
    static final Path CORP = Pki.bundle(Pki.tempDir("explained").resolve("corp.pem"), PKI.trustedRoot().certificate());
    static final IssuedCertificate EARLY = PKI.trustedIntermediate().server("early.test", List.of("localhost"),
            List.of("127.0.0.1"), Instant.now().plus(Duration.ofDays(2)), Instant.now().plus(Duration.ofDays(300)));
    // A CA that carries the name of a public root from the JDK trust store, signed by a key of ours.
    static final X509Certificate PUBLIC_ROOT = Pki.jdkDefaultRoot();
    static final IssuedCertificate LOOKS_PUBLIC = CertificateAuthority.rootNamed(PUBLIC_ROOT.getSubjectX500Principal())
            .intermediate("Public Issuing CA").server("api.public.test", List.of("localhost"), List.of("127.0.0.1"));
    static final TlsTestServer EARLY_SERVER = TlsTestServer.start(EARLY);
    static final TlsTestServer PUBLIC_SERVER = TlsTestServer.start(LOOKS_PUBLIC);
    static final TlsTestServer PLAIN = TlsTestServer.plainHttp();
    static final IssuedCertificate GOOD = PKI.certificate(ServerCase.GOOD_CHAIN);
    // MD5 signatures are disabled outright by jdk.certpath.disabledAlgorithms; the root stays trusted.
    static final CertificateAuthority RSA_ROOT = CertificateAuthority.root("Legacy RSA Root", Instant.now()
            .minus(Duration.ofHours(1)), Instant.now().plus(Duration.ofDays(365)), CertificateAuthority.KeyType.RSA_2048,
            null);
    static final Path LEGACY = Pki.bundle(Pki.tempDir("explained").resolve("legacy.pem"), RSA_ROOT.certificate());
    static final TlsTestServer WEAK = TlsTestServer.start(RSA_ROOT.server("md5.test", List.of("localhost"),
            List.of("127.0.0.1"), "MD5withRSA"));
    // An EC key cannot serve an RSA cipher suite: the server finds no suite in common and aborts the handshake.
    static final TlsTestServer NO_COMMON_SUITE = TlsTestServer.builder(GOOD.privateKey(), GOOD.chain())
            .protocols("TLSv1.2").cipherSuites("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256").start();
    static final TlsTestServer MUTUAL = TlsTestServer.builder(GOOD.privateKey(), GOOD.chain())
            .requireClientCertificate(List.of(PKI.trustedRoot().certificate())).start();

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Hello.class, Pki.class, UnknownIssuer.class, SelfSigned.class,
                    IncompleteChain.class, Expired.class, NotYetValid.class, WrongHost.class, NotTls.class,
                    PublicCa.class, Mutual.class, Weak.class, Negotiation.class))
            .overrideConfigKey("quarkus.rest-client.verify", CORP.toString())
            .overrideConfigKey("quarkus.rest-client.unknown.url", url(PKI.server(ServerCase.UNKNOWN_ROOT)))
            .overrideConfigKey("quarkus.rest-client.self.url", url(PKI.server(ServerCase.SELF_SIGNED)))
            .overrideConfigKey("quarkus.rest-client.incomplete.url", url(PKI.server(ServerCase.MISSING_INTERMEDIATE)))
            .overrideConfigKey("quarkus.rest-client.expired.url", url(PKI.server(ServerCase.EXPIRED_LEAF)))
            .overrideConfigKey("quarkus.rest-client.early.url", url(EARLY_SERVER))
            .overrideConfigKey("quarkus.rest-client.wrong-host.url", url(PKI.server(ServerCase.WRONG_HOST)))
            .overrideConfigKey("quarkus.rest-client.plain.url", "https://127.0.0.1:" + PLAIN.port())
            .overrideConfigKey("quarkus.rest-client.public.url", url(PUBLIC_SERVER))
            .overrideConfigKey("quarkus.rest-client.mutual.url", url(MUTUAL))
            .overrideConfigKey("quarkus.rest-client.weak.url", url(WEAK))
            .overrideConfigKey("quarkus.rest-client.negotiation.url", url(NO_COMMON_SUITE))
            .overrideConfigKey("quarkus.rest-client.weak.verify", LEGACY.toString());

    @Inject
    @RestClient
    UnknownIssuer unknownIssuer;
    @Inject
    @RestClient
    SelfSigned selfSigned;
    @Inject
    @RestClient
    IncompleteChain incompleteChain;
    @Inject
    @RestClient
    Expired expired;
    @Inject
    @RestClient
    NotYetValid notYetValid;
    @Inject
    @RestClient
    WrongHost wrongHost;
    @Inject
    @RestClient
    NotTls notTls;
    @Inject
    @RestClient
    PublicCa publicCa;
    @Inject
    @RestClient
    Mutual mutual;

    @Inject
    @RestClient
    Weak weak;
    @Inject
    @RestClient
    Negotiation negotiation;

    @AfterAll
    static void stopServers() {
        PKI.close();
        TlsTestServer.closeAll(List.of(EARLY_SERVER, PUBLIC_SERVER, PLAIN, MUTUAL, WEAK, NO_COMMON_SUITE));
    }

    @Test
    void unknownIssuer() {
        SslVerificationException e = failure(unknownIssuer);
        assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_ISSUER);
        assertThat(e).isInstanceOf(ProcessingException.class).hasCauseInstanceOf(ProcessingException.class);
        assertThat(e.clientName()).isEqualTo("unknown");
        assertThat(e.host()).isEqualTo("127.0.0.1");
        int port = configuredPort("unknown");
        assertThat(e.port()).isEqualTo(port);
        assertThat(e.presentedChain()).extracting(PresentedCertificate::subject)
                .containsExactly("CN=unknown-root.test,O=Verify Tests", "CN=Unknown Intermediate CA,O=Verify Tests");
        assertThat(e.trustDescription()).isEqualTo("file " + CORP + " (1 CA certificate) [quarkus.rest-client.verify]");
        assertThat(e.getMessage())
                .contains("leads to the CA 'CN=Unknown Root CA,O=Verify Tests', which this client does not trust")
                .contains("This client trusts: file " + CORP)
                .contains("quarkus.rest-client.unknown.verify=" + CORP + ",/path/to/ca.pem")
                .contains("openssl s_client -connect 127.0.0.1:" + port + " -showcerts")
                .doesNotContain("verify=false");
        assertThat(e.hints()).first().asString().contains("quarkus.rest-client.unknown.verify=");
    }

    @Test
    void selfSigned() {
        SslVerificationException e = failure(selfSigned);
        assertThat(e.reason()).isEqualTo(Reason.SELF_SIGNED);
        String fingerprint = e.presentedChain().get(0).sha256();
        assertThat(e.getMessage()).contains("self-signed certificate 'CN=self-signed.test,O=Verify Tests'")
                .contains("SHA-256 fingerprint " + fingerprint)
                .contains("quarkus.rest-client.self.verify=" + CORP + ",/path/to/server.pem");
    }

    @Test
    void incompleteChain() {
        SslVerificationException e = failure(incompleteChain);
        assertThat(e.reason()).isEqualTo(Reason.INCOMPLETE_CHAIN);
        assertThat(e.presentedChain()).hasSize(1);
        assertThat(e.getMessage())
                .contains("the server sent only its own certificate 'CN=missing-intermediate.test,O=Verify Tests',"
                        + " issued by 'CN=Verify Test Intermediate CA,O=Verify Tests', which is not in this client's trust")
                .contains("it should send its full chain")
                .contains("quarkus.rest-client.incomplete.verify=" + CORP + ",/path/to/issuer.pem");
    }

    @Test
    void expired() {
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        SslVerificationException e = failure(expired);
        Instant after = Instant.now();
        assertThat(e.reason()).isEqualTo(Reason.EXPIRED);
        Instant notAfter = PKI.certificate(ServerCase.EXPIRED_LEAF).certificate().getNotAfter().toInstant();
        assertThat(e.getMessage()).contains("the certificate 'CN=expired.test,O=Verify Tests' expired on " + notAfter);
        // The clock the handshake read, compared as an instant: text would differ across an hour boundary.
        Matcher clock = Pattern.compile("the client's clock is (\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z)")
                .matcher(e.getMessage());
        assertThat(clock.find()).as(e.getMessage()).isTrue();
        assertThat(Instant.parse(clock.group(1))).isBetween(before, after);
    }

    @Test
    void notYetValid() {
        SslVerificationException e = failure(notYetValid);
        assertThat(e.reason()).isEqualTo(Reason.NOT_YET_VALID);
        assertThat(e.presentedChain().get(0).notBefore()).isAfter(Instant.now());
        assertThat(e.getMessage())
                .contains("'CN=early.test,O=Verify Tests' is valid only from " + e.presentedChain().get(0).notBefore())
                .contains("the client's clock is").contains("clock skew");
    }

    @Test
    void hostnameMismatch() {
        SslVerificationException e = failure(wrongHost);
        assertThat(e.reason()).isEqualTo(Reason.HOSTNAME_MISMATCH);
        assertThat(e.getMessage()).contains("requested '127.0.0.1', certificate names DNS:wrong.example")
                .contains("quarkus.rest-client.wrong-host.url=https://wrong.example:")
                .contains("quarkus.rest-client.wrong-host.verify-host=false");
        assertThat(e.hints().get(e.hints().size() - 1)).contains("verify-host=false");
    }

    @Test
    void hostnameMismatchForADnsName() {
        // The same server called by a DNS name, through a client built in code.
        URI byName = URI.create(ConfigProvider.getConfig().getValue("quarkus.rest-client.wrong-host.url", String.class)
                .replace("127.0.0.1", "localhost"));
        WrongHost client = QuarkusRestClientBuilder.newBuilder().baseUri(byName).build(WrongHost.class);
        SslVerificationException e = failure(client);
        assertThat(e.reason()).isEqualTo(Reason.HOSTNAME_MISMATCH);
        assertThat(e.host()).isEqualTo("localhost");
        assertThat(e.getMessage()).contains("requested 'localhost', certificate names DNS:wrong.example");
    }

    @Test
    void notTls() {
        SslVerificationException e = failure(notTls);
        assertThat(e.reason()).isEqualTo(Reason.NOT_TLS);
        assertThat(e.presentedChain()).isEmpty();
        assertThat(e.getMessage()).contains("does not speak TLS on this port").contains("http:// URL");
        assertThat(e.getMessage().lines()).allSatisfy(line -> assertThat(line.length()).isLessThan(200));
    }

    @Test
    @DisabledIfSystemProperty(named = "quarkus.rest-client.ssl-engine", matches = "openssl", disabledReason = "BoringSSL:"
            + " Netty's OpenSSL engine reports a plain-text answer as 'not an SSL/TLS record' without its bytes, so"
            + " the message cannot quote them; reported for issue 28")
    void notTlsQuotesTheAnswer() {
        SslVerificationException e = failure(notTls);
        // The answer's first bytes as text, not Netty's hex dump of the whole record.
        assertThat(e.getMessage()).contains("'HTTP/1.1 400 Bad Request'").doesNotContainPattern("[0-9a-f]{32}");
    }

    @Test
    void publicCaWhileTheBundleReplacesDefaultTrust() {
        SslVerificationException e = failure(publicCa);
        assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_ISSUER);
        assertThat(e.hints().get(0)).contains("is a public CA in the JDK default trust")
                .contains("quarkus.rest-client.public.verify=default," + CORP);
    }

    @Test
    @DisabledIfSystemProperty(named = "quarkus.rest-client.ssl-engine", matches = "openssl", disabledReason = "BoringSSL:"
            + " the server's alert arrives only as the text of an IOException ('...OpenSslException: ...:SSLV3_ALERT_BAD_"
            + "CERTIFICATE'), which HandshakeDiagnosis.explain does not take for a TLS failure; reported for issue 28")
    void clientCertificateRequired() {
        SslVerificationException e = failure(mutual);
        assertThat(e.reason()).isEqualTo(Reason.CLIENT_CERTIFICATE_REQUIRED);
        assertThat(e.getMessage()).contains("requires a client certificate")
                .contains("it accepts certificates issued by 'CN=Verify Test Root CA,O=Verify Tests'")
                .contains("quarkus.rest-client.mutual.cert=/path/to/client.pem");
    }

    @Test
    void protocolMismatch() {
        SslVerificationException e = failure(negotiation);
        assertThat(e.reason()).isEqualTo(Reason.PROTOCOL_MISMATCH);
        assertThat(e.presentedChain()).isEmpty();
        assertThat(e.getMessage()).contains("share no TLS protocol version or cipher suite")
                .contains("This client offers TLSv1.3 and TLSv1.2")
                // The server's alert as the engine names it: handshake_failure (JDK), SSLV3_ALERT_HANDSHAKE_FAILURE.
                .containsIgnoringCase("handshake_failure");
    }

    @Test
    void weakAlgorithm() {
        SslVerificationException e = failure(weak);
        assertThat(e.reason()).isEqualTo(Reason.WEAK_ALGORITHM);
        assertThat(e.getMessage()).contains("'CN=md5.test,O=Verify Tests' is signed with MD5withRSA")
                .contains("jdk.certpath.disabledAlgorithms");
    }

    private static SslVerificationException failure(Hello client) {
        SslVerificationException e = catchThrowableOfType(SslVerificationException.class, client::hello);
        assertThat(e).as("the call must fail with SslVerificationException").isNotNull();
        return e;
    }

    /** The port the application calls: the servers of the other class loader's initialisation are not these. */
    private static int configuredPort(String client) {
        return URI.create(ConfigProvider.getConfig().getValue("quarkus.rest-client." + client + ".url", String.class))
                .getPort();
    }

    private static String url(TlsTestServer server) {
        return server.uri().toString();
    }

    @RegisterRestClient(configKey = "unknown")
    public interface UnknownIssuer extends Hello {
    }

    @RegisterRestClient(configKey = "self")
    public interface SelfSigned extends Hello {
    }

    @RegisterRestClient(configKey = "incomplete")
    public interface IncompleteChain extends Hello {
    }

    @RegisterRestClient(configKey = "expired")
    public interface Expired extends Hello {
    }

    @RegisterRestClient(configKey = "early")
    public interface NotYetValid extends Hello {
    }

    @RegisterRestClient(configKey = "wrong-host")
    public interface WrongHost extends Hello {
    }

    @RegisterRestClient(configKey = "plain")
    public interface NotTls extends Hello {
    }

    @RegisterRestClient(configKey = "public")
    public interface PublicCa extends Hello {
    }

    @RegisterRestClient(configKey = "negotiation")
    public interface Negotiation extends Hello {
    }

    @RegisterRestClient(configKey = "weak")
    public interface Weak extends Hello {
    }

    @RegisterRestClient(configKey = "mutual")
    public interface Mutual extends Hello {
    }
}
