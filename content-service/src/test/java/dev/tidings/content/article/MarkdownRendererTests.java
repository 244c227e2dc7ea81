package dev.tidings.content.article;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MarkdownRendererTests {

    private final MarkdownRenderer renderer = new MarkdownRenderer();

    @Test
    void keepsHeadingsListsEmphasisAndLinks() {
        String html = renderer.render("""
                ## Triggers

                - *soap*
                - **heat**

                See [the study](https://example.org/study?id=1&x=2).
                """);

        assertThat(html).contains("<h2>Triggers</h2>", "<ul>", "<li><em>soap</em></li>", "<strong>heat</strong>",
                "<a href=\"https://example.org/study?id=1&amp;x=2\" rel=\"nofollow noopener\">the study</a>");
    }

    @Test
    void removesScriptElements() {
        String html = renderer.render("Before\n\n<script>alert('x')</script>\n\nAfter <script>steal()</script>");

        assertThat(html).contains("Before", "After").doesNotContain("<script", "alert", "steal");
    }

    @Test
    void removesEventHandlerAttributes() {
        String html = renderer.render("<img src=\"https://example.org/a.png\" onerror=\"alert(1)\"> "
                + "<p onclick=\"alert(2)\">text</p>");

        assertThat(html).contains("src=\"https://example.org/a.png\"", "text").doesNotContain("onerror", "onclick",
                "alert");
    }

    @Test
    void removesJavascriptUrls() {
        String html = renderer.render("[click](javascript:alert(1)) and <a href=\"JaVaScRiPt:alert(2)\">this</a>"
                + " and ![img](javascript:alert(3))");

        assertThat(html).contains("click", "this").doesNotContainIgnoringCase("javascript");
    }

    @Test
    void marksRawHtmlLinksNofollowToo() {
        assertThat(renderer.render("<a href=\"https://example.org\" rel=\"author\" target=\"_blank\">x</a>"))
                .isEqualTo("<p><a href=\"https://example.org\" rel=\"nofollow noopener\">x</a></p>");
    }
}
