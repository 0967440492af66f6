package io.quarkiverse.restclient.verify.trust.anchors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.quarkiverse.restclient.verify.trust.TrustMaterialException;
import io.quarkiverse.restclient.verify.trust.anchors.TrustSpec.TrustSource;
import io.quarkiverse.restclient.verify.trust.anchors.TrustSpec.TrustSource.Kind;

class TrustSpecTest {

    @Test
    void keywordsAreCaseInsensitiveAndTrueMeansDefault() {
        assertThat(TrustSpec.parse("TRUE").sources()).containsExactly(TrustSource.of(Keyword.DEFAULT));
        assertThat(TrustSpec.parse(" Default ").sources()).containsExactly(TrustSource.of(Keyword.DEFAULT));
        assertThat(TrustSpec.parse("system").sources()).containsExactly(TrustSource.of(Keyword.SYSTEM));
        assertThat(TrustSpec.parse("MOZILLA").sources()).containsExactly(TrustSource.of(Keyword.MOZILLA));
        assertThat(TrustSpec.parse("False").insecure()).isTrue();
    }

    @Test
    void listIsAUnionInWrittenOrderWithoutDuplicates() {
        TrustSpec spec = TrustSpec.parse("default, /certs/corp.pem,,classpath:/certs/extra.pem, true");
        assertThat(spec.sources()).containsExactly(
                TrustSource.of(Keyword.DEFAULT),
                new TrustSource(Kind.PATH, "/certs/corp.pem"),
                new TrustSource(Kind.CLASSPATH, "certs/extra.pem"));
        assertThat(spec.includesJdkDefault()).isTrue();
        assertThat(spec.insecure()).isFalse();
    }

    @Test
    void aFileNamedLikeAKeywordIsWrittenAsARelativePath() {
        assertThat(TrustSpec.parse("./default").sources()).containsExactly(new TrustSource(Kind.PATH, "./default"));
    }

    @Test
    void falseCannotBeCombined() {
        assertThatThrownBy(() -> TrustSpec.parse("false,/certs/corp.pem"))
                .isInstanceOf(TrustMaterialException.class)
                .hasMessageContaining("mixes false with other trust sources")
                .hasMessageContaining("Fix:");
    }

    @Test
    void emptyValuesAndEmptyClasspathResourcesAreRefused() {
        assertThatThrownBy(() -> TrustSpec.parse(" , ")).hasMessageContaining("the value is empty");
        assertThatThrownBy(() -> TrustSpec.parse("classpath:")).hasMessageContaining("names no resource");
    }
}
