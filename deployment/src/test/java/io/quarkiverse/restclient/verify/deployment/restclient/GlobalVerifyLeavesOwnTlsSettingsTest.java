package io.quarkiverse.restclient.verify.deployment.restclient;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.restclient.verify.deployment.Calls;
import io.quarkiverse.restclient.verify.deployment.OwnTlsSettingsKept;
import io.quarkiverse.restclient.verify.deployment.Pki;
import io.quarkiverse.restclient.verify.testpki.IssuedCertificate;
import io.quarkiverse.restclient.verify.testpki.ServerCase;
import io.quarkiverse.restclient.verify.testpki.ServerScenarios;
import io.quarkus.test.QuarkusUnitTest;

/**
 * The global {@code quarkus.rest-client.verify} trusts only the unknown root; clients with TLS settings of their own
 * keep them (the cases are in {@link OwnTlsSettingsKept}).
 */
class GlobalVerifyLeavesOwnTlsSettingsTest extends OwnTlsSettingsKept {

    static final ServerScenarios PKI = ServerScenarios.shared("global-own-tls");
    static final Path DIR = Pki.tempDir("global-own-tls");
    static final Path OTHER = Pki.bundle(DIR.resolve("other.pem"), PKI.unknownRoot().certificate());
    static final OwnTlsFiles FILES = OwnTlsFiles.in(DIR, PKI);

    @RegisterExtension
    static final QuarkusUnitTest APP = app(GlobalVerifyLeavesOwnTlsSettingsTest.class, PKI, FILES)
            .overrideConfigKey("quarkus.rest-client.verify", OTHER.toString());

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
    void premiseTheGlobalVerifyTrustsOnlyTheUnknownRoot() {
        assertThat(Calls.call(Built.class, PKI.server(ServerCase.UNKNOWN_ROOT).uri()).ok()).isTrue();
        assertThat(Calls.call(Built.class, PKI.server(ServerCase.GOOD_CHAIN).uri()).tlsFailure()).isTrue();
    }
}
