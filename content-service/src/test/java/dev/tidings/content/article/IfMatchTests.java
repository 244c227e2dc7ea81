package dev.tidings.content.article;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IfMatchTests {

    @Test
    void matchesTheStrongEtagOfTheVersion() {
        assertThat(IfMatch.required("\"3\"").matches(3)).isTrue();
        assertThat(IfMatch.required("\"2\", \"3\"").matches(3)).isTrue();
        assertThat(IfMatch.required("*").matches(3)).isTrue();
    }

    @Test
    void doesNotMatchOtherVersionsWeakTagsOrGarbage() {
        assertThat(IfMatch.required("\"2\"").matches(3)).isFalse();
        assertThat(IfMatch.required("W/\"3\"").matches(3)).isFalse();
        assertThat(IfMatch.required("3").matches(3)).isFalse();
    }

    @Test
    void aMissingRequiredPreconditionIsRefusedButAnOptionalOneMatchesAnything() {
        assertThatThrownBy(() -> IfMatch.required(null)).isInstanceOf(ArticleExceptions.VersionRequired.class);
        assertThatThrownBy(() -> IfMatch.required(" ")).isInstanceOf(ArticleExceptions.VersionRequired.class);
        assertThat(IfMatch.optional(null).matches(42)).isTrue();
    }
}
