package dev.tidings.notifier.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tidings.events.ArticleEventType;
import dev.tidings.notifier.MailText;
import dev.tidings.notifier.NotifierIntegrationTest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PreferencesIntegrationTests extends NotifierIntegrationTest {

    private static final Pattern PREFERENCES = Pattern.compile("/preferences\\?token=([A-Za-z0-9_-]+)");

    @Test
    void theLinkInAnEmailLetsTheSubscriberSwitchTopics() {
        String running = uniqueSlug("running");
        String swimming = uniqueSlug("swimming");
        knownTopic(running, "Running");
        knownTopic(swimming, "Swimming");
        String reader = uniqueEmail("reader");
        String control = uniqueEmail("control");
        subscribeAndConfirm(reader, running);
        subscribeAndConfirm(control, running);

        kafka.send(ArticleEventType.PUBLISHED, article(UUID.randomUUID(), 1, "Interval training", List.of(running)));
        String token = await().atMost(PATIENCE).until(() -> preferencesToken(reader), found -> found != null);

        HttpResponse<String> page = get("/preferences?token=" + token);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("value=\"" + running + "\" checked").contains("value=\"" + swimming + "\">");

        HttpResponse<String> saved = postForm("/preferences", "token=" + token + "&topics=" + swimming);
        assertThat(saved.statusCode()).isEqualTo(200);
        assertThat(saved.body()).contains("Your topics are saved");

        kafka.send(ArticleEventType.PUBLISHED, article(UUID.randomUUID(), 1, "Marathon taper", List.of(running)));
        kafka.send(ArticleEventType.PUBLISHED, article(UUID.randomUUID(), 1, "Open water", List.of(swimming)));
        await().atMost(PATIENCE).until(() -> subjects(reader).contains("Open water")
                && subjects(control).contains("Marathon taper"));
        assertThat(subjects(reader)).containsExactlyInAnyOrder("Interval training", "Open water");
    }

    @Test
    void badPreferenceRequestsGetAnHtmlErrorAndChangeNothing() {
        String unknown = forgedToken();
        HttpResponse<String> unknownToken = get("/preferences?token=" + unknown);
        assertThat(unknownToken.statusCode()).isEqualTo(404);
        assertHtml(unknownToken);
        assertThat(postForm("/preferences", "token=" + unknown + "&topics=x").statusCode()).isEqualTo(404);

        String topic = uniqueSlug("yoga");
        knownTopic(topic, "Yoga");
        String reader = uniqueEmail("reader");
        subscribeAndConfirm(reader, topic);
        kafka.send(ArticleEventType.PUBLISHED, article(UUID.randomUUID(), 1, "Sun salutation", List.of(topic)));
        String token = await().atMost(PATIENCE).until(() -> preferencesToken(reader), found -> found != null);

        HttpResponse<String> none = postForm("/preferences", "token=" + token);
        assertThat(none.statusCode()).isEqualTo(400);
        assertHtml(none);
        HttpResponse<String> bogus = postForm("/preferences", "token=" + token + "&topics=%3Cscript%3E");
        assertThat(bogus.statusCode()).isEqualTo(400);
        assertThat(bogus.body()).contains("unknown topic: &lt;script&gt;");
        assertThat(get("/preferences?token=" + token).body()).contains("value=\"" + topic + "\" checked");
    }

    private List<String> subjects(String email) {
        return mailsTo(email).stream().map(message -> {
            try {
                return message.getSubject();
            }
            catch (jakarta.mail.MessagingException ex) {
                throw new IllegalStateException(ex);
            }
        }).filter(subject -> !subject.startsWith("Confirm")).toList();
    }

    private String preferencesToken(String email) {
        return mailsTo(email).stream().map(MailText::of).map(PREFERENCES::matcher).filter(Matcher::find)
                .map(matcher -> matcher.group(1)).findFirst().orElse(null);
    }
}
