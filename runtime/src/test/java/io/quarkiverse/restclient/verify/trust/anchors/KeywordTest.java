package io.quarkiverse.restclient.verify.trust.anchors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;

import org.junit.jupiter.api.Test;

import io.quarkiverse.restclient.verify.trust.anchors.TrustSpec.TrustSource;

/** Every word of every keyword parses to that keyword, in any case, and the message list names each. */
class KeywordTest {

    @Test
    void everyWordParsesToItsKeywordInAnyCase() {
        for (Keyword keyword : Keyword.values()) {
            for (String word : keyword.words()) {
                for (String written : new String[] { word, word.toUpperCase(Locale.ROOT), " " + word + " " }) {
                    assertThat(TrustSpec.parse(written).sources()).as(written)
                            .containsExactly(TrustSource.of(keyword));
                }
            }
        }
    }

    @Test
    void theListInMessagesNamesEveryWordWithItsHelp() {
        String described = Keyword.described();
        for (Keyword keyword : Keyword.values()) {
            assertThat(described).contains(String.join(" or ", keyword.words()) + " (" + keyword.help() + ")");
        }
    }

    @Test
    void aSourceKnowsItsKeyword() {
        assertThat(TrustSource.of(Keyword.MOZILLA).keyword()).contains(Keyword.MOZILLA);
        assertThat(TrustSource.of(Keyword.MOZILLA).is(Keyword.SYSTEM)).isFalse();
        assertThat(TrustSpec.parse("./mozilla").sources().get(0).keyword()).isEmpty();
        assertThat(TrustSpec.parse("true").includesJdkDefault()).isTrue();
        assertThat(TrustSpec.parse("FALSE").insecure()).isTrue();
    }
}
