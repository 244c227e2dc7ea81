package dev.tidings.feed.rendering;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class XmlCharactersTests {

    @Test
    void keepsEverythingXmlAllows() {
        String text = "tab\tnewline\n\r café ✓ \uD83D\uDE00 \uE000 \uFFFD";
        assertThat(XmlCharacters.strip(text)).isSameAs(text);
    }

    @Test
    void removesControlsNonCharactersAndLoneSurrogates() {
        assertThat(XmlCharacters.strip("a\u0000b\u0001c\u001Fd\uFFFEe\uFFFFf\uD800g\uDC00h"))
                .isEqualTo("abcdefgh");
    }
}
