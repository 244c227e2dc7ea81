package dev.tidings.notifier.articles;

import static dev.tidings.testsupport.KafkaTestClient.cloudEventHeaders;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tidings.events.ArticleEventType;
import dev.tidings.events.ArticleSnapshot;
import dev.tidings.events.ContentTopics;
import dev.tidings.notifier.NotifierIntegrationTest;
import dev.tidings.testsupport.KafkaTestClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
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
        var counter = meters.find("tidings.events.dead_lettered").tag("topic", ContentTopics.ARTICLES).counter();
        return counter == null ? 0 : counter.count();
    }

    private long storedVersion(UUID articleId) {
        return jdbc.sql("SELECT version FROM articles WHERE id = :id").param("id", articleId).query(Long.class)
                .optional().orElse(0L);
    }
}
