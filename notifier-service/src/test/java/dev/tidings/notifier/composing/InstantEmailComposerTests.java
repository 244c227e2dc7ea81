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

class InstantEmailComposerTests {

    private static final String UNSUBSCRIBE = "https://news.example/unsubscribe?token=abc";

    private static final String PREFERENCES = "https://news.example/preferences?token=abc";

    private final InstantEmailComposer composer = new InstantEmailComposer(new NotifierProperties(
            "https://news.example", "Tidings <newsletter@health.example>", Duration.ofHours(48), 65536,
            50, Duration.ofSeconds(10), Duration.ZERO, Duration.ofSeconds(30), 8, LocalTime.of(7, 0), DayOfWeek.MONDAY,
            ZoneOffset.UTC, Duration.ofHours(1),
            List.of(new NotifierProperties.LinkKey("unit", "unit-test-link-key-0123456789abcdef")),
            new NotifierProperties.SubscribeLimits(20, Duration.ofMinutes(1), 5, Duration.ofHours(1))));

    @Test
    void theSubjectIsTheTitleOnOneLine() throws Exception {
        MimeMessage message = compose("Gut news\r\nBcc: everyone@example.test\u0000\u2028 today", "<p>x</p>");

        assertThat(message.getSubject()).isEqualTo("Gut news Bcc: everyone@example.test today");
        assertThat(message.getHeader("Bcc")).isNull();
    }

    @Test
    void itIsMultipartAlternativeWithTextAndHtml() throws Exception {
        MimeMessage message = compose("Title", "<p>First <strong>para</strong>.</p><ul><li>one</li><li>two</li></ul>");

        assertThat(message.getContentType()).startsWith("multipart/alternative");
        List<MailText> parts = MailText.parts(message);
        assertThat(parts).extracting(MailText::contentType).satisfiesExactly(
                type -> assertThat(type).startsWith("text/plain; charset=UTF-8"),
                type -> assertThat(type).startsWith("text/html; charset=UTF-8"));
        assertThat(parts.get(0).text()).contains("Title").contains("The summary & more")
                .contains("First para.").contains("- one\n- two").doesNotContain("<")
                .contains("Read on the site: https://health.example/articles/title").contains(UNSUBSCRIBE);
        assertThat(parts.get(1).text()).contains("<h1>Title</h1>").contains("The summary &amp; more")
                .contains("<strong>para</strong>")
                .contains("<a href=\"https://health.example/articles/title\">Read on the site</a>")
                .contains("<a href=\"" + UNSUBSCRIBE + "\">Unsubscribe</a>")
                .contains("<a href=\"" + PREFERENCES + "\">Choose your topics</a>");
    }

    @Test
    void itCarriesTheOneClickUnsubscribeHeaders() throws Exception {
        MimeMessage message = compose("Title", "<p>x</p>");

        assertThat(message.getHeader("List-Unsubscribe")).containsExactly("<" + UNSUBSCRIBE + ">");
        assertThat(message.getHeader("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");
        assertThat(message.getFrom()[0].toString()).isEqualTo("Tidings <newsletter@health.example>");
        assertThat(message.getAllRecipients()[0].toString()).isEqualTo("reader@example.test");
    }

    @Test
    void scriptsAndHandlersNeverReachTheHtml() throws Exception {
        MimeMessage message = compose("<script>alert('title')</script>",
                "<p onclick=\"steal()\">Hi</p><script>alert(1)</script><a href=\"javascript:steal()\">x</a>"
                        + "<iframe src=\"https://evil.example\"></iframe>");

        String html = MailText.parts(message).get(1).text();
        assertThat(html).doesNotContain("<script").doesNotContain("onclick").doesNotContain("javascript:")
                .doesNotContain("<iframe").contains("<p>Hi</p>").contains("&lt;script&gt;");
    }

    private MimeMessage compose(String title, String bodyHtml) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        composer.compose(message, new InstantEmail("reader@example.test", title, "The summary & more", bodyHtml,
                "https://health.example/articles/title", UNSUBSCRIBE, PREFERENCES));
        message.saveChanges();
        return message;
    }
}
