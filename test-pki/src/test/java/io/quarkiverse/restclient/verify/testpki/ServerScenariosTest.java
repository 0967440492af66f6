package io.quarkiverse.restclient.verify.testpki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.net.ssl.SSLHandshakeException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ServerScenariosTest {

    static final ServerScenarios PKI = new ServerScenarios();

    @AfterAll
    static void stop() {
        PKI.close();
    }

    @Test
    void goodChainIsTrustedByNameAndAddress() throws Exception {
        TlsTestServer server = PKI.server(ServerCase.GOOD_CHAIN);

        assertThat(Clients.get(server.uri(), PKI.trustedRoot().certificate()).body())
                .isEqualTo("hello from CN=good.test,O=Verify Tests");
        assertThat(Clients.get(server.uri("localhost"), PKI.trustedRoot().certificate()).statusCode()).isEqualTo(200);
        assertThat(PKI.certificate(ServerCase.GOOD_CHAIN).chain())
                .containsExactly(PKI.certificate(ServerCase.GOOD_CHAIN).certificate(),
                        PKI.trustedIntermediate().certificate());
    }

    @ParameterizedTest
    @EnumSource(value = ServerCase.class, mode = EnumSource.Mode.EXCLUDE, names = "GOOD_CHAIN")
    void everyOtherCaseFailsAgainstTheTrustedRoot(ServerCase serverCase) {
        TlsTestServer server = PKI.server(serverCase);

        assertThatThrownBy(() -> Clients.get(server.uri(), PKI.trustedRoot().certificate()))
                .isInstanceOf(SSLHandshakeException.class);
        assertThat(server.handshakes()).isZero();
    }

    @Test
    void casesPresentTheChainsTheyPromise() {
        assertThat(PKI.certificate(ServerCase.MISSING_INTERMEDIATE).chain()).hasSize(1);
        assertThat(PKI.certificate(ServerCase.SELF_SIGNED).chain()).hasSize(1);
        assertThat(PKI.certificate(ServerCase.UNKNOWN_ROOT).chain())
                .containsExactly(PKI.certificate(ServerCase.UNKNOWN_ROOT).certificate(),
                        PKI.unknownIntermediate().certificate());
        assertThat(PKI.certificate(ServerCase.WRONG_HOST).issuer()).isSameAs(PKI.trustedIntermediate());
        assertThat(PKI.unknownIntermediate().chainToRoot()).endsWith(PKI.unknownRoot().certificate());
    }

    @Test
    void sameServerOnEveryCall() {
        assertThat(PKI.server(ServerCase.GOOD_CHAIN)).isSameAs(PKI.server(ServerCase.GOOD_CHAIN));
    }

    @Test
    void trustedRootIsWrittenAsABundle(@TempDir Path dir) throws Exception {
        Path bundle = PKI.writeTrustedRoot(dir.resolve("ca.pem"));

        assertThat(Files.readString(bundle)).isEqualTo(Pem.certificates(PKI.trustedRoot().certificate()));
    }

    @Test
    void sharedScenariosAreReadBackWithTheSameCertificatesAndIssuers() {
        ServerScenarios first = ServerScenarios.shared("scenarios-test");
        ServerScenarios second = ServerScenarios.shared("scenarios-test");

        assertThat(second.trustedRoot().certificate()).isEqualTo(first.trustedRoot().certificate());
        assertThat(second.unknownIntermediate().certificate()).isEqualTo(first.unknownIntermediate().certificate());
        for (ServerCase serverCase : ServerCase.values()) {
            IssuedCertificate original = first.certificate(serverCase);
            IssuedCertificate loaded = second.certificate(serverCase);
            assertThat(loaded.chain()).isEqualTo(original.chain());
            assertThat(loaded.privateKey()).isEqualTo(original.privateKey());
            if (original.issuer() == null) {
                assertThat(loaded.issuer()).isNull();
            } else {
                assertThat(loaded.issuer().certificate()).isEqualTo(original.issuer().certificate());
            }
        }
        assertThat(List.of(first, second)).doesNotHaveDuplicates();
    }
}
