package io.quarkiverse.restclient.verify.deployment.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.List;

import jakarta.inject.Inject;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaMiscPEMGenerator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.restclient.verify.SslVerificationException;
import io.quarkiverse.restclient.verify.SslVerificationException.Reason;
import io.quarkiverse.restclient.verify.deployment.Hello;
import io.quarkiverse.restclient.verify.deployment.LogLines;
import io.quarkiverse.restclient.verify.deployment.Pki;
import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;
import io.quarkiverse.restclient.verify.testpki.IssuedCertificate;
import io.quarkiverse.restclient.verify.testpki.Pem;
import io.quarkiverse.restclient.verify.testpki.ServerCase;
import io.quarkiverse.restclient.verify.testpki.ServerScenarios;
import io.quarkiverse.restclient.verify.testpki.TlsTestServer;
import io.quarkus.test.QuarkusUnitTest;

/**
 * cert / cert-key / cert-key-password against a server that requires a client certificate from the trusted root:
 * combined PEM, PEM + PKCS#8, encrypted PKCS#8, PKCS#12, legacy-encrypted PKCS#1 RSA, SEC1 EC, EC P-384 and
 * Ed25519 each complete a real mutual-TLS handshake, and a certificate from a foreign CA is
 * CLIENT_CERTIFICATE_REJECTED.
 */
class MutualTlsTest {

    static final String PASSWORD = "m0re-s3cret";
    static final ServerScenarios PKI = ServerScenarios.shared("mutual-tls");
    static final Path DIR = Pki.tempDir("mutual-tls");
    static final Path CORP = Pki.bundle(DIR.resolve("corp.pem"), PKI.trustedRoot().certificate());
    static final IssuedCertificate GOOD = PKI.certificate(ServerCase.GOOD_CHAIN);
    static final TlsTestServer MUTUAL = TlsTestServer.builder(GOOD.privateKey(), GOOD.chain())
            .requireClientCertificate(List.of(PKI.trustedRoot().certificate())).start();

