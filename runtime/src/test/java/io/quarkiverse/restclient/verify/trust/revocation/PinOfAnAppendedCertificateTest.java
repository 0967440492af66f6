package io.quarkiverse.restclient.verify.trust.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;
import io.quarkiverse.restclient.verify.testpki.IssuedCertificate;
import io.quarkiverse.restclient.verify.testpki.Pem;
import io.quarkiverse.restclient.verify.testpki.TlsTestServer;
import io.quarkiverse.restclient.verify.trust.Handshakes;

/**
 * CVE-2016-2402: an attacker with a certificate from a trusted CA appends the pinned certificate to the chain it
 * presents. The pinned certificate is in the presented chain but not in the validated path, so the chain is refused.
 */
class PinOfAnAppendedCertificateTest {

    static final CertificateAuthority ROOT = CertificateAuthority.root("Appended Root");
    /** The real server's CA, which the client pins. */
    static final CertificateAuthority PINNED = ROOT.intermediate("Pinned Intermediate");
    /** Another CA the client trusts, from which the attacker got a certificate for the same name. */
    static final CertificateAuthority OTHER = ROOT.intermediate("Other Intermediate");
    static final IssuedCertificate ATTACKER = OTHER.server("appended.test", List.of("localhost"),
            List.of("127.0.0.1"));
    static final TlsTestServer SERVER;
    static final Path BUNDLE = Handshakes.write(Handshakes.tempDir("appended").resolve("ca.pem"),
            Pem.certificates(ROOT.certificate()));

    static {
        List<X509Certificate> presented = new ArrayList<>(ATTACKER.chain());
        presented.add(PINNED.certificate());
        SERVER = TlsTestServer.start(ATTACKER.privateKey(), presented);
    }

    @AfterAll
    static void stop() {
        SERVER.close();
    }

    @Test
    void thePinOfACertificateOutsideTheValidatedPathDoesNotCount() {
        RevocationPolicy policy = Handshakes.policy(RevocationMode.OFF, Optional.empty(),
                SpkiPins.parse(List.of(SpkiPins.pinOf(PINNED.certificate()))), Handshakes.IGNORE);

        Exception failure = Handshakes.handshake(Handshakes.manager(Handshakes.trust(BUNDLE), policy), SERVER);

        assertThat(failure).isInstanceOf(PinMismatchException.class);
        assertThat(((PinMismatchException) failure).path()).extracting(PinMismatchException.PathPin::subject)
                .containsExactly(ATTACKER.certificate().getSubjectX500Principal().getName(),
                        OTHER.certificate().getSubjectX500Principal().getName(),
                        ROOT.certificate().getSubjectX500Principal().getName());
    }
}
