package io.quarkiverse.restclient.verify.diagnosis;

import static io.quarkiverse.restclient.verify.diagnosis.Failures.client;
import static io.quarkiverse.restclient.verify.diagnosis.Failures.explain;
import static io.quarkiverse.restclient.verify.diagnosis.Failures.refused;
import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.CertificateException;
import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import io.quarkiverse.restclient.verify.SslVerificationException;
import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;
import io.quarkiverse.restclient.verify.testpki.IssuedCertificate;

/**
 * On a macOS JDK without {@code KeychainStore-ROOT}, {@code verify=system} holds no Apple roots: every failure of a
 * client that trusts {@code system} without {@code default} says so and names {@code default,system}. This JDK has no
 * {@code KeychainStore-ROOT}, so it stands in for such a JDK once {@code os.name} says macOS.
 */
class SystemLimitationInFailuresTest {

    private static final String BUNDLES = "io.quarkiverse.restclient.verify.test.system-bundles";
    private static final CertificateAuthority CA = CertificateAuthority.root("Limitation Root CA");
    private static final IssuedCertificate LEAF = CA.server("limited.test", List.of("limited.test"), List.of());

    @Test
    void aSystemClientOnAMacJdkWithoutAppleRootsIsToldToAddDefault() {
        SslVerificationException explained = onMacOs(() -> explain(refused(List.of(LEAF.certificate(),
                CA.certificate()), pkix(), client("mac", "limited.test", 443, "system trust", "system")),
                client("mac", "limited.test", 443, "system trust", "system")));
        assertThat(explained.hints()).last().asString().contains("not Apple's system roots")
                .endsWith("quarkus.rest-client.mac.verify=default,system");
    }

    @Test
    void aClientThatAlsoTrustsDefaultOrNotSystemIsNotTold() {
        for (String value : List.of("default,system", "SYSTEM,true", "/certs/corp.pem")) {
            SslVerificationException explained = onMacOs(() -> explain(refused(List.of(LEAF.certificate(),
                    CA.certificate()), pkix(), client("mac", "limited.test", 443, "trust", value)),
                    client("mac", "limited.test", 443, "trust", value)));
            assertThat(explained.hints()).as(value).noneMatch(hint -> hint.contains("Apple's system roots"));
        }
    }

    @Test
    void notOnLinux() {
        SslVerificationException explained = explain(refused(List.of(LEAF.certificate(), CA.certificate()), pkix(),
                client("linux", "limited.test", 443, "system trust", "system")),
                client("linux", "limited.test", 443, "system trust", "system"));
        assertThat(explained.hints()).noneMatch(hint -> hint.contains("Apple's system roots"));
    }

    private static <T> T onMacOs(Supplier<T> action) {
        String os = System.getProperty("os.name");
        String bundles = System.getProperty(BUNDLES);
        System.setProperty("os.name", "Mac OS X");
        System.clearProperty(BUNDLES);
        try {
            return action.get();
        } finally {
            System.setProperty("os.name", os);
            if (bundles != null) {
                System.setProperty(BUNDLES, bundles);
            }
        }
    }

    private static CertificateException pkix() {
        return new CertificateException("PKIX path building failed: unable to find valid certification path to"
                + " requested target");
    }
}