    static {
        // Written once: a Quarkus test initialises this class twice, and the application reads the first files.
        if (!Files.exists(DIR.resolve("written"))) {
            IssuedCertificate client = PKI.trustedIntermediate().client("payments-client");
            Pem.write(DIR.resolve("combined.pem"), Pem.certificates(client.chain()) + Pem.privateKey(client.privateKey()));
            Pem.write(DIR.resolve("client.crt"), Pem.certificates(client.chain()));
            Pem.write(DIR.resolve("client.key"), Pem.privateKey(client.privateKey()));
            Pem.write(DIR.resolve("client-encrypted.key"), encrypted(client));
            Pki.pkcs12(DIR.resolve("client.p12"), client, List.of());
            // What openssl genrsa -aes256 and openssl ecparam -genkey write: legacy-encrypted PKCS#1 and SEC1.
            IssuedCertificate rsa = PKI.trustedIntermediate().withKeyType(CertificateAuthority.KeyType.RSA_2048)
                    .client("rsa-client");
            Pem.write(DIR.resolve("rsa.crt"), Pem.certificates(rsa.chain()));
            Pem.write(DIR.resolve("rsa-legacy.key"), traditional(rsa, true));
            Pem.write(DIR.resolve("sec1.key"), traditional(client, false));
            IssuedCertificate p384 = PKI.trustedIntermediate().withKeyType(CertificateAuthority.KeyType.EC_P384)
                    .client("p384-client");
            Pem.write(DIR.resolve("p384.pem"), Pem.certificates(p384.chain()) + Pem.privateKey(p384.privateKey()));
            IssuedCertificate ed25519 = PKI.trustedIntermediate().withKeyType(CertificateAuthority.KeyType.ED25519)
                    .client("ed25519-client");
            Pem.write(DIR.resolve("ed25519.crt"), Pem.certificates(ed25519.chain()));
            Pem.write(DIR.resolve("ed25519.key"), encrypted(ed25519));
            IssuedCertificate stranger = CertificateAuthority.root("Stranger CA").client("stranger");
            Pem.write(DIR.resolve("stranger.pem"), Pem.certificates(stranger.chain())
                    + Pem.privateKey(stranger.privateKey()));
            Pem.write(DIR.resolve("written"), "");
        }
    }

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Hello.class, Pki.class, LogLines.class, Combined.class, Separate.class,
                    Encrypted.class, Pkcs12.class, RsaLegacy.class, Sec1.class, P384.class, Ed25519.class, Stranger.class))
            .overrideConfigKey("quarkus.rest-client.verify", CORP.toString())
            .overrideConfigKey("quarkus.rest-client.combined.url", MUTUAL.uri().toString())
            .overrideConfigKey("quarkus.rest-client.combined.cert", DIR.resolve("combined.pem").toString())
            .overrideConfigKey("quarkus.rest-client.separate.url", MUTUAL.uri().toString())
            .overrideConfigKey("quarkus.rest-client.separate.cert", DIR.resolve("client.crt").toString())
            .overrideConfigKey("quarkus.rest-client.separate.cert-key", DIR.resolve("client.key").toString())
            .overrideConfigKey("quarkus.rest-client.encrypted.url", MUTUAL.uri().toString())
            .overrideConfigKey("quarkus.rest-client.encrypted.cert", DIR.resolve("client.crt").toString())
            .overrideConfigKey("quarkus.rest-client.encrypted.cert-key", DIR.resolve("client-encrypted.key").toString())
            .overrideConfigKey("quarkus.rest-client.encrypted.cert-key-password", PASSWORD)
            .overrideConfigKey("quarkus.rest-client.pkcs12.url", MUTUAL.uri().toString())
            .overrideConfigKey("quarkus.rest-client.pkcs12.cert", DIR.resolve("client.p12").toString())
            .overrideConfigKey("quarkus.rest-client.pkcs12.cert-key-password", "changeit")
            .overrideConfigKey("quarkus.rest-client.rsa-legacy.url", MUTUAL.uri().toString())
            .overrideConfigKey("quarkus.rest-client.rsa-legacy.cert", DIR.resolve("rsa.crt").toString())
            .overrideConfigKey("quarkus.rest-client.rsa-legacy.cert-key", DIR.resolve("rsa-legacy.key").toString())
            .overrideConfigKey("quarkus.rest-client.rsa-legacy.cert-key-password", PASSWORD)
            .overrideConfigKey("quarkus.rest-client.sec1.url", MUTUAL.uri().toString())
            .overrideConfigKey("quarkus.rest-client.sec1.cert", DIR.resolve("client.crt").toString())
            .overrideConfigKey("quarkus.rest-client.sec1.cert-key", DIR.resolve("sec1.key").toString())
            .overrideConfigKey("quarkus.rest-client.p384.url", MUTUAL.uri().toString())
            .overrideConfigKey("quarkus.rest-client.p384.cert", DIR.resolve("p384.pem").toString())
            .overrideConfigKey("quarkus.rest-client.ed25519.url", MUTUAL.uri().toString())
            .overrideConfigKey("quarkus.rest-client.ed25519.cert", DIR.resolve("ed25519.crt").toString())
            .overrideConfigKey("quarkus.rest-client.ed25519.cert-key", DIR.resolve("ed25519.key").toString())
            .overrideConfigKey("quarkus.rest-client.ed25519.cert-key-password", PASSWORD)
            .overrideConfigKey("quarkus.rest-client.stranger.url", MUTUAL.uri().toString())
            .overrideConfigKey("quarkus.rest-client.stranger.cert", DIR.resolve("stranger.pem").toString())
            .setLogRecordPredicate(LogLines::ours)
            .assertLogRecords(records -> {
                assertThat(records).map(LogLines::text).anySatisfy(line -> assertThat(line)
                        .startsWith("REST client 'combined' trusts file " + CORP)
                        .contains("; presents client certificate 'CN=payments-client,O=Verify Tests' issued by"
                                + " 'CN=Verify Test Intermediate CA,O=Verify Tests'"));
                assertThat(records).map(LogLines::text).noneMatch(line -> line.contains(PASSWORD));
            });

    @Inject
    @RestClient
    Combined combined;
    @Inject
    @RestClient
    Separate separate;
    @Inject
    @RestClient
    Encrypted encrypted;
    @Inject
    @RestClient
    Pkcs12 pkcs12;
    @Inject
    @RestClient
    RsaLegacy rsaLegacy;
    @Inject
    @RestClient
    Sec1 sec1;
    @Inject
    @RestClient
    P384 p384;
    @Inject
    @RestClient
    Ed25519 ed25519;
    @Inject
    @RestClient
    Stranger stranger;

    @AfterAll
    static void stopServers() {
        PKI.close();
        MUTUAL.close();
    }

    @Test
    void everyFormatCompletesAMutualTlsHandshake() {
        for (Hello client : List.of(combined, separate, encrypted, pkcs12, rsaLegacy, sec1, p384, ed25519)) {
            assertThat(client.hello()).isEqualTo("hello from CN=good.test,O=Verify Tests");
        }
    }

    @Test
    @DisabledIfSystemProperty(named = "quarkus.rest-client.ssl-engine", matches = "openssl", disabledReason = "BoringSSL:"
            + " the server's alert arrives only as the text of an IOException ('...OpenSslException: ...:SSLV3_ALERT_BAD_"
            + "CERTIFICATE'), which HandshakeDiagnosis.explain does not take for a TLS failure; reported for issue 28")
    void aCertificateTheServerDoesNotAcceptIsRejected() {
        SslVerificationException e = catchThrowableOfType(SslVerificationException.class, stranger::hello);
        assertThat(e).isNotNull();
        assertThat(e.reason()).isEqualTo(Reason.CLIENT_CERTIFICATE_REJECTED);
        assertThat(e.getMessage()).contains("rejected the client certificate of this client")
                .contains("it accepts certificates issued by 'CN=Verify Test Root CA,O=Verify Tests'");
    }

    /** PKCS#1 or SEC1 PEM, optionally with OpenSSL's legacy Proc-Type encryption. */
    private static String traditional(IssuedCertificate client, boolean encrypt) {
        try {
            BouncyCastleProvider bc = new BouncyCastleProvider();
            // Through Bouncy Castle's encoding, so an EC key names its curve inside, as OpenSSL writes it.
            PrivateKey key = KeyFactory.getInstance(client.privateKey().getAlgorithm(), bc)
                    .generatePrivate(new PKCS8EncodedKeySpec(client.privateKey().getEncoded()));
            StringWriter out = new StringWriter();
            try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
                writer.writeObject(encrypt
                        ? new JcaMiscPEMGenerator(key, new JcePEMEncryptorBuilder("AES-256-CBC").setProvider(bc)
                                .build(PASSWORD.toCharArray()))
                        : new JcaMiscPEMGenerator(key));
            }
            return out.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encrypted(IssuedCertificate client) {
        try {
            StringWriter out = new StringWriter();
            try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
                writer.writeObject(new JcaPKCS8Generator(client.privateKey(), new JceOpenSSLPKCS8EncryptorBuilder(
                        PKCS8Generator.AES_256_CBC).setProvider(new BouncyCastleProvider())
                        .setPassword(PASSWORD.toCharArray()).build()));
            }
            return out.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @RegisterRestClient(configKey = "combined")
    public interface Combined extends Hello {
    }

    @RegisterRestClient(configKey = "separate")
    public interface Separate extends Hello {
    }

    @RegisterRestClient(configKey = "encrypted")
    public interface Encrypted extends Hello {
    }

    @RegisterRestClient(configKey = "pkcs12")
    public interface Pkcs12 extends Hello {
    }

    @RegisterRestClient(configKey = "rsa-legacy")
    public interface RsaLegacy extends Hello {
    }

    @RegisterRestClient(configKey = "sec1")
    public interface Sec1 extends Hello {
    }

    @RegisterRestClient(configKey = "p384")
    public interface P384 extends Hello {
    }

    @RegisterRestClient(configKey = "ed25519")
    public interface Ed25519 extends Hello {
    }

    @RegisterRestClient(configKey = "stranger")
    public interface Stranger extends Hello {
    }
}
