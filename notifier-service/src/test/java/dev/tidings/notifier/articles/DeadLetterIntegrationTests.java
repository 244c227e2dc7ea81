package dev.tidings.notifier.articles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tidings.events.ArticleEventType;
import dev.tidings.events.ArticleSnapshot;
import dev.tidings.events.CloudEventHeaders;
import dev.tidings.events.ContentTopics;
import dev.tidings.notifier.NotifierIntegrationTest;
import dev.tidings.testsupport.SharedInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
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

        produce(ContentTopics.ARTICLES, badJsonId.toString(), headers("article.published", badJsonId),
                "{\"id\":".getBytes(StandardCharsets.UTF_8));
        produce(ContentTopics.ARTICLES, unknownTypeId.toString(), headers("article.liked", unknownTypeId),
                json.writeValueAsBytes(article(unknownTypeId, 1, "Liked", List.of("x"))));
        publishEvent(ArticleEventType.PUBLISHED, article(goodId, 1, "Still consumed", List.of("x")));

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
        produce(ContentTopics.ARTICLES, id.toString(), headers("article.published", id), noVersion);

        assertThat(readDeadLetters(id)).hasSize(1);
        assertThat(storedVersion(id)).isZero();
    }

    @Test
    void unreadableTopicEventsAreDeadLetteredToo() {
        String slug = "broken-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> headers = new CloudEventHeaders(UUID.randomUUID().toString(),
                "https://health.example/content-service", "topic.upserted", Instant.now(), slug).toKafkaHeaders();
        produce(ContentTopics.TOPICS, slug, headers, "{\"slug\":\"x\"}".getBytes(StandardCharsets.UTF_8));
        String next = "after-" + UUID.randomUUID().toString().substring(0, 8);
        knownTopic(next, "After the broken one");

        assertThat(readDeadLetters(ContentTopics.deadLetterTopicOf(ContentTopics.TOPICS), List.of(slug))).hasSize(1);
        assertThat(get("/subscribe").body()).doesNotContain(slug);
    }

    private Map<String, Object> headers(String type, UUID subject) {
        return new CloudEventHeaders(UUID.randomUUID().toString(), "https://health.example/content-service", type,
                Instant.now(), subject.toString()).toKafkaHeaders();
    }

    private List<ConsumerRecord<String, byte[]>> readDeadLetters(UUID... keys) {
        return readDeadLetters(DLQ, java.util.Arrays.stream(keys).map(UUID::toString).toList());
    }

    private List<ConsumerRecord<String, byte[]>> readDeadLetters(String topic, List<String> wanted) {
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "dlq-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            consumer.subscribe(List.of(topic));
            await().atMost(PATIENCE).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(record -> {
                    if (wanted.contains(record.key())) {
                        found.add(record);
                    }
                });
                return found.size() >= wanted.size();
            });
        }
        return found;
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
