package dev.tidings.feed.readmodel;

import static dev.tidings.testsupport.KafkaTestClient.cloudEventHeaders;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rometools.rome.feed.synd.SyndEntry;
import dev.tidings.events.ArticleEventType;
import dev.tidings.events.ArticleSnapshot;
import dev.tidings.events.CloudEventHeaders;
import dev.tidings.events.ContentTopics;
import dev.tidings.events.consuming.UnreadableEventException;
import dev.tidings.feed.FeedServiceIntegrationTest;
import dev.tidings.testsupport.KafkaTestClient;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class ReadModelIntegrationTests extends FeedServiceIntegrationTest {

    /** The note a correction puts at the top of the content: the date of the corrected version's updatedAt. */
    private static final String CORRECTION_NOTE =
            "<p class=\"correction\"><strong>Corrected</strong> on 20 November 2026.</p>\n";

    @Test
    void aCorrectionWithAHigherVersionReplacesTheTextAndTheUpdatedDate() {
        String topic = uniqueSlug("corrections");
        createTopic(topic, "Corrections");
        ArticleSnapshot original = article(UUID.randomUUID(), 1, "Vitamin D basics", "<p>Take 4000 IU.</p>",
                List.of(topic));
        kafka.send(ArticleEventType.PUBLISHED, original);
        await().atMost(PATIENCE).until(() -> entryOf("/feeds/" + topic + ".atom", original.id()).isPresent());

        ArticleSnapshot correction = corrected(original, 2, "Vitamin D basics (corrected)", "<p>Take 600 IU.</p>");
        kafka.send(ArticleEventType.UPDATED, correction);

        await().atMost(PATIENCE).untilAsserted(() -> {
            SyndEntry entry = entryOf("/feeds/" + topic + ".atom", original.id()).orElseThrow();
            assertThat(entry.getTitle()).isEqualTo("Vitamin D basics (corrected)");
            assertThat(entry.getContents().get(0).getValue()).isEqualTo(CORRECTION_NOTE + "<p>Take 600 IU.</p>");
            assertThat(entry.getUpdatedDate().toInstant().getEpochSecond())
                    .isEqualTo(correction.updatedAt().getEpochSecond());
            assertThat(entry.getPublishedDate().toInstant().getEpochSecond())
                    .isEqualTo(original.publishedAt().getEpochSecond());
        });
        SyndEntry rssItem = entryOf("/feeds/" + topic + ".rss", original.id()).orElseThrow();
        assertThat(rssItem.getContents().get(0).getValue()).isEqualTo(CORRECTION_NOTE + "<p>Take 600 IU.</p>");
    }

    @Test
    void theSameEventDeliveredTwiceGivesOneEntry() {
        String topic = uniqueSlug("duplicates");
        createTopic(topic, "Duplicates");
        ArticleSnapshot article = article(UUID.randomUUID(), 3, "Sleep and the gut", "<p>Sleep.</p>",
                List.of(topic));
        double ignoredBefore = ignoredArticleEvents();

        kafka.send(ArticleEventType.PUBLISHED, article);
        kafka.send(ArticleEventType.PUBLISHED, article);

        await().atMost(PATIENCE).until(() -> ignoredArticleEvents() > ignoredBefore);
        assertThat(feed("/feeds/" + topic + ".rss").getEntries())
                .extracting(SyndEntry::getUri).containsExactly("urn:uuid:" + article.id());
        assertThat(feed("/feeds/all.atom").getEntries())
                .filteredOn(entry -> entry.getUri().equals("urn:uuid:" + article.id())).hasSize(1);
    }

    @Test
    void anOlderVersionAfterANewerOneIsIgnored() {
        String topic = uniqueSlug("order");
        createTopic(topic, "Order");
        ArticleSnapshot v1 = article(UUID.randomUUID(), 1, "First take", "<p>one</p>", List.of(topic));
        ArticleSnapshot v2 = corrected(v1, 2, "Second take", "<p>two</p>");
        kafka.send(ArticleEventType.UPDATED, v2);
        await().atMost(PATIENCE).until(() -> entryOf("/feeds/" + topic + ".rss", v1.id()).isPresent());
        double ignoredBefore = ignoredArticleEvents();

        kafka.send(ArticleEventType.PUBLISHED, v1);

        await().atMost(PATIENCE).until(() -> ignoredArticleEvents() > ignoredBefore);
        assertThat(entryOf("/feeds/" + topic + ".rss", v1.id()).orElseThrow().getTitle()).isEqualTo("Second take");
    }

    @Test
    void aVersionGapIsAccepted() {
        String topic = uniqueSlug("gaps");
        createTopic(topic, "Gaps");
        ArticleSnapshot v2 = article(UUID.randomUUID(), 2, "Before the gap", "<p>v2</p>", List.of(topic));
        kafka.send(ArticleEventType.PUBLISHED, v2);
        await().atMost(PATIENCE).until(() -> entryOf("/feeds/" + topic + ".rss", v2.id()).isPresent());

        kafka.send(ArticleEventType.UPDATED, corrected(v2, 5, "After the gap", "<p>v5</p>"));

        await().atMost(PATIENCE).until(() -> entryOf("/feeds/" + topic + ".rss", v2.id()).orElseThrow()
                .getTitle().equals("After the gap"));
    }

    @Test
    void aRetractedArticleLeavesEveryFeedAndAnOlderRedeliveryCannotBringItBack() {
        String topic = uniqueSlug("retractions");
        createTopic(topic, "Retractions");
        ArticleSnapshot article = article(UUID.randomUUID(), 1, "Miracle cure", "<p>Buy it.</p>", List.of(topic));
        kafka.send(ArticleEventType.PUBLISHED, article);
        List<String> feeds = List.of("/feeds/" + topic + ".rss", "/feeds/" + topic + ".atom", "/feeds/all.rss",
                "/feeds/all.atom");
        await().atMost(PATIENCE).until(() -> feeds.stream().allMatch(feed -> entryOf(feed, article.id()).isPresent()));

        kafka.send(ArticleEventType.RETRACTED, retracted(article, 2));

        await().atMost(PATIENCE).until(() -> feeds.stream().noneMatch(feed -> entryOf(feed, article.id()).isPresent()));
        double ignoredBefore = ignoredArticleEvents();
        kafka.send(ArticleEventType.PUBLISHED, article);
        await().atMost(PATIENCE).until(() -> ignoredArticleEvents() > ignoredBefore);
        assertThat(feeds).allSatisfy(feed -> assertThat(entryOf(feed, article.id())).isEmpty());
    }

    @Test
    void unreadableEventsGoToTheDeadLetterTopicAndTheConsumerGoesOn() {
        String topic = uniqueSlug("dlq");
        createTopic(topic, "Dead letters");
        double deadLetteredBefore = deadLettered(ContentTopics.ARTICLES);
        String badJson = "bad-json-" + UUID.randomUUID();
        String noHeaders = "no-headers-" + UUID.randomUUID();
        String unknownType = "unknown-type-" + UUID.randomUUID();
        String brokenContract = "broken-contract-" + UUID.randomUUID();
        ArticleSnapshot valid = article(UUID.randomUUID(), 1, "Still applied", "<p>ok</p>", List.of(topic));

        kafka.sendRaw(ContentTopics.ARTICLES, badJson,
                cloudEventHeaders(ArticleEventType.PUBLISHED.ceType(), badJson),
                "{\"id\": oops".getBytes(StandardCharsets.UTF_8));
        kafka.sendRaw(ContentTopics.ARTICLES, noHeaders, Map.of(), "{}".getBytes(StandardCharsets.UTF_8));
        kafka.sendRaw(ContentTopics.ARTICLES, unknownType, cloudEventHeaders("article.teleported", unknownType),
                "{}".getBytes(StandardCharsets.UTF_8));
        kafka.sendRaw(ContentTopics.ARTICLES, brokenContract,
                cloudEventHeaders(ArticleEventType.PUBLISHED.ceType(), brokenContract),
                ("{\"id\":\"" + UUID.randomUUID() + "\",\"version\":0,\"title\":\"no version\"}")
                        .getBytes(StandardCharsets.UTF_8));
        kafka.send(ArticleEventType.PUBLISHED, valid);

        await().atMost(PATIENCE).until(() -> entryOf("/feeds/" + topic + ".rss", valid.id()).isPresent());
        List<ConsumerRecord<String, byte[]>> deadLetters = readDeadLetters(
                List.of(badJson, noHeaders, unknownType, brokenContract));
        assertThat(deadLetters).extracting(ConsumerRecord::key)
                .containsExactlyInAnyOrder(badJson, noHeaders, unknownType, brokenContract);
        assertThat(deadLetters).allSatisfy(record -> {
            assertThat(record.headers().lastHeader("kafka_dlt-exception-fqcn").value())
                    .asString(StandardCharsets.UTF_8).isEqualTo(UnreadableEventException.class.getName());
            assertThat(record.headers().lastHeader("kafka_dlt-original-topic").value())
                    .asString(StandardCharsets.UTF_8).isEqualTo(ContentTopics.ARTICLES);
        });
        ConsumerRecord<String, byte[]> badJsonRecord = deadLetters.stream()
                .filter(record -> record.key().equals(badJson)).findFirst().orElseThrow();
        assertThat(badJsonRecord.value()).asString(StandardCharsets.UTF_8).isEqualTo("{\"id\": oops");
        assertThat(badJsonRecord.headers().lastHeader(CloudEventHeaders.TYPE)).isNotNull();
        assertThat(new String(badJsonRecord.headers().lastHeader("kafka_dlt-exception-message").value(),
                StandardCharsets.UTF_8)).contains("ArticleSnapshot");
        await().atMost(PATIENCE).until(() -> deadLettered(ContentTopics.ARTICLES) >= deadLetteredBefore + 4);
    }

    @Test
    void anEventWithAValueTheDatabaseAlwaysRejectsIsDeadLetteredInsteadOfBlockingThePartition() {
        String topic = uniqueSlug("unstorable");
        createTopic(topic, "Unstorable");
        ArticleSnapshot sane = article(UUID.randomUUID(), 1, "Far future", "<p>x</p>", List.of(topic));
        Instant beyondPostgres = Instant.parse("+300000-01-01T00:00:00Z");
        ArticleSnapshot unstorable = new ArticleSnapshot(sane.id(), 1, sane.slug(), sane.title(), sane.summary(),
                sane.bodyHtml(), sane.canonicalUrl(), sane.author(), sane.topics(), sane.tags(), beyondPostgres,
                beyondPostgres, null, null, null);
        ArticleSnapshot next = article(UUID.randomUUID(), 1, "After the unstorable one", "<p>ok</p>", List.of(topic));

        double rejectedBefore = deadLettered(ContentTopics.ARTICLES, "rejected_by_database");
        kafka.send(ArticleEventType.PUBLISHED, unstorable);
        kafka.send(ArticleEventType.PUBLISHED, next);
        // The same article's next version flows after its rejected one: a gap in versions is accepted.
        ArticleSnapshot saneAgain = corrected(sane, 2, "Back on Earth", "<p>y</p>");
        kafka.send(ArticleEventType.UPDATED, saneAgain);

        await().atMost(PATIENCE).until(() -> entryOf("/feeds/" + topic + ".rss", next.id()).isPresent());
        await().atMost(PATIENCE).until(() -> entryOf("/feeds/" + topic + ".rss", sane.id()).isPresent());
        assertThat(entryOf("/feeds/" + topic + ".rss", sane.id()).orElseThrow().getTitle()).isEqualTo("Back on Earth");
        assertThat(readDeadLetters(List.of(sane.id().toString()))).singleElement()
                .satisfies(record -> {
                    assertThat(record.headers().lastHeader("kafka_dlt-exception-fqcn").value())
                            .asString(StandardCharsets.UTF_8).endsWith("DataIntegrityViolationException");
                    assertThat(KafkaTestClient.header(record, "kafka_dlt-original-offset")).isNotNull();
                    assertThat(record.value()).asString(StandardCharsets.UTF_8).contains("+300000-01-01T00:00:00Z");
                });
        await().atMost(PATIENCE)
                .until(() -> deadLettered(ContentTopics.ARTICLES, "rejected_by_database") == rejectedBefore + 1);
    }

    private static List<ConsumerRecord<String, byte[]>> readDeadLetters(List<String> keys) {
        return KafkaTestClient.read(ContentTopics.deadLetterTopicOf(ContentTopics.ARTICLES), keys, keys.size());
    }
}
