package io.quarkiverse.restclient.verify.trust.anchors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution's CA bundle, named as a file (as {@code REQUESTS_CA_BUNDLE} or {@code SSL_CERT_FILE} usually
 * do), gets no warnings about its expired CAs: the user cannot act on them, and {@code verify=system} on the same
 * file says nothing either.
 */
class OperatingSystemBundleTest {

    static final Path DEBIAN = Path.of("/etc/ssl/certs/ca-certificates.crt");

    @TempDir
    Path dir;

    @Test
    void theOsBundleByItsNameHasNoWarnings() {
        assumeTrue(Files.isReadable(DEBIAN), "this machine has no Debian CA bundle");
        TrustMaterial material = TrustMaterial.load(TrustSpec.parse(DEBIAN.toString()), getClass().getClassLoader());
        assertThat(material.anchors()).isNotEmpty();
        assertThat(material.warnings()).isEmpty();
    }

    @Test
    void theOsBundleThroughALinkHasNoWarnings() throws Exception {
        assumeTrue(Files.isReadable(DEBIAN), "this machine has no Debian CA bundle");
        Path link = Files.createSymbolicLink(dir.resolve("bundle.pem"), DEBIAN);
        assertThat(TrustMaterial.load(TrustSpec.path(link.toString()), getClass().getClassLoader()).warnings())
                .isEmpty();
    }

    @Test
    void aCopyOfItIsTheUsersFileAndIsInspected() throws Exception {
        assumeTrue(Files.isReadable(DEBIAN), "this machine has no Debian CA bundle");
        Path copy = Files.copy(DEBIAN, dir.resolve("copy.pem"));
        TrustMaterial material = TrustMaterial.load(TrustSpec.path(copy.toString()), getClass().getClassLoader());
        // Whatever it finds is about the copy, which the user owns.
        assertThat(material.warnings()).allMatch(warning -> warning.startsWith(copy + ": "));
    }
}
