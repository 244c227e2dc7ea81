package dev.tidings.feed.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tidings.feed.web.EntityTags.Comparison;
import org.junit.jupiter.api.Test;

class EntityTagsTests {

    private static final String WEAK = "W/\"abc\"";

    @Test
    void weakComparisonIgnoresTheWeakMarkerOnEitherSide() {
        assertThat(EntityTags.matches("\"abc\"", WEAK, Comparison.WEAK)).isTrue();
        assertThat(EntityTags.matches("W/\"abc\"", WEAK, Comparison.WEAK)).isTrue();
        assertThat(EntityTags.matches("W/\"abc\"", "\"abc\"", Comparison.WEAK)).isTrue();
        assertThat(EntityTags.matches("\"abcd\"", WEAK, Comparison.WEAK)).isFalse();
    }

    @Test
    void strongComparisonNeedsTwoStrongEqualTags() {
        assertThat(EntityTags.matches("\"abc\"", "\"abc\"", Comparison.STRONG)).isTrue();
        assertThat(EntityTags.matches("\"abc\"", WEAK, Comparison.STRONG)).isFalse();
        assertThat(EntityTags.matches("W/\"abc\"", "\"abc\"", Comparison.STRONG)).isFalse();
    }

    @Test
    void listsStarsAndCommasInsideTags() {
        assertThat(EntityTags.matches("\"x\", W/\"y\" ,\t\"abc\"", WEAK, Comparison.WEAK)).isTrue();
        assertThat(EntityTags.matches("*", WEAK, Comparison.STRONG)).isTrue();
        assertThat(EntityTags.matches("\"a,b\"", "W/\"a,b\"", Comparison.WEAK)).isTrue();
        assertThat(EntityTags.matches("\"a,b\"", "W/\"b\"", Comparison.WEAK)).isFalse();
    }

    @Test
    void malformedListsMatchNothing() {
        assertThat(EntityTags.matches("abc", WEAK, Comparison.WEAK)).isFalse();
        assertThat(EntityTags.matches("\"abc", WEAK, Comparison.WEAK)).isFalse();
        assertThat(EntityTags.matches("W/abc", WEAK, Comparison.WEAK)).isFalse();
        assertThat(EntityTags.matches("", WEAK, Comparison.WEAK)).isFalse();
    }
}
