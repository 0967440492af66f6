package io.quarkiverse.restclient.verify.trust.anchors;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkiverse.restclient.verify.trust.TrustMaterialException;

/**
 * What people write from habit in {@code verify}: shell quotes, {@code ~/}, and words that are not keywords. Each gets
 * a message that says what to write instead, not "does not exist".
 */
class VerifyValuesFromOtherToolsTest {

    @Test
    void aQuotedPathSaysToDropTheQuotes() {
        assertThatThrownBy(() -> TrustSpec.parse("\"/certs/ca.pem\""))
                .isInstanceOf(TrustMaterialException.class)
                .hasMessageContaining("\"/certs/ca.pem\" is quoted, and quotes are part of a value in a properties file")
                .hasMessageContaining("Fix: write the path without quotes, e.g. verify=/certs/ca.pem");
        assertThatThrownBy(() -> TrustSpec.parse("default,'/certs/ca.pem'"))
                .hasMessageContaining("verify=/certs/ca.pem");
    }

    @Test
    void aTildeIsNotExpandedAndUserHomeIsSuggested() {
        assertThatThrownBy(() -> TrustSpec.parse("~/ca.pem"))
                .isInstanceOf(TrustMaterialException.class)
                .hasMessageContaining("~/ca.pem starts with ~, which only a shell expands")
                .hasMessageContaining("Fix: write ${user.home}/ca.pem");
    }

    @Test
    void anUnknownKeywordListsTheKeywordsAndSaysTheyAreCaseInsensitive() {
        assertThatThrownBy(() -> TrustSpec.parse("yes"))
                .isInstanceOf(TrustMaterialException.class)
                .hasMessage("'yes' is not a keyword, and no file or directory of that name exists. Did you mean true?"
                        + " The keywords are true or default (the JDK default trust store), system (the operating"
                        + " system's trust store), mozilla (the Mozilla CA bundle of the artifact"
                        + " quarkus-rest-client-verify-mozilla-ca), false (no certificate and no hostname checks; only"
                        + " valid alone), in any case, and classpath:<path>; anything else is the path of a CA bundle"
                        + " file or a CA directory");
    }

    @Test
    void aFileUrlSaysToWriteThePlainPath() {
        assertThatThrownBy(() -> TrustSpec.parse("file:///etc/ssl/does-not-exist.pem"))
                .isInstanceOf(TrustMaterialException.class)
                .hasMessage("file:///etc/ssl/does-not-exist.pem is a file: URL; verify takes a path, as requests'"
                        + " REQUESTS_CA_BUNDLE and curl's --cacert do. Fix: write the plain path, e.g."
                        + " verify=/etc/ssl/does-not-exist.pem");
        assertThatThrownBy(() -> TrustSpec.parse("default,FILE:/etc/ssl/corp%20ca.pem"))
                .hasMessageEndingWith("Fix: write the plain path, e.g. verify=/etc/ssl/corp ca.pem");
    }

    @Test
    void aFileUrlOfAnExistingFileIsRefusedToo(@TempDir Path dir) throws Exception {
        Path bundle = Files.writeString(dir.resolve("corp.pem"), "");
        assertThatThrownBy(() -> TrustSpec.parse(bundle.toUri().toString()))
                .isInstanceOf(TrustMaterialException.class)
                .hasMessageEndingWith("Fix: write the plain path, e.g. verify=" + bundle);
    }
}
