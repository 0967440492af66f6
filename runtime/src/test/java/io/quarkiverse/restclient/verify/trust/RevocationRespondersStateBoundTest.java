package io.quarkiverse.restclient.verify.trust;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.ServerSocket;
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

/**
 * A server certificate naming thousands of OCSP responders, none of which answers, as a hostile server could send: the
 * responders left alone and the warnings remembered stay at their bounds, and the latest ones are those kept.
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

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
