package io.quarkiverse.restclient.verify.trust.anchors;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.quarkiverse.restclient.verify.trust.TrustMaterialException;

/**
 * A keyword written with a typo, or a word another tool takes for "on", is answered with the keyword meant and the
 * whole list of keywords, {@code mozilla} included.
 */
class MisspelledKeywordTest {

    @Test
    void mozilaNamesMozilla() {
        assertThatThrownBy(() -> TrustSpec.parse("mozila"))
                .isInstanceOf(TrustMaterialException.class)
                .hasMessageContaining("Did you mean mozilla?")
                .hasMessageContaining("mozilla (the Mozilla CA bundle of the artifact quarkus-rest-client-verify-mozilla-ca)");
    }

    @Test
    void yesIsAskedWhetherItMeansTrue() {
        assertThatThrownBy(() -> TrustSpec.parse("yes"))
                .isInstanceOf(TrustMaterialException.class)
                .hasMessageContaining("Did you mean true?");
    }

    @Test
    void aSwapOfTwoLettersIsOneTypo() {
        assertThatThrownBy(() -> TrustSpec.parse("ture")).hasMessageContaining("Did you mean true?");
        assertThatThrownBy(() -> TrustSpec.parse("Sytsem")).hasMessageContaining("Did you mean system?");
    }

    @Test
    void aTypoIsNeverGuessedAsTheValueThatTurnsChecksOff() {
        // "flase" or "file" could be a path mistyped; guessing false would switch verification off.
        assertThatThrownBy(() -> TrustSpec.parse("flase")).hasMessageNotContaining("Did you mean");
        assertThatThrownBy(() -> TrustSpec.parse("file")).hasMessageNotContaining("Did you mean");
        // Only a word that means "off" in other tools is answered with false.
        assertThatThrownBy(() -> TrustSpec.parse("off")).hasMessageContaining("Did you mean false?");
    }

    @Test
    void aWordFarFromEveryKeywordGetsNoGuess() {
        assertThatThrownBy(() -> TrustSpec.parse("corporate"))
                .isInstanceOf(TrustMaterialException.class)
                .hasMessageNotContaining("Did you mean");
    }
}
