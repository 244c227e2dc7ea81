package dev.tidings.feed.rendering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rometools.rome.feed.synd.SyndEntry;
import dev.tidings.events.ArticleEventType;
import dev.tidings.events.ArticleSnapshot;
import dev.tidings.feed.FeedServiceIntegrationTest;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The editor's correction note, carried by article.updated, at the top of the entry in every format. */
class CorrectionNoteIntegrationTests extends FeedServiceIntegrationTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void aCorrectionShowsTheEditorsNoteEscapedAtTheTopOfTheEntryInEveryFormat() {
        String topic = uniqueSlug("noted");
        createTopic(topic, "Noted");
        ArticleSnapshot original = article(UUID.randomUUID(), 1, "Vitamin D", "<p>Take 4000 IU.</p>", List.of(topic));
        kafka.send(ArticleEventType.PUBLISHED, original);
        ArticleSnapshot correction = withNote(corrected(original, 2, "Vitamin D", "<p>Take 600 IU.</p>"),
                "The dose was 4000 IU & <b>ten</b> times too high.");
        kafka.send(ArticleEventType.UPDATED, correction);

        String expected = "<p class=\"correction\"><strong>Correction, 20 November 2026:</strong> The dose was 4000 IU"
                + " &amp; &lt;b&gt;ten&lt;/b&gt; times too high.</p>\n<p>Take 600 IU.</p>";
        String atom = "/feeds/" + topic + ".atom";
        await().atMost(PATIENCE).until(() -> entryOf(atom, original.id())
                .filter(entry -> entry.getContents().get(0).getValue().equals(expected)).isPresent());
        SyndEntry entry = entryOf(atom, original.id()).orElseThrow();
        assertThat(entry.getUpdatedDate().toInstant()).isEqualTo(correction.updatedAt().truncatedTo(ChronoUnit.SECONDS));
        assertThat(entryOf("/feeds/" + topic + ".rss", original.id()).orElseThrow().getContents().get(0).getValue())
                .isEqualTo(expected);
        JsonNode item = json.readTree(get("/feeds/" + topic + ".json").body()).get("items").get(0);
        assertThat(item.get("id").asString()).isEqualTo("urn:uuid:" + original.id());
        assertThat(item.get("content_html").asString()).isEqualTo(expected);
    }

    @Test
    void aLaterCorrectionWithoutANoteSaysOnlyWhenAndSoDoesAnEventFromBeforeNotes() {
        String topic = uniqueSlug("renoted");
        createTopic(topic, "Renoted");
        ArticleSnapshot original = article(UUID.randomUUID(), 1, "Sleep", "<p>Eight hours.</p>", List.of(topic));
        kafka.send(ArticleEventType.PUBLISHED, original);
        kafka.send(ArticleEventType.UPDATED, withNote(corrected(original, 2, "Sleep", "<p>Seven hours.</p>"),
                "The hours were wrong."));
        String atom = "/feeds/" + topic + ".atom";
        await().atMost(PATIENCE).until(() -> entryOf(atom, original.id())
                .filter(entry -> entry.getContents().get(0).getValue().contains("The hours were wrong.")).isPresent());

        // corrected() builds the event as content-service wrote it before correction notes existed.
        kafka.send(ArticleEventType.UPDATED, corrected(original, 3, "Sleep", "<p>Seven to nine hours.</p>"));

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(entryOf(atom, original.id()).orElseThrow()
                .getContents().get(0).getValue())
                .isEqualTo("<p class=\"correction\"><strong>Corrected</strong> on 20 November 2026.</p>\n"
                        + "<p>Seven to nine hours.</p>"));
    }

    private static ArticleSnapshot withNote(ArticleSnapshot article, String note) {
        return new ArticleSnapshot(article.id(), article.version(), article.slug(), article.title(), article.summary(),
                article.bodyHtml(), article.canonicalUrl(), article.author(), article.topics(), article.tags(),
                article.publishedAt(), article.updatedAt(), null, null, article.imageUrl(), null, note);
    }
}
