package io.quarkiverse.restclient.verify.deployment.env;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.restclient.verify.deployment.Calls;
import io.quarkiverse.restclient.verify.deployment.OwnTlsSettingsKept;
import io.quarkiverse.restclient.verify.testpki.IssuedCertificate;
import io.quarkiverse.restclient.verify.testpki.Pem;
import io.quarkiverse.restclient.verify.testpki.PkiFiles;
import io.quarkiverse.restclient.verify.testpki.ServerCase;
import io.quarkiverse.restclient.verify.testpki.ServerScenarios;
import io.quarkus.test.QuarkusUnitTest;

/**
 * Runs in the JVM of the trust-environment execution: REQUESTS_CA_BUNDLE names a bundle with only the unknown root.
 * Clients with TLS settings of their own keep them (the cases are in {@link OwnTlsSettingsKept}): the environment is
 * a fallback for clients without any TLS setting.
 */
class EnvironmentLeavesOwnTlsSettingsTest extends OwnTlsSettingsKept {

    static final ServerScenarios PKI = ServerScenarios.shared("environment-own-tls");
    static final Path REQUESTS = Pem.write(Path.of("target/env-trust/requests-ca.pem").toAbsolutePath(),
            Pem.certificates(PKI.unknownRoot().certificate()));
    static final OwnTlsFiles FILES = OwnTlsFiles.in(PkiFiles.sharedDirectory("environment-own-tls"), PKI);

    @RegisterExtension
    static final QuarkusUnitTest APP = app(EnvironmentLeavesOwnTlsSettingsTest.class, PKI, FILES);

    @AfterAll
    static void stopServers() {
        PKI.close();
    }

    @Override
    protected ServerScenarios pki() {
        return PKI;
    }

    @Override
    protected IssuedCertificate clientKey() {
        return FILES.client();
    }

    @Test
    void premiseTheEnvironmentTrustsOnlyTheUnknownRoot() {
        assertThat(Calls.call(Built.class, PKI.server(ServerCase.UNKNOWN_ROOT).uri()).ok()).isTrue();
        assertThat(Calls.call(Built.class, PKI.server(ServerCase.GOOD_CHAIN).uri()).tlsFailure()).isTrue();
    }
}
