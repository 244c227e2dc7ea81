package dev.tidings.feed.rendering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.io.WireFeedInput;
import com.rometools.rome.io.XmlReader;
import dev.tidings.events.ArticleEventType;
import dev.tidings.events.ArticleSnapshot;
import dev.tidings.feed.FeedServiceIntegrationTest;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.jdom2.Element;
import org.jdom2.Namespace;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Retractions as RFC 6721 tombstones in the Atom feeds, read back with Rome field by field. */
class TombstoneIntegrationTests extends FeedServiceIntegrationTest {

    private static final Namespace TOMBSTONES = Namespace.getNamespace("http://purl.org/atompub/tombstones/1.0");

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void aRetractionLeavesATombstoneWithItsTimeAndReasonInTheAtomFeedsOfItsTopics() throws Exception {
        String topic = uniqueSlug("tombstones");
        String otherTopic = uniqueSlug("elsewhere");
        createTopic(topic, "Tombstones");
        createTopic(otherTopic, "Elsewhere");
        ArticleSnapshot kept = article(UUID.randomUUID(), 1, "Kept", "<p>Kept.</p>", List.of(topic));
        ArticleSnapshot withdrawn = article(UUID.randomUUID(), 1, "Withdrawn", "<p>Wrong.</p>", List.of(topic));
        kafka.send(ArticleEventType.PUBLISHED, kept);
        kafka.send(ArticleEventType.PUBLISHED, withdrawn);
        String atom = "/feeds/" + topic + ".atom";
        await().atMost(PATIENCE).until(() -> entryOf(atom, withdrawn.id()).isPresent());

        ArticleSnapshot retraction = retractedNow(withdrawn, 2);
        kafka.send(ArticleEventType.RETRACTED, retraction);

        await().atMost(PATIENCE).until(() -> entryOf(atom, withdrawn.id()).isEmpty());
        for (String path : List.of(atom, "/feeds/all.atom")) {
            Feed feed = atom(path);
            assertThat(feed.getEntries()).extracting(Entry::getId).as(path)
                    .contains("urn:uuid:" + kept.id()).doesNotContain("urn:uuid:" + withdrawn.id());
            Element tombstone = tombstoneOf(feed, withdrawn.id());
            assertThat(tombstone.getNamespacePrefix()).isEqualTo("at");
            assertThat(tombstone.getAttributeValue("ref")).isEqualTo("urn:uuid:" + withdrawn.id());
            assertThat(Instant.parse(tombstone.getAttributeValue("when")))
                    .isEqualTo(retraction.retractedAt().truncatedTo(ChronoUnit.SECONDS));
            assertThat(tombstone.getChildText("comment", TOMBSTONES)).isEqualTo("Could not be supported.");
        }
        String document = new String(get(atom).body(), StandardCharsets.UTF_8);
        assertThat(document).contains("xmlns:at=\"http://purl.org/atompub/tombstones/1.0\"");
        // RFC 4287's schema allows a feed's extension elements only ahead of its entries.
        assertThat(document.indexOf("<at:deleted-entry")).isPositive().isLessThan(document.indexOf("<entry"));
        assertThat(tombstones(atom("/feeds/" + otherTopic + ".atom"))).isEmpty();
        // RSS and JSON Feed have no tombstones: the entry just leaves them.
        assertThat(entryOf("/feeds/" + topic + ".rss", withdrawn.id())).isEmpty();
        JsonNode jsonFeed = json.readTree(get("/feeds/" + topic + ".json").body());
        assertThat(jsonFeed.get("items").values()).extracting(item -> item.get("id").asString())
                .containsExactly("urn:uuid:" + kept.id());
    }

    @Test
    void aTombstoneLeavesTheFeedOnceItsPeriodIsOver() throws Exception {
        String topic = uniqueSlug("expiring");
        createTopic(topic, "Expiring");
        ArticleSnapshot withdrawn = article(UUID.randomUUID(), 1, "Withdrawn", "<p>Wrong.</p>", List.of(topic));
        kafka.send(ArticleEventType.PUBLISHED, withdrawn);
        String atom = "/feeds/" + topic + ".atom";
        await().atMost(PATIENCE).until(() -> entryOf(atom, withdrawn.id()).isPresent());
        kafka.send(ArticleEventType.RETRACTED, retractedNow(withdrawn, 2));
        await().atMost(PATIENCE).until(() -> tombstones(atom(atom)).size() == 1);

        // The period (30 days by default) counts back from the feed's last change.
        clock.advance(Duration.ofDays(31));
        ArticleSnapshot later = article(UUID.randomUUID(), 1, "Later", "<p>Later.</p>", List.of(topic));
        kafka.send(ArticleEventType.PUBLISHED, later);

        await().atMost(PATIENCE).until(() -> entryOf(atom, later.id()).isPresent());
        assertThat(tombstones(atom(atom))).isEmpty();
    }

    @Test
    void aCorrectionKeepsTheEntryIdMovesUpdatedAndSaysSoAtTheTopOfTheContent() throws Exception {
        String topic = uniqueSlug("corrected");
        createTopic(topic, "Corrected");
        ArticleSnapshot original = article(UUID.randomUUID(), 1, "Vitamin D", "<p>Take 4000 IU.</p>", List.of(topic));
        kafka.send(ArticleEventType.PUBLISHED, original);
        String atom = "/feeds/" + topic + ".atom";
        await().atMost(PATIENCE).until(() -> entryOf(atom, original.id()).isPresent());

        ArticleSnapshot correction = corrected(original, 2, "Vitamin D", "<p>Take 600 IU.</p>");
        kafka.send(ArticleEventType.UPDATED, correction);

        String note = "<p class=\"correction\"><strong>Corrected</strong> on 20 November 2026.</p>\n";
        await().atMost(PATIENCE).untilAsserted(() -> {
            Entry entry = atom(atom).getEntries().get(0);
            assertThat(entry.getId()).isEqualTo("urn:uuid:" + original.id());
            assertThat(entry.getContents().get(0).getValue()).isEqualTo(note + "<p>Take 600 IU.</p>");
            assertThat(entry.getUpdated().toInstant()).isEqualTo(correction.updatedAt().truncatedTo(ChronoUnit.SECONDS));
            assertThat(entry.getPublished().toInstant())
                    .isEqualTo(original.publishedAt().truncatedTo(ChronoUnit.SECONDS));
        });
        JsonNode item = json.readTree(get("/feeds/" + topic + ".json").body()).get("items").get(0);
        assertThat(item.get("id").asString()).isEqualTo("urn:uuid:" + original.id());
        assertThat(item.get("content_html").asString()).isEqualTo(note + "<p>Take 600 IU.</p>");
        assertThat(entryOf("/feeds/" + topic + ".rss", original.id()).orElseThrow().getContents().get(0).getValue())
                .isEqualTo(note + "<p>Take 600 IU.</p>");
    }

    private Feed atom(String path) throws Exception {
        return (Feed) new WireFeedInput().build(new XmlReader(new ByteArrayInputStream(get(path).body())));
    }

    private static List<Element> tombstones(Feed feed) {
        return feed.getForeignMarkup().stream()
                .filter(element -> element.getName().equals("deleted-entry")
                        && element.getNamespace().equals(TOMBSTONES))
                .toList();
    }

    private static Element tombstoneOf(Feed feed, UUID id) {
        return tombstones(feed).stream()
                .filter(element -> ("urn:uuid:" + id).equals(element.getAttributeValue("ref")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no tombstone of " + id));
    }
}
