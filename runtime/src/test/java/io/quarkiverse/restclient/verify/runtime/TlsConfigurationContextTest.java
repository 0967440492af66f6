package io.quarkiverse.restclient.verify.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkiverse.restclient.verify.diagnosis.ClientCertificateRequests;
import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;
import io.quarkiverse.restclient.verify.testpki.IssuedCertificate;
import io.quarkiverse.restclient.verify.testpki.Pem;
import io.quarkiverse.restclient.verify.testpki.TlsTestServer;
import io.quarkiverse.restclient.verify.trust.anchors.TrustMaterial;
import io.quarkiverse.restclient.verify.trust.anchors.TrustSpec;
import io.quarkiverse.restclient.verify.trust.client.ClientCertificate;
import io.quarkiverse.restclient.verify.trust.revocation.RevocationPolicy;

/** The SSLContext a client's TLS configuration hands out carries its client certificate as well as its trust. */
class TlsConfigurationContextTest {

    @TempDir
    Path dir;

    @Test
    void createSslContextCompletesAMutualTlsHandshake() throws Exception {
        CertificateAuthority root = CertificateAuthority.root("Context Root");
        IssuedCertificate server = root.server("context.test", List.of(), List.of("127.0.0.1"));
        IssuedCertificate client = root.client("context-client");
        Path ca = Pem.write(dir.resolve("ca.pem"), Pem.certificates(root.certificate()));
        Path cert = Pem.write(dir.resolve("client.pem"), Pem.certificates(client.chain()));
        Path key = Pem.write(dir.resolve("client.key"), Pem.privateKey(client.privateKey()));
        VerifyTlsConfiguration configuration = new VerifyTlsConfiguration("rest-client-verify-context",
                TrustMaterial.reloadable(TrustSpec.path(ca.toString()), getClass().getClassLoader(), Map.of()), true,
                false, new ClientCertificateRequests(),
                Optional.of(ClientCertificate.reloadable(cert, Optional.of(key), Optional.empty())),
                RevocationPolicy.off(), UnaryOperator.identity());

        try (TlsTestServer mutual = TlsTestServer.builder(server).protocols("TLSv1.2")
                .requireClientCertificate(List.of(root.certificate())).start()) {
            SSLContext context = configuration.createSSLContext();
            try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket()) {
                socket.connect(new InetSocketAddress(mutual.host(), mutual.port()), 5_000);
                socket.setSoTimeout(5_000);
                socket.startHandshake();
                // TLS 1.2: a server that refuses the client fails the handshake itself, so this proves the identity.
                assertThat(socket.getSession().getLocalCertificates()).isNotNull();
                assertThat(socket.getSession().getLocalCertificates()[0]).isEqualTo(client.certificate());
            }
        }
    }
}
