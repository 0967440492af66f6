package io.quarkiverse.restclient.verify.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.quarkiverse.restclient.verify.testpki.ServerScenarios;

/**
 * The trust of the JVM that runs the tests tagged {@value #TAG} (the {@code jvm-trust} execution of the deployment
 * pom): its default trust store ({@code javax.net.ssl.trustStore}) and its system bundle (the test seam of
 * {@code verify=system}) both hold the trusted root of {@link #scenarios()}. The files are written before anything
 * reads them, so {@code verify=default} and {@code verify=system} can be shown to accept a chain, not only to reject.
 */
public final class JvmTrust {

    public static final String TAG = "jvm-trust";
    static final String SYSTEM_BUNDLES = "io.quarkiverse.restclient.verify.test.system-bundles";

    private JvmTrust() {
    }

    /** The scenarios whose trusted root this JVM trusts by default and as its system trust. */
    public static synchronized ServerScenarios scenarios() {
        ServerScenarios pki = ServerScenarios.shared("jvm-trust");
        // Once per JVM: a Quarkus test initialises its class twice, and the JDK caches the store it read.
        if (System.getProperty("verify.tests.jvm-trust.written") == null) {
            Pki.pkcs12(parent(required("javax.net.ssl.trustStore")), null, List.of(pki.trustedRoot().certificate()));
            Pki.bundle(parent(required(SYSTEM_BUNDLES)), pki.trustedRoot().certificate());
            System.setProperty("verify.tests.jvm-trust.written", "true");
        }
        return pki;
    }

    private static Path required(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException(property + " is not set: tests tagged " + TAG + " run only in the"
                    + " jvm-trust execution of deployment/pom.xml");
        }
        return Path.of(value);
    }

    private static Path parent(Path file) {
        try {
            Files.createDirectories(file.getParent());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
