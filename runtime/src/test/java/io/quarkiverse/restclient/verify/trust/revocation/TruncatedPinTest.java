package io.quarkiverse.restclient.verify.trust.revocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;
import io.quarkiverse.restclient.verify.trust.TrustMaterialException;

/**
 * A pin cut short when copied is incomplete, not "not base64": the message says how long a pin is and gives the
 * command that prints the whole pin.
 */
class TruncatedPinTest {

    static final String COMMAND = "openssl s_client -connect host:443 </dev/null | openssl x509 -pubkey -noout"
            + " | openssl pkey -pubin -outform der | openssl dgst -sha256 -binary | openssl enc -base64";

    @Test
    void aShortPinIsIncompleteWithTheExpectedLengthAndTheCommand() {
        assertThatThrownBy(() -> SpkiPins.parse(List.of("sha256/abc")))
                .isInstanceOf(TrustMaterialException.class)
                .hasMessage("'sha256/abc' is an incomplete pin: the part after sha256/ has 3 characters, a SHA-256 pin"
                        + " has 44 base64 characters. Fix: copy the whole pin, or print it with: " + COMMAND);
    }

    @Test
    void aPinCutAtAnyLengthIsIncomplete() {
        String whole = SpkiPins.pinOf(CertificateAuthority.root("Truncated Root").certificate());
        for (int cut = "sha256/".length() + 1; cut < whole.length() - 1; cut++) {
            String truncated = whole.substring(0, cut);
            assertThatThrownBy(() -> SpkiPins.parse(List.of(truncated))).as(truncated)
                    .hasMessageStartingWith("'" + truncated + "' is an incomplete pin")
                    .hasMessageNotContaining("not base64");
        }
        assertThat(SpkiPins.parse(List.of(whole)).values()).containsExactly(whole);
    }

    @Test
    void aPinWithOtherCharactersIsNotBase64AndNamesTheCharacter() {
        assertThatThrownBy(() -> SpkiPins.parse(List.of("sha256/abc!defghijklmnopqrstuvwxyzABCDEFGHIJKLMNOP=")))
                .hasMessageStartingWith("'sha256/abc!defghijklmnopqrstuvwxyzABCDEFGHIJKLMNOP=' is not a pin: the part"
                        + " after sha256/ holds '!', which is not a base64 character")
                .hasMessageContaining("Fix: ");
    }

    @Test
    void aPinTooLongSaysSo() {
        String whole = SpkiPins.pinOf(CertificateAuthority.root("Long Root").certificate());
        assertThatThrownBy(() -> SpkiPins.parse(List.of(whole.replace("=", "") + "AAAA")))
                .hasMessageContaining("has 47 characters, a SHA-256 pin has 44 base64 characters")
                .hasMessageContaining("Fix: ");
    }
}
