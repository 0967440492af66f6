package io.quarkiverse.restclient.verify.deployment.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.restclient.verify.deployment.Failures;
import io.quarkiverse.restclient.verify.deployment.Hello;
import io.quarkiverse.restclient.verify.deployment.Pki;
import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;
import io.quarkiverse.restclient.verify.testpki.Pem;
import io.quarkus.test.QuarkusUnitTest;

/** A key that belongs to another certificate fails start-up, naming the client, the cert-key property and the file. */
class MismatchedClientKeyTest {

    static final Path DIR = Pki.tempDir("mismatched-key");
    static final CertificateAuthority CA = CertificateAuthority.root("Client CA");
    static final Path CERT = Pem.write(DIR.resolve("client.crt"), Pem.certificates(CA.client("payments").chain()));
    static final Path KEY = Pem.write(DIR.resolve("other.key"), Pem.privateKey(CA.client("other").privateKey()));

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Hello.class, Pki.class, Failures.class, Client.class))
            .overrideConfigKey("quarkus.rest-client.payments.cert", CERT.toString())
            .overrideConfigKey("quarkus.rest-client.payments.cert-key", KEY.toString())
            .assertException(thrown -> assertThat(Failures.configurationError(thrown).getMessage())
                    .startsWith("REST client 'payments': quarkus.rest-client.payments.cert-key is not usable")
                    .contains("the private key in " + KEY + " does not belong to the certificate"
                            + " 'CN=payments,O=Verify Tests'")
                    .contains("Fix: pair the certificate with the key it was issued for"));

    @Test
    void startUpFails() {
        // The start-up failure is asserted by assertException above; this method is never reached.
        throw new AssertionError("the application must not start");
    }

    @RegisterRestClient(configKey = "payments")
    public interface Client extends Hello {
    }
}
