package io.quarkiverse.restclient.verify.trust.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;
import io.quarkiverse.restclient.verify.testpki.Crls;
import io.quarkiverse.restclient.verify.trust.Reloadable;

/**
 * A client's revocation settings: with nothing configured there is nothing to check, and the global properties are
 * named; CRL files, pins or any mode other than off make the policy active, and the description shown to people lists
 * the mode, the CRL files and the number of pins.
 */
class RevocationPolicyDescriptionTest {

    static final CertificateAuthority ROOT = CertificateAuthority.root("Policy Root");
    static final String PIN = SpkiPins.pinOf(ROOT.certificate());
    static final String OTHER_PIN = SpkiPins.pinOf(CertificateAuthority.root("Policy Other Root").certificate());

    @TempDir
    Path dir;

    @Test
    void offChecksNothingAndNamesTheGlobalProperties() {
        RevocationPolicy off = RevocationPolicy.off("quarkus.rest-client.verify-revocation",
                "quarkus.rest-client.verify-crl", "quarkus.rest-client.verify-pins");

        assertThat(off.inactive()).isTrue();
        assertThat(off.mode()).isEqualTo(RevocationMode.OFF);
        assertThat(off.modeProperty()).isEqualTo("quarkus.rest-client.verify-revocation");
        assertThat(off.crlProperty()).isEqualTo("quarkus.rest-client.verify-crl");
        assertThat(off.pinsProperty()).isEqualTo("quarkus.rest-client.verify-pins");
        assertThat(off.crls()).isEmpty();
        assertThat(off.responders()).isEmpty();
        assertThat(off.pins().isEmpty()).isTrue();
        assertThat(off.description()).isEqualTo("revocation off");
        // Without names handed in, the bare ones: nothing of an off policy shows them.
        assertThat(RevocationPolicy.off().modeProperty()).isEqualTo("verify-revocation");
    }

    @Test
    void anyModeOtherThanOffIsActive() {
        for (RevocationMode mode : List.of(RevocationMode.STAPLED, RevocationMode.SOFT_FAIL,
                RevocationMode.HARD_FAIL)) {
            assertThat(policy(mode, Optional.empty(), SpkiPins.none()).inactive()).as(mode.name()).isFalse();
        }
    }

    @Test
    void crlFilesAloneMakeThePolicyActiveAndAreDescribed() throws IOException {
        Path crl = Files.writeString(dir.resolve("ca.crl.pem"), Crls.pem(Crls.issue(ROOT)));

        RevocationPolicy policy = policy(RevocationMode.OFF, Optional.of(CrlSet.reloadable(List.of(crl))),
                SpkiPins.none());

        assertThat(policy.inactive()).isFalse();
        assertThat(policy.description())
                .isEqualTo("revocation checked against CRL file " + crl + " (1 CRL) only, no responders asked");
    }

    @Test
    void pinsAloneMakeThePolicyActiveAndAreCounted() {
        RevocationPolicy one = policy(RevocationMode.OFF, Optional.empty(), SpkiPins.parse(List.of(PIN)));
        RevocationPolicy two = policy(RevocationMode.STAPLED, Optional.empty(),
                SpkiPins.parse(List.of(PIN, OTHER_PIN)));

        assertThat(one.inactive()).isFalse();
        assertThat(one.description()).isEqualTo("revocation off, 1 pin");
        assertThat(two.description()).isEqualTo("revocation stapled, 2 pins");
    }

    @Test
    void everySettingIsDescribedInOrder() throws IOException {
        Path crl = Files.writeString(dir.resolve("ca.crl.pem"), Crls.pem(Crls.issue(ROOT)));

        RevocationPolicy policy = policy(RevocationMode.HARD_FAIL, Optional.of(CrlSet.reloadable(List.of(crl))),
                SpkiPins.parse(List.of(PIN, OTHER_PIN)));

        assertThat(policy.description())
                .isEqualTo("revocation hard-fail and checked against CRL file " + crl + " (1 CRL), 2 pins");
    }

    private static RevocationPolicy policy(RevocationMode mode, Optional<Reloadable<CrlSet>> crls, SpkiPins pins) {
        // Responders are not needed to describe a policy.
        return new RevocationPolicy(mode, "quarkus.rest-client.test.verify-revocation", crls,
                "quarkus.rest-client.test.verify-crl", pins, "quarkus.rest-client.test.verify-pins", Optional.empty());
    }
}
