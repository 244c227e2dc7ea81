package dev.tidings.notifier.articles;

import static dev.tidings.testsupport.KafkaTestClient.cloudEventHeaders;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tidings.events.ArticleEventType;
import dev.tidings.events.ArticleSnapshot;
import dev.tidings.events.ContentTopics;
import dev.tidings.notifier.NotifierIntegrationTest;
import dev.tidings.testsupport.KafkaTestClient;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class DeadLetterIntegrationTests extends NotifierIntegrationTest {

    private static final String DLQ = ContentTopics.deadLetterTopicOf(ContentTopics.ARTICLES);

    @Autowired
    MeterRegistry meters;

    @Test
    void unreadableEventsGoToTheDeadLetterTopicAndTheConsumerGoesOn() {
        double deadLetteredBefore = deadLettered();
        UUID badJsonId = UUID.randomUUID();
        UUID unknownTypeId = UUID.randomUUID();
        UUID goodId = UUID.randomUUID();

        kafka.sendRaw(ContentTopics.ARTICLES, badJsonId.toString(), headers("article.published", badJsonId),
                "{\"id\":".getBytes(StandardCharsets.UTF_8));
        kafka.sendRaw(ContentTopics.ARTICLES, unknownTypeId.toString(), headers("article.liked", unknownTypeId),
                json.writeValueAsBytes(article(unknownTypeId, 1, "Liked", List.of("x"))));
        kafka.send(ArticleEventType.PUBLISHED, article(goodId, 1, "Still consumed", List.of("x")));

        await().atMost(PATIENCE).until(() -> storedVersion(goodId) == 1);
        List<ConsumerRecord<String, byte[]>> deadLetters = readDeadLetters(badJsonId, unknownTypeId);
        assertThat(deadLetters).extracting(ConsumerRecord::key)
                .containsExactlyInAnyOrder(badJsonId.toString(), unknownTypeId.toString());
        assertThat(deadLetters).allSatisfy(record -> assertThat(
                record.headers().lastHeader("kafka_dlt-exception-message")).isNotNull());
        assertThat(storedVersion(badJsonId)).isZero();
        assertThat(storedVersion(unknownTypeId)).isZero();
        assertThat(deadLettered()).isGreaterThanOrEqualTo(deadLetteredBefore + 2);
    }

    @Test
    void aPayloadViolatingTheContractIsDeadLetteredToo() {
        UUID id = UUID.randomUUID();
        ArticleSnapshot valid = article(id, 1, "Missing version", List.of("x"));
        byte[] noVersion = new String(json.writeValueAsBytes(valid), StandardCharsets.UTF_8)
                .replace("\"version\":1,", "").getBytes(StandardCharsets.UTF_8);
        kafka.sendRaw(ContentTopics.ARTICLES, id.toString(), headers("article.published", id), noVersion);

        assertThat(readDeadLetters(id)).hasSize(1);
        assertThat(storedVersion(id)).isZero();
    }

    @Test
    void anEventTheDatabaseRejectsIsDeadLetteredWhileLaterEventsFlow() {
        String topic = uniqueSlug("rejected");
        knownTopic(topic, "Rejected values");
        double rejectedBefore = deadLettered("rejected_by_database");
        ArticleSnapshot sane = article(UUID.randomUUID(), 1, "Sane", List.of(topic));
        // PostgreSQL text cannot hold U+0000: the insert fails the same way however often it is retried.
        ArticleSnapshot nulInTitle = new ArticleSnapshot(sane.id(), 1, sane.slug(), "Nul \u0000 inside",
                sane.summary(), sane.bodyHtml(), sane.canonicalUrl(), sane.author(), sane.topics(), sane.tags(),
                sane.publishedAt(), sane.updatedAt(), null, null, null);
        Instant beyondPostgres = Instant.parse("+300000-01-01T00:00:00Z");
        ArticleSnapshot other = article(UUID.randomUUID(), 1, "Far future", List.of(topic));
        ArticleSnapshot outOfRange = new ArticleSnapshot(other.id(), 1, other.slug(), other.title(), other.summary(),
                other.bodyHtml(), other.canonicalUrl(), other.author(), other.topics(), other.tags(), beyondPostgres,
                beyondPostgres, null, null, null);
        ArticleSnapshot next = article(UUID.randomUUID(), 1, "After the rejected ones", List.of(topic));

        kafka.send(ArticleEventType.PUBLISHED, nulInTitle);
        kafka.send(ArticleEventType.PUBLISHED, outOfRange);
        kafka.send(ArticleEventType.PUBLISHED, next);
        // The rejected article's next version is applied after the gap its dead-lettered one left.
        kafka.send(ArticleEventType.UPDATED, article(sane.id(), 2, "Sane again", List.of(topic)));

        await().atMost(PATIENCE).until(() -> storedVersion(next.id()) == 1 && storedVersion(sane.id()) == 2);
        assertThat(readDeadLetters(sane.id(), other.id())).hasSize(2).allSatisfy(record -> {
            assertThat(KafkaTestClient.header(record, "kafka_dlt-exception-fqcn"))
                    .endsWith("DataIntegrityViolationException");
            assertThat(KafkaTestClient.header(record, "kafka_dlt-original-topic")).isEqualTo(ContentTopics.ARTICLES);
        });
        assertThat(storedVersion(other.id())).isZero();
        await().atMost(PATIENCE).until(() -> deadLettered("rejected_by_database") == rejectedBefore + 2);
    }

    @Test
    void unreadableTopicEventsAreDeadLetteredToo() {
        String slug = "broken-" + UUID.randomUUID().toString().substring(0, 8);
        kafka.sendRaw(ContentTopics.TOPICS, slug, cloudEventHeaders("topic.upserted", slug),
                "{\"slug\":\"x\"}".getBytes(StandardCharsets.UTF_8));
        String next = "after-" + UUID.randomUUID().toString().substring(0, 8);
        knownTopic(next, "After the broken one");

        assertThat(KafkaTestClient.read(ContentTopics.deadLetterTopicOf(ContentTopics.TOPICS), slug, 1)).hasSize(1);
        assertThat(get("/subscribe").body()).doesNotContain(slug);
    }

    private static Map<String, Object> headers(String type, UUID subject) {
        return cloudEventHeaders(type, subject.toString());
    }

    private static List<ConsumerRecord<String, byte[]>> readDeadLetters(UUID... keys) {
        return KafkaTestClient.read(DLQ, Arrays.stream(keys).map(UUID::toString).toList(), keys.length);
    }

    private double deadLettered() {
        return meters.find("tidings.events.dead_lettered").tag("topic", ContentTopics.ARTICLES).counters().stream()
                .mapToDouble(Counter::count).sum();
    }

    private double deadLettered(String reason) {
        Counter counter = meters.find("tidings.events.dead_lettered")
                .tags("topic", ContentTopics.ARTICLES, "reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    private long storedVersion(UUID articleId) {
        return jdbc.sql("SELECT version FROM articles WHERE id = :id").param("id", articleId).query(Long.class)
                .optional().orElse(0L);
    }
}
