package dev.tidings.notifier.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tidings.events.ArticleEventType;
import dev.tidings.notifier.MailText;
import dev.tidings.notifier.NotifierIntegrationTest;
import dev.tidings.notifier.NotifierProperties;
import dev.tidings.notifier.NotifierProperties.LinkKey;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The personal links of the emails: HMACs of the subscriber, verified by every key of the ring. */
class EmailLinksIntegrationTests extends NotifierIntegrationTest {

    private static final Pattern UNSUBSCRIBE = Pattern.compile("/unsubscribe\\?token=([A-Za-z0-9_-]+)");

    private static final Pattern PREFERENCES = Pattern.compile("/preferences\\?token=([A-Za-z0-9_-]+)");

    @Autowired
    NotifierProperties properties;

    @Test
    void aLinkSignedWithTheOlderKeyOfTheRingStillUnsubscribesAfterRotation() {
        String topic = uniqueSlug("joints");
        knownTopic(topic, "Joints");
        String reader = uniqueEmail("reader");
        subscribeAndConfirm(reader, topic);
        String beforeRotation = withRing(new LinkKey("test-old", OLD_LINK_SECRET))
                .sign(LinkPurpose.UNSUBSCRIBE, subscriberId(reader));

        HttpResponse<String> page = get("/unsubscribe?token=" + beforeRotation);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<form method=\"post\"");
        assertThat(unsubscribedAt(reader)).as("a GET changes nothing").isNull();

        assertThat(postForm("/unsubscribe?token=" + beforeRotation, "List-Unsubscribe=One-Click").statusCode())
                .isEqualTo(200);
        assertThat(unsubscribedAt(reader)).as("at once").isNotNull();
        assertThat(postForm("/unsubscribe?token=" + beforeRotation, "List-Unsubscribe=One-Click").statusCode())
                .as("again, already unsubscribed").isEqualTo(200);
        String unknownSubscriber = withRing(properties.linkKeys().toArray(LinkKey[]::new))
                .sign(LinkPurpose.UNSUBSCRIBE, UUID.randomUUID());
        assertThat(postForm("/unsubscribe?token=" + unknownSubscriber, "List-Unsubscribe=One-Click").statusCode())
                .as("a genuine link of a subscriber who is gone").isEqualTo(200);
    }

    @Test
    void tamperedForgedAndMisusedTokensGetAClearPageAndChangeNothing() {
        String topic = uniqueSlug("hips");
        knownTopic(topic, "Hips");
        String reader = uniqueEmail("reader");
        subscribeAndConfirm(reader, topic);
        kafka.send(ArticleEventType.PUBLISHED, article(UUID.randomUUID(), 1, "Hip mobility", List.of(topic)));
        String text = await().atMost(PATIENCE).until(() -> mailsTo(reader).stream().map(MailText::of)
                .filter(body -> body.contains("/unsubscribe?token=")).findFirst().orElse(null), body -> body != null);
        String unsubscribe = group(UNSUBSCRIBE.matcher(text));
        String preferences = group(PREFERENCES.matcher(text));
        String tampered = unsubscribe.substring(0, 20) + (unsubscribe.charAt(20) == 'x' ? 'y' : 'x')
                + unsubscribe.substring(21);

        for (String bad : List.of(tampered, forgedToken(), preferences, confirmationTokens(reader).get(0))) {
            HttpResponse<String> oneClick = postForm("/unsubscribe?token=" + bad, "List-Unsubscribe=One-Click");
            assertThat(oneClick.statusCode()).as(bad).isEqualTo(404);
            assertHtml(oneClick);
            assertThat(oneClick.body()).contains("This link is not valid");
            assertThat(get("/unsubscribe?token=" + bad).statusCode()).as(bad).isEqualTo(404);
        }
        assertThat(get("/preferences?token=" + unsubscribe).statusCode()).as("an unsubscribe token").isEqualTo(404);
        assertThat(postForm("/subscriptions/confirm", "token=" + unsubscribe).statusCode()).isEqualTo(404);
        HttpResponse<String> malformed = postForm("/unsubscribe?token=%3Cscript%3E", "List-Unsubscribe=One-Click");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).doesNotContain("<script>");
        assertThat(unsubscribedAt(reader)).isNull();

        assertThat(get("/preferences?token=" + preferences).statusCode()).isEqualTo(200);
        assertThat(postForm("/unsubscribe?token=" + unsubscribe, "List-Unsubscribe=One-Click").statusCode())
                .isEqualTo(200);
        assertThat(unsubscribedAt(reader)).isNotNull();
    }

    private static LinkTokens withRing(LinkKey... keys) {
        return new LinkTokens(List.of(keys));
    }

    private static String group(Matcher matcher) {
        assertThat(matcher.find()).isTrue();
        return matcher.group(1);
    }

    private UUID subscriberId(String email) {
        return jdbc.sql("SELECT id FROM subscribers WHERE email = :email").param("email", email).query(UUID.class)
                .single();
    }

    private Instant unsubscribedAt(String email) {
        return jdbc.sql("SELECT unsubscribed_at FROM subscribers WHERE email = :email").param("email", email)
                .query((rs, row) -> rs.getTimestamp(1) == null ? null : rs.getTimestamp(1).toInstant()).list().get(0);
    }
}
