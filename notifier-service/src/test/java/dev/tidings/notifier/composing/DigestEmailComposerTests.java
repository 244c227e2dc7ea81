package dev.tidings.notifier.composing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tidings.notifier.InertHtml;
import dev.tidings.notifier.MailText;
import dev.tidings.notifier.TestSettings;
import dev.tidings.notifier.TestTemplates;
import jakarta.mail.internet.MimeMessage;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

class DigestEmailComposerTests {

    private final DigestEmailComposer composer = new DigestEmailComposer(
            new NewsletterEnvelope(TestSettings.notifier(ZoneOffset.UTC)),
            new EmailTemplates(TestTemplates.engine(), TestSettings.notifier(ZoneOffset.UTC)));

    @Test
    void aDigestListsEveryArticleWithItsLinkAndEscapesTitles() throws Exception {
        MimeMessage message = InstantEmailComposerTests.parse(composer.compose(new DigestEmail("weekly", List.of(
                item("<b>Bold</b> claims", "Summary one", "https://health.example/a"),
                item("Quiet facts", "", "javascript:alert(1)"))), new Recipient("reader@example.test",
                "https://news.example/unsubscribe?token=u", "https://news.example/preferences?token=u")));

        assertThat(message.getSubject()).isEqualTo("Your weekly Tidings digest: 2 articles");
        assertThat(message.getHeader("List-Unsubscribe")).containsExactly("<https://news.example/unsubscribe?token=u>");
        assertThat(message.getHeader("List-Id"))
                .containsExactly("\"Tidings weekly digest\" <weekly.digests.health.example>");
        List<MailText> parts = MailText.parts(message);
        assertThat(parts.get(0).text()).contains("* <b>Bold</b> claims").contains("https://health.example/a")
                .contains("* Quiet facts").doesNotContain("javascript:");
        assertThat(parts.get(1).text()).contains("&lt;b&gt;Bold&lt;/b&gt; claims").doesNotContain("javascript:");
        Document html = Jsoup.parse(parts.get(1).text());
        assertThat(html.select("h2").eachText()).containsExactly("<b>Bold</b> claims", "Quiet facts");
        assertThat(html.select("a:containsOwn(Read on the site)").eachAttr("href"))
                .containsExactly("https://health.example/a");
        assertThat(html.selectFirst("a:containsOwn(Choose your topics)").attr("href"))
                .isEqualTo("https://news.example/preferences?token=u");
    }

    @Test
    void hostileTitlesAndSummariesAreInertText() throws Exception {
        MimeMessage message = InstantEmailComposerTests.parse(composer.compose(new DigestEmail("daily",
                List.of(item(InertHtml.HOSTILE, InertHtml.HOSTILE, "https://health.example/a\"><script>x</script>"))),
                new Recipient("reader@example.test", "https://news.example/unsubscribe?token=\"><b>u",
                        "https://news.example/preferences?token=u")));

        Document html = InertHtml.assertInert(MailText.parts(message).get(1).text());
        assertThat(html.select("h2").eachText()).containsExactly(InertHtml.HOSTILE.replaceAll("\\s+", " ").strip());
        assertThat(html.select("b")).isEmpty();
        assertThat(html.selectFirst("a:containsOwn(Unsubscribe)").attr("href"))
                .isEqualTo("https://news.example/unsubscribe?token=\"><b>u");
    }

    private static RenderedArticle item(String title, String summary, String canonicalUrl) {
        // A digest lists title, summary and link; the article's own email is not needed.
        return new RenderedArticle(UUID.randomUUID(), 1, title, summary, canonicalUrl,
                new PersonalizableHtml(List.of(""), List.of()), null);
    }
}
