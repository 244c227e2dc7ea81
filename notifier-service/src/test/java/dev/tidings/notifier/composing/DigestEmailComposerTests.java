package dev.tidings.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tidings.notifier.MailText;
import dev.tidings.notifier.NotifierProperties;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class DigestEmailComposerTests {

    private final DigestEmailComposer composer = new DigestEmailComposer(new NotifierProperties(
            "https://news.example", "Tidings <newsletter@health.example>", Duration.ofHours(48), 65536,
            50, Duration.ofSeconds(10), Duration.ZERO, Duration.ofSeconds(30), 8, LocalTime.of(7, 0), DayOfWeek.MONDAY,
            ZoneOffset.UTC, Duration.ofHours(1),
            List.of(new NotifierProperties.LinkKey("unit", "unit-test-link-key-0123456789abcdef")),
            new NotifierProperties.SubscribeLimits(20, Duration.ofMinutes(1), 5, Duration.ofHours(1))));

    @Test
    void aDigestListsEveryArticleWithItsLinkAndEscapesTitles() throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        composer.compose(message, new DigestEmail("reader@example.test", "weekly", List.of(
                new DigestEmail.Item("<b>Bold</b> claims", "Summary one", "https://health.example/a"),
                new DigestEmail.Item("Quiet facts", "", "javascript:alert(1)")),
                "https://news.example/unsubscribe?token=u", "https://news.example/preferences?token=u"));
        message.saveChanges();

        assertThat(message.getSubject()).isEqualTo("Your weekly Tidings digest: 2 articles");
        assertThat(message.getHeader("List-Unsubscribe")).containsExactly("<https://news.example/unsubscribe?token=u>");
        List<MailText> parts = MailText.parts(message);
        assertThat(parts.get(0).text()).contains("* <b>Bold</b> claims").contains("https://health.example/a")
                .contains("* Quiet facts").doesNotContain("javascript:");
        assertThat(parts.get(1).text()).contains("<h2>&lt;b&gt;Bold&lt;/b&gt; claims</h2>")
                .contains("<a href=\"https://health.example/a\">Read on the site</a>").doesNotContain("javascript:")
                .contains("https://news.example/preferences?token=u");
    }
}
