package io.quarkiverse.restclient.verify.trust.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.List;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;
import io.quarkiverse.restclient.verify.testpki.IssuedCertificate;
import io.quarkiverse.restclient.verify.testpki.TlsTestServer;
import io.quarkiverse.restclient.verify.trust.RecordingTrust;

/**
 * A certificate that names its host only in the CN is refused when a DNS name is called, whichever way the JDK asks
 * (engine, socket), and only then: an address, a switched-off host check or a certificate with a DNS name passes.
 */
class CommonNameOnlyCertificateTest {

    static final CertificateAuthority CA = CertificateAuthority.root("CN Only Root");
    static final IssuedCertificate CN_ONLY = CA.server("cn-only.test", List.of(), List.of());
    static final IssuedCertificate ADDRESS_ONLY = CA.server("address-only.test", List.of(), List.of("127.0.0.1"));
    static final IssuedCertificate WITH_DNS = CA.server("with-dns.test", List.of("with-dns.test"), List.of());
    static final X509Certificate[] CN_ONLY_CHAIN = { CN_ONLY.certificate(), CA.certificate() };
    static final TlsTestServer SERVER = TlsTestServer.start(CN_ONLY);

    @AfterAll
    static void stop() {
        SERVER.close();
    }

    @Test
    void aCnOnlyCertificateIsRefusedForTheDnsNameTheEngineCalls() {
        RecordingTrust below = RecordingTrust.accepting();
        SubjectAltNamesOnlyTrustManager trust = new SubjectAltNamesOnlyTrustManager(below);

        assertThatThrownBy(() -> trust.checkServerTrusted(CN_ONLY_CHAIN, "UNKNOWN", engine("cn-only.test", "HTTPS")))
                .isInstanceOf(HostNamedOnlyInCommonNameException.class)
                .hasMessageContaining("cn-only.test");
        assertThat(below.calls).containsExactly("server with engine");
    }

