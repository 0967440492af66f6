package io.quarkiverse.restclient.verify.deployment.reload;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.restclient.verify.SslVerificationException;
import io.quarkiverse.restclient.verify.deployment.Calls;
import io.quarkiverse.restclient.verify.deployment.Hello;
import io.quarkiverse.restclient.verify.deployment.Pki;
import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;
import io.quarkiverse.restclient.verify.testpki.Pem;
import io.quarkiverse.restclient.verify.testpki.PkiFiles;
import io.quarkiverse.restclient.verify.testpki.TlsTestServer;
import io.quarkiverse.restclient.verify.trust.anchors.OpenSslSubjectHash;
import io.quarkus.test.QuarkusUnitTest;

/**
 * A CA file of a hashed directory rewritten in place with another CA of the same name, keeping its size, its
 * modification time and its inode, is judged by its new content at the next handshake: metadata cannot keep a removed
 * CA trusted.
 */
class CaReplacedInPlaceTest {

    static final Path DIR = Pki.tempDir("replaced-in-place");
    static final int PADDED_SIZE = 2048;
    // Two CAs with one name: the replacement lands in the same <hash>.0 file.
    static final CertificateAuthority ORIGINAL = PkiFiles.sharedCa(DIR, "original",
            () -> CertificateAuthority.root("Replaced In Place CA"));
    static final CertificateAuthority REPLACEMENT = PkiFiles.sharedCa(DIR, "replacement",
            () -> CertificateAuthority.rootNamed(ORIGINAL.certificate().getSubjectX500Principal()));
    static final Path HASHED = DIR.resolve("hashed");
    static final Path CA_FILE = HASHED.resolve(OpenSslSubjectHash.of(ORIGINAL.certificate()) + ".0");
    static final TlsTestServer UNDER_ORIGINAL = TlsTestServer.start(ORIGINAL.server("original.test",
            List.of("localhost"), List.of("127.0.0.1")));

    static {
        writePadded(ORIGINAL);
    }

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Hello.class, Pki.class, Calls.class, Partner.class))
            .overrideConfigKey("quarkus.rest-client.partner.verify", HASHED.toString());

    @AfterAll
    static void stopServer() {
        UNDER_ORIGINAL.close();
    }

    @Test
    void aCaReplacedWithTheSameSizeTimeAndInodeIsNoLongerTrusted() throws IOException {
        Calls.Outcome before = Calls.call(Partner.class, UNDER_ORIGINAL.uri());
        assertThat(before.ok()).as(before.detail()).isTrue();

        BasicFileAttributes was = Files.readAttributes(CA_FILE, BasicFileAttributes.class);
        writePadded(REPLACEMENT);
        Files.setLastModifiedTime(CA_FILE, was.lastModifiedTime());
        BasicFileAttributes now = Files.readAttributes(CA_FILE, BasicFileAttributes.class);
        assertThat(now.size()).isEqualTo(was.size());
        assertThat(now.lastModifiedTime()).isEqualTo(was.lastModifiedTime());
        assertThat(now.fileKey()).isEqualTo(was.fileKey());

        Calls.Outcome after = Calls.call(Partner.class, UNDER_ORIGINAL.uri());
        assertThat(after.ok()).as("the replaced CA still anchored the chain").isFalse();
        assertThat(after.failure()).isInstanceOf(SslVerificationException.class);
    }

    /** The CA as PEM, padded with a trailing comment to one size, written over the file's content in place. */
    private static void writePadded(CertificateAuthority ca) {
        try {
            Files.createDirectories(HASHED);
            String pem = Pem.certificates(ca.certificate());
            String padded = pem + "#".repeat(PADDED_SIZE - pem.length() - 1) + "\n";
            // WRITE and TRUNCATE_EXISTING on an existing file keep its inode.
            Files.write(CA_FILE, padded.getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @RegisterRestClient(configKey = "partner")
    public interface Partner extends Hello {
    }
}
