package dev.tidings.notifier.composing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tidings.notifier.MailText;
import dev.tidings.notifier.TestSettings;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DigestEmailComposerTests {

    private final DigestEmailComposer composer = new DigestEmailComposer(
            new NewsletterEnvelope(TestSettings.notifier(ZoneOffset.UTC)));

    @Test
    void aDigestListsEveryArticleWithItsLinkAndEscapesTitles() throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        composer.compose(message, new DigestEmail("weekly", List.of(
                item("<b>Bold</b> claims", "Summary one", "https://health.example/a"),
                item("Quiet facts", "", "javascript:alert(1)"))), new Recipient("reader@example.test",
                "https://news.example/unsubscribe?token=u", "https://news.example/preferences?token=u"));
        message.saveChanges();

        assertThat(message.getSubject()).isEqualTo("Your weekly Tidings digest: 2 articles");
        assertThat(message.getHeader("List-Unsubscribe")).containsExactly("<https://news.example/unsubscribe?token=u>");
        assertThat(message.getHeader("List-Id"))
                .containsExactly("\"Tidings weekly digest\" <weekly.digests.health.example>");
        List<MailText> parts = MailText.parts(message);
        assertThat(parts.get(0).text()).contains("* <b>Bold</b> claims").contains("https://health.example/a")
                .contains("* Quiet facts").doesNotContain("javascript:");
        assertThat(parts.get(1).text()).contains("<h2>&lt;b&gt;Bold&lt;/b&gt; claims</h2>")
                .contains("<a href=\"https://health.example/a\">Read on the site</a>").doesNotContain("javascript:")
                .contains("https://news.example/preferences?token=u");
    }

    private static RenderedArticle item(String title, String summary, String canonicalUrl) {
        return new RenderedArticle(UUID.randomUUID(), 1, title, summary, canonicalUrl, "", "",
                new ListId("Topic", "topic.topics.health.example"), "7bit");
    }
}
