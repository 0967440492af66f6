package io.quarkiverse.restclient.verify.trust.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.ServerSocket;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.junit.jupiter.api.Test;

import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;
import io.quarkiverse.restclient.verify.testpki.IssuedCertificate;
import io.quarkiverse.restclient.verify.testpki.OcspResponder;
import io.quarkiverse.restclient.verify.trust.LoopbackLookups;
import io.quarkiverse.restclient.verify.trust.ManyIssued;
import io.quarkiverse.restclient.verify.trust.lookups.PkiLookups;

/**
 * A server certificate naming thousands of OCSP responders, none of which answers, as a hostile server could send: the
 * responders left alone and the warnings remembered stay at their bounds, and the latest ones are those kept. Thousands
 * of certificates with answers keep the answers at their bound, the answer in use among them.
 */
class RevocationRespondersStateBoundTest {

    @Test
    void thousandsOfDeadRespondersKeepTheBounds() throws IOException {
        int port = closedPort();
        int count = RevocationResponders.MAX_UNREACHABLE + 500;
        List<String> urls = new ArrayList<>();
        AccessDescription[] responders = new AccessDescription[count];
        for (int i = 0; i < count; i++) {
            String url = "http://127.0.0.1:" + port + "/ocsp/" + i;
            urls.add(url);
            responders[i] = new AccessDescription(AccessDescription.id_ad_ocsp,
                    new GeneralName(GeneralName.uniformResourceIdentifier, url));
        }
        CertificateAuthority ca = CertificateAuthority.root("Many Responders CA").withIssuedExtension(
                new Extension(Extension.authorityInfoAccess, false,
                        new AuthorityInformationAccess(responders).getEncoded()));
        IssuedCertificate leaf = ca.server("responders.test", List.of("localhost"), List.of("127.0.0.1"));
        List<String> warnings = new ArrayList<>();
        RevocationResponders checker = new RevocationResponders(Proxy.NO_PROXY, Duration.ofSeconds(1),
                new PkiLookups(), LoopbackLookups.ALLOWED, warnings::add);

        Instant now = Instant.now();
        RevocationResponders.Answer answer = checker.status(leaf.certificate(), ca.certificate(), now);

        assertThat(answer.status()).isEqualTo(OcspAnswer.Status.UNKNOWN);
        assertThat(warnings).as("one warning per dead responder").hasSize(count);
        int[] kept = checker.kept();
        assertThat(kept[1]).as("responders left alone").isEqualTo(RevocationResponders.MAX_UNREACHABLE);
        assertThat(kept[2]).as("responders warned about").isEqualTo(RevocationResponders.MAX_WARNED);
        assertThat(checker.leftAlone(urls.get(count - 1))).as("the latest failure is kept").isTrue();
        assertThat(checker.leftAlone(urls.get(0))).as("the oldest failure is dropped").isFalse();

        // Within the retry delay nobody is asked again and no warning is repeated for the responders kept.
        checker.status(leaf.certificate(), ca.certificate(), now.plusSeconds(1));
        assertThat(checker.kept()[1]).isEqualTo(RevocationResponders.MAX_UNREACHABLE);
    }

    @Test
    void thousandsOfAnsweredCertificatesKeepTheAnswersBound() {
        CertificateAuthority ca = CertificateAuthority.root("Many Answers CA");
        try (OcspResponder responder = OcspResponder.start(ca)) {
            List<Extension> asks = List.of(ocsp(responder.uri().toString()));
            RevocationResponders checker = new RevocationResponders(Proxy.NO_PROXY, Duration.ofSeconds(5),
                    new PkiLookups(), LoopbackLookups.ALLOWED, warning -> {
                    });
            Instant now = Instant.now();
            X509Certificate inUse = ManyIssued.issue(ca, "in-use.test", asks);
            X509Certificate oldest = ManyIssued.issue(ca, "oldest.test", asks);
            checker.status(oldest, ca.certificate(), now);
            int count = RevocationResponders.MAX_ANSWERS + 512;
            for (int i = 0; i < count; i++) {
                RevocationResponders.Answer answer = checker.status(ManyIssued.issue(ca, "server-" + i + ".test", asks),
                        ca.certificate(), now);
                assertThat(answer.status()).isEqualTo(OcspAnswer.Status.GOOD);
                // The certificate of the connection in use is checked on every handshake.
                checker.status(inUse, ca.certificate(), now);
            }

            assertThat(checker.kept()[0]).as("answers kept").isEqualTo(RevocationResponders.MAX_ANSWERS);
            int asked = responder.requests();
            checker.status(inUse, ca.certificate(), now);
            assertThat(responder.requests()).as("the answer in use is kept").isEqualTo(asked);
            checker.status(oldest, ca.certificate(), now);
            assertThat(responder.requests()).as("the oldest answer is dropped and asked again").isEqualTo(asked + 1);
        }
    }

    private static Extension ocsp(String url) {
        try {
            return new Extension(Extension.authorityInfoAccess, false, new AuthorityInformationAccess(
                    new AccessDescription(AccessDescription.id_ad_ocsp,
                            new GeneralName(GeneralName.uniformResourceIdentifier, url)))
                    .getEncoded());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