    @Test
    void theEngineChecksNoNameWhenHostVerificationIsOff() {
        SubjectAltNamesOnlyTrustManager trust = new SubjectAltNamesOnlyTrustManager(RecordingTrust.accepting());

        assertThatCode(() -> trust.checkServerTrusted(CN_ONLY_CHAIN, "UNKNOWN", engine("cn-only.test", null)))
                .doesNotThrowAnyException();
        assertThatCode(() -> trust.checkServerTrusted(CN_ONLY_CHAIN, "UNKNOWN", engine("cn-only.test", "LDAPS")))
                .doesNotThrowAnyException();
        assertThatCode(() -> trust.checkServerTrusted(CN_ONLY_CHAIN, "UNKNOWN", (SSLEngine) null))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> trust.checkServerTrusted(CN_ONLY_CHAIN, "UNKNOWN", engine("cn-only.test", "https")))
                .as("the algorithm's name in any case").isInstanceOf(HostNamedOnlyInCommonNameException.class);
    }

    @Test
    void aRefusalBelowIsKeptWhicheverWayTheJdkAsks() {
        RecordingTrust below = RecordingTrust.refusing();
        SubjectAltNamesOnlyTrustManager trust = new SubjectAltNamesOnlyTrustManager(below);
        X509Certificate[] chain = { WITH_DNS.certificate(), CA.certificate() };

        assertThatThrownBy(() -> trust.checkServerTrusted(chain, "UNKNOWN", engine("with-dns.test", "HTTPS")))
                .hasMessage(RecordingTrust.REFUSAL);
        assertThatThrownBy(() -> trust.checkServerTrusted(chain, "UNKNOWN", new Socket()))
                .hasMessage(RecordingTrust.REFUSAL);
        assertThatThrownBy(() -> trust.checkServerTrusted(chain, "UNKNOWN")).hasMessage(RecordingTrust.REFUSAL);
        assertThat(below.calls).containsExactly("server with engine", "server with socket", "server");
    }

    @Test
    void aPlainSocketOrNoConnectionChecksNoName() {
        RecordingTrust below = RecordingTrust.accepting();
        SubjectAltNamesOnlyTrustManager trust = new SubjectAltNamesOnlyTrustManager(below);

        assertThatCode(() -> trust.checkServerTrusted(CN_ONLY_CHAIN, "UNKNOWN", new Socket()))
                .doesNotThrowAnyException();
        assertThatCode(() -> trust.checkServerTrusted(CN_ONLY_CHAIN, "UNKNOWN")).doesNotThrowAnyException();
        assertThat(below.calls).containsExactly("server with socket", "server");
    }

    @Test
    void aCnOnlyServerIsRefusedForTheSniNameOfARealHandshake() {
        Throwable failure = handshake("127.0.0.1", "cn-only.test", "HTTPS");

        assertThat(failure).isInstanceOf(IOException.class).hasRootCauseInstanceOf(
                HostNamedOnlyInCommonNameException.class);
        assertThat(rootCause(failure)).hasMessageContaining("cn-only.test");
    }

    @Test
    void aCnOnlyServerIsRefusedForTheHostCalledWithoutSni() {
        // "localhost" has no dot, so the JDK sends no SNI: the host the socket was made for is the name checked.
        Throwable failure = handshake("localhost", null, "HTTPS");

        assertThat(failure).hasRootCauseInstanceOf(HostNamedOnlyInCommonNameException.class);
        assertThat(rootCause(failure)).hasMessageContaining("localhost");
    }

    @Test
    void aCnOnlyServerCalledByAddressOrWithoutHostCheckIsAccepted() {
        assertThat(handshake("127.0.0.1", null, "HTTPS")).isNull();
        assertThat(handshake("localhost", "cn-only.test", null)).isNull();
    }

    @Test
    void onlyDnsNamesAreCheckedAndOnlyAgainstDnsSubjectAltNames() {
        X509Certificate[] addressOnly = { ADDRESS_ONLY.certificate(), CA.certificate() };
        X509Certificate[] withDns = { WITH_DNS.certificate(), CA.certificate() };

        assertThatThrownBy(() -> SubjectAltNamesOnlyTrustManager.check(addressOnly, "address-only.test"))
                .as("an iPAddress name is no DNS name").isInstanceOf(HostNamedOnlyInCommonNameException.class);
        assertThatThrownBy(() -> SubjectAltNamesOnlyTrustManager.check(CN_ONLY_CHAIN, "cn-only.test"))
                .isInstanceOf(HostNamedOnlyInCommonNameException.class);
        assertThatCode(() -> SubjectAltNamesOnlyTrustManager.check(withDns, "with-dns.test"))
                .doesNotThrowAnyException();
        for (String address : List.of("127.0.0.1", "10.0.0.9", "127.1", "::1", "fe80::1%eth0", "9")) {
            assertThatCode(() -> SubjectAltNamesOnlyTrustManager.check(CN_ONLY_CHAIN, address)).as(address)
                    .doesNotThrowAnyException();
        }
        for (String name : List.of("cn-only.test", "1.2.3.example", "a", "/", "0x7f.1")) {
            assertThatThrownBy(() -> SubjectAltNamesOnlyTrustManager.check(CN_ONLY_CHAIN, name)).as(name)
                    .isInstanceOf(HostNamedOnlyInCommonNameException.class);
        }
        assertThatCode(() -> SubjectAltNamesOnlyTrustManager.check(null, "cn-only.test")).doesNotThrowAnyException();
        assertThatCode(() -> SubjectAltNamesOnlyTrustManager.check(new X509Certificate[0], "cn-only.test"))
                .doesNotThrowAnyException();
        assertThatCode(() -> SubjectAltNamesOnlyTrustManager.check(CN_ONLY_CHAIN, null)).doesNotThrowAnyException();
        assertThatCode(() -> SubjectAltNamesOnlyTrustManager.check(CN_ONLY_CHAIN, "")).doesNotThrowAnyException();
    }

    private static SSLEngine engine(String host, String endpointIdentification) throws GeneralSecurityException {
        SSLEngine engine = SSLContext.getDefault().createSSLEngine(host, 443);
        engine.setUseClientMode(true);
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm(endpointIdentification);
        engine.setSSLParameters(parameters);
        return engine;
    }

    /** A real handshake with the CN-only server; null when accepted, else the failure. */
    private static Throwable handshake(String host, String sni, String endpointIdentification) {
        SubjectAltNamesOnlyTrustManager trust = new SubjectAltNamesOnlyTrustManager(RecordingTrust.accepting());
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] { trust }, null);
            try (Socket plain = new Socket()) {
                plain.connect(new InetSocketAddress("127.0.0.1", SERVER.port()), 5_000);
                plain.setSoTimeout(5_000);
                try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(plain, host,
                        SERVER.port(), false)) {
                    SSLParameters parameters = socket.getSSLParameters();
                    parameters.setEndpointIdentificationAlgorithm(endpointIdentification);
                    if (sni != null) {
                        parameters.setServerNames(List.of(new SNIHostName(sni)));
                    }
                    socket.setSSLParameters(parameters);
                    socket.startHandshake();
                    return null;
                }
            }
        } catch (IOException e) {
            return e;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }
}
