package dev.tidings.notifier;

import static dev.tidings.notifier.InertHtml.HOSTILE;
import static dev.tidings.notifier.InertHtml.assertInert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tidings.events.ArticleEventType;
import dev.tidings.events.ArticleSnapshot;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/**
 * Hostile topic names, article titles, summaries and bodies, and hostile form input, through every
 * page and email a reader sees: each renders as inert text, and CR/LF never reaches a mail header.
 */
class TemplateEscapingIntegrationTests extends NotifierIntegrationTest {

    private static final Pattern PREFERENCES = Pattern.compile("/preferences\\?token=([A-Za-z0-9_-]+)");

    private static final Pattern UNSUBSCRIBE = Pattern.compile("/unsubscribe\\?token=([A-Za-z0-9_-]+)");

    @Test
    void hostileTextIsInertInEveryPageAndEmail() throws Exception {
        String topic = uniqueSlug("hostile");
        knownTopic(topic, HOSTILE);
        Document subscribe = assertInert(page("/subscribe"));
        assertThat(subscribe.select(".choice span").eachText()).contains(text(HOSTILE));

        String reader = uniqueEmail("hostile");
        subscribeAndConfirm(reader, topic);
        MimeMessage confirmation = mailsTo(reader).get(0);
        assertCleanHeaders(confirmation);
        assertThat(assertInert(html(confirmation)).select("li").eachText()).contains(text(HOSTILE));

        String waiting = uniqueEmail("waiting");
        subscribeWithoutConfirming(waiting, topic);
        assertInert(page("/subscriptions/confirm?token=" + awaitConfirmationToken(waiting)));

        ArticleSnapshot article = new ArticleSnapshot(UUID.randomUUID(), 1, "hostile-article", HOSTILE, HOSTILE,
                "<p onclick=\"steal()\">Hi</p><script>alert(1)</script><img src=\"x\" onerror=\"alert(1)\">"
                        + "<a href=\"javascript:steal()\">link</a><iframe src=\"https://evil.example\"></iframe>",
                "https://health.example/articles/hostile", HOSTILE, List.of(topic), List.of("basics"),
                Instant.parse("2026-11-20T08:30:00Z"), Instant.parse("2026-11-20T08:30:01Z"),
                null, null, null);
        kafka.send(ArticleEventType.PUBLISHED, article);
        MimeMessage email = await().atMost(PATIENCE).until(() -> mailsTo(reader).stream()
                .filter(message -> !MailText.of(message).contains("/subscriptions/confirm?token=")).toList(), mails -> !mails.isEmpty())
                .get(0);
        assertCleanHeaders(email);
        assertThat(MimeUtility.unfold(email.getHeader("List-Id")[0])).doesNotContain("\r").doesNotContain("\n");
        String articleHtml = html(email);
        Document articleEmail = assertInert(articleHtml);
        assertThat(articleEmail.selectFirst("h1").text()).isEqualTo(text(HOSTILE));
        assertThat(articleEmail.text()).contains("Hi");

        String preferences = token(PREFERENCES, articleHtml);
        Document preferencesPage = assertInert(page("/preferences?token=" + preferences));
        assertThat(preferencesPage.select(".choice span").eachText()).contains(text(HOSTILE));
        assertInert(page("/unsubscribe?token=" + token(UNSUBSCRIBE, articleHtml)));
        assertInert(page("/preferences/erase?token=" + preferences));

        HttpResponse<String> refused = postForm("/subscribe", "email=" + reader + "&topics="
                + URLEncoder.encode(HOSTILE, StandardCharsets.UTF_8));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertHtml(refused);
        assertThat(assertInert(refused.body()).text()).contains("unknown topic");
        HttpResponse<String> forged = get("/subscriptions/confirm?token="
                + URLEncoder.encode(HOSTILE, StandardCharsets.UTF_8));
        assertThat(forged.statusCode()).isBetween(400, 499);
        assertInert(forged.body());
    }

    /** What a browser shows of {@code text}: its whitespace runs (the CR/LF among them) as one space. */
    private static String text(String hostile) {
        return hostile.replaceAll("\\s+", " ").strip();
    }

    private String page(String path) {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        assertHtml(response);
        return response.body();
    }

    private static String html(MimeMessage message) {
        List<MailText> parts = MailText.parts(message);
        assertThat(parts.get(1).contentType()).startsWith("text/html");
        return parts.get(1).text();
    }

    private static void assertCleanHeaders(MimeMessage message) throws MessagingException {
        assertThat(message.getHeader("Bcc")).isNull();
        assertThat(message.getSubject()).doesNotContain("\r").doesNotContain("\n");
        assertThat(message.getAllRecipients()).hasSize(1);
    }

    private static String token(Pattern link, String html) {
        Matcher matcher = link.matcher(html);
        assertThat(matcher.find()).as("a link %s in the email", link).isTrue();
        return matcher.group(1);
    }
}
