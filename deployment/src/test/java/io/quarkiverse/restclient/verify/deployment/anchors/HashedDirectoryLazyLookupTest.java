package io.quarkiverse.restclient.verify.deployment.anchors;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.restclient.verify.deployment.Calls;
import io.quarkiverse.restclient.verify.deployment.Hello;
import io.quarkiverse.restclient.verify.deployment.Pki;
import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;
import io.quarkiverse.restclient.verify.testpki.OpenSsl;
import io.quarkiverse.restclient.verify.testpki.Pem;
import io.quarkiverse.restclient.verify.testpki.ServerCase;
import io.quarkiverse.restclient.verify.testpki.ServerScenarios;
import io.quarkiverse.restclient.verify.trust.anchors.OpenSslSubjectHash;
import io.quarkus.test.QuarkusUnitTest;

/** Like OpenSSL's capath, a CA dropped into a hashed directory is found by the next handshake, without a restart. */
class HashedDirectoryLazyLookupTest {

    static final ServerScenarios PKI = ServerScenarios.shared("lazy");
    static final Path CAS = Pki.hashedDirectory(Pki.tempDir("lazy").resolve("cas"),
            CertificateAuthority.root("Some Other CA").certificate());

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Hello.class, Pki.class, Calls.class, Partner.class))
            .overrideConfigKey("quarkus.rest-client.partner.verify", CAS.toString());

    @AfterAll
    static void stopServers() {
        PKI.close();
    }

    @Test
    void aCaAddedAfterStartUpIsFoundByTheNextHandshake() throws IOException {
        Calls.Outcome before = Calls.call(Partner.class, PKI.server(ServerCase.GOOD_CHAIN).uri());
        assertThat(before.tlsFailure()).as(before.detail()).isTrue();
        assertThat(before.detail()).contains("no CA certificate for").contains(CAS.toString());

        String hash = OpenSsl.subjectHash(PKI.trustedRoot().certificate(), OpenSslSubjectHash::of);
        Pem.write(CAS.resolve("partner-root.pem"), Pem.certificates(PKI.trustedRoot().certificate()));
        Files.createSymbolicLink(CAS.resolve(hash + ".0"), Path.of("partner-root.pem"));

        Calls.Outcome after = Calls.call(Partner.class, PKI.server(ServerCase.GOOD_CHAIN).uri());
        assertThat(after.ok()).as(after.detail()).isTrue();
    }

    @RegisterRestClient(configKey = "partner")
    public interface Partner extends Hello {
    }
}
