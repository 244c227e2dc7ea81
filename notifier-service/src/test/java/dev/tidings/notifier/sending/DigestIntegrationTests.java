package dev.tidings.notifier.sending;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tidings.events.ArticleEventType;
import dev.tidings.events.ArticleSnapshot;
import dev.tidings.notifier.MailText;
import dev.tidings.notifier.NotifierIntegrationTest;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * A subscriber who chose a daily digest gets the day's articles in one email, without the ones
 * retracted before it went out. The digest is due at the next digest time (hours away), so this
 * test sends it with a second sender on the same database whose clock is eight days ahead.
 */
class DigestIntegrationTests extends NotifierIntegrationTest {

    @Autowired
    ApplicationContext context;

    private static final Pattern PREFERENCES = Pattern.compile("/preferences\\?token=([A-Za-z0-9_-]+)");

    @Autowired
    JavaMailSenderImpl mailSender;

    @Test
    void aDailyDigestCollectsTheArticlesThatWereNotRetracted() throws Exception {
        String topic = uniqueSlug("sleep");
        knownTopic(topic, "Sleep");
        String reader = uniqueEmail("digest");
        subscribeAndConfirm(reader, topic);
        kafka.send(ArticleEventType.PUBLISHED, article(UUID.randomUUID(), 1, "Naps", List.of(topic)));
        String token = await().atMost(PATIENCE).until(() -> preferencesToken(reader), found -> found != null);
        assertThat(get("/preferences?token=" + token).body()).contains("value=\"instant\" checked");
        assertThat(postForm("/preferences", "token=" + token + "&topics=" + topic + "&frequency=daily").statusCode())
                .isEqualTo(200);
        assertThat(get("/preferences?token=" + token).body()).contains("value=\"daily\" checked");
        assertThat(postForm("/preferences", "token=" + token + "&topics=" + topic + "&frequency=hourly").statusCode())
                .isEqualTo(400);

        ArticleSnapshot first = article(UUID.randomUUID(), 1, "Melatonin basics", List.of(topic));
        ArticleSnapshot second = article(UUID.randomUUID(), 1,
                "Blue light at night", List.of(topic));
        ArticleSnapshot retracted = article(UUID.randomUUID(), 1, "Sleep less, live longer", List.of(topic));
        kafka.send(ArticleEventType.PUBLISHED, first);
        kafka.send(ArticleEventType.PUBLISHED, second);
        kafka.send(ArticleEventType.PUBLISHED, retracted);
        kafka.send(ArticleEventType.RETRACTED, retraction(retracted, 2));
        await().atMost(PATIENCE).until(() -> kindAndStatus(first.id()).equals(List.of("daily/PENDING"))
                && kindAndStatus(second.id()).equals(List.of("daily/PENDING"))
                && kindAndStatus(retracted.id()).equals(List.of("daily/CANCELLED")));

        DeliverySender digestTime = LedgerSenders.on(context, mailSender,
                Clock.offset(Clock.systemUTC(), Duration.ofDays(8)));
        digestTime.sendDue();

        List<MimeMessage> digests = mailsTo(reader).stream()
                .filter(message -> subjectOf(message).startsWith("Your daily Tidings digest")).toList();
        assertThat(digests).hasSize(1);
        MimeMessage digest = digests.get(0);
        assertThat(digest.getSubject()).isEqualTo("Your daily Tidings digest: 2 articles");
        assertThat(digest.getHeader("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");
        assertThat(MailText.parts(digest)).extracting(MailText::contentType).satisfiesExactly(
                type -> assertThat(type).startsWith("text/plain"), type -> assertThat(type).startsWith("text/html"));
        assertThat(MailText.of(digest)).contains("Melatonin basics").contains("Blue light at night")
                .doesNotContain("Sleep less");
        assertThat(kindAndStatus(first.id())).containsExactly("daily/SENT");
        assertThat(kindAndStatus(second.id())).containsExactly("daily/SENT");

        digestTime.sendDue();
        assertThat(mailsTo(reader).stream().filter(message -> subjectOf(message).startsWith("Your daily"))).hasSize(1);
    }

    private List<String> kindAndStatus(UUID articleId) {
        return jdbc.sql("SELECT kind || '/' || status FROM deliveries WHERE article_id = :id")
                .param("id", articleId).query(String.class).list();
    }

    private static String subjectOf(MimeMessage message) {
        try {
            return message.getSubject();
        }
        catch (jakarta.mail.MessagingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private String preferencesToken(String email) {
        return mailsTo(email).stream().map(MailText::of).map(PREFERENCES::matcher).filter(Matcher::find)
                .map(matcher -> matcher.group(1)).findFirst().orElse(null);
    }
}
