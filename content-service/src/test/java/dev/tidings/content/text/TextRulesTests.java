package dev.tidings.content.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextRulesTests {

    @Test
    void xmlCharactersFollowTheCharProduction() {
        assertThat(XmlCharacters.allLegal("Tab\tLF\nCR\r, é, 😀, \uE000, \uFFFD")).isTrue();
        assertThat(XmlCharacters.allLegal("nul\u0000")).isFalse();
        assertThat(XmlCharacters.allLegal("bell\u0007")).isFalse();
        assertThat(XmlCharacters.allLegal("\uFFFE")).isFalse();
        assertThat(XmlCharacters.allLegal("lone \uD800 surrogate")).isFalse();
    }

    @Test
    void singleLineRefusesLineBreaks() {
        SingleLine.Validator validator = new SingleLine.Validator();
        assertThat(validator.isValid("One line\twith a tab", null)).isTrue();
        assertThat(validator.isValid("Two\r\nlines", null)).isFalse();
        assertThat(validator.isValid("Two\nlines", null)).isFalse();
        assertThat(validator.isValid("control\u0001", null)).isFalse();
    }

    @Test
    void webUrlsAreAbsoluteHttp() {
        WebUrl.Validator validator = new WebUrl.Validator();
        assertThat(validator.isValid("https://health.example/a?b=c", null)).isTrue();
        assertThat(validator.isValid("http://health.example", null)).isTrue();
        assertThat(validator.isValid("javascript:alert(1)", null)).isFalse();
        assertThat(validator.isValid("/relative", null)).isFalse();
        assertThat(validator.isValid("ftp://health.example/x", null)).isFalse();
        assertThat(validator.isValid("https://bad host", null)).isFalse();
    }

    @Test
    void plainTextDropsMarkup() {
        assertThat(PlainText.of("<script>alert(1)</script>Eczema")).isEqualTo("Eczema");
        assertThat(PlainText.of("Tom &amp; <b>Jerry</b>")).isEqualTo("Tom & Jerry");
        assertThat(PlainText.of("x < y > z")).isEqualTo("x < y > z");
    }

    @Test
    void slugsComeFromTitles() {
        assertThat(Slugs.fromTitle("What is the gut–skin axis?")).isEqualTo("what-is-the-gut-skin-axis");
        assertThat(Slugs.fromTitle("Ekzem: Ursachen & Therapie")).isEqualTo("ekzem-ursachen-therapie");
        assertThat(Slugs.fromTitle("Crème brûlée")).isEqualTo("creme-brulee");
        assertThat(Slugs.fromTitle("湿疹")).isEmpty();
    }
}
