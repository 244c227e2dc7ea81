package dev.tidings.content.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tidings.content.RunningContentService;
import dev.tidings.events.CloudEventHeaders;
import dev.tidings.events.ContentTopics;
import dev.tidings.events.TopicSnapshot;
import dev.tidings.testsupport.KafkaTestClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class OutboxPollerIntegrationTests extends RunningContentService {

    @Autowired
    MeterRegistry meters;

    @Test
    void theRelayCatchesUpWithRowsNoCommitTriggered() {
        // As if the process had crashed right after committing: the row is there, nobody triggered the relay.
        UUID eventId = UUID.randomUUID();
        String slug = "left-behind-" + eventId.toString().substring(0, 8);
        OffsetDateTime createdAt = OffsetDateTime.of(2026, 11, 20, 8, 30, 0, 123_000_000, ZoneOffset.UTC);
        jdbc.sql("""
                INSERT INTO outbox_events (id, destination, message_key, event_type, subject, payload, created_at)
                VALUES (:id, :destination, :key, 'topic.upserted', :key, :payload, :createdAt)
                """)
                .param("id", eventId)
                .param("destination", ContentTopics.TOPICS)
                .param("key", slug)
                .param("payload", json.writeValueAsString(new TopicSnapshot(slug, 1, "Left behind", "")))
                .param("createdAt", createdAt)
                .update();

        List<ConsumerRecord<String, byte[]>> records = KafkaTestClient.read(ContentTopics.TOPICS, slug, 1);

        assertThat(records).hasSize(1);
        assertThat(KafkaTestClient.header(records.get(0), CloudEventHeaders.ID)).isEqualTo(eventId.toString());
        assertThat(KafkaTestClient.header(records.get(0), CloudEventHeaders.TIME))
                .isEqualTo("2026-11-20T08:30:00.123Z");
        assertThat(json.readValue(records.get(0).value(), TopicSnapshot.class).title()).isEqualTo("Left behind");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(published(eventId)).isTrue();
            assertThat(meters.get("tidings.outbox.lag").gauge().value()).isZero();
        });
        assertThat(meters.get("tidings.outbox.published").tag("destination", ContentTopics.TOPICS).counter().count())
                .isPositive();
    }

    private boolean published(UUID id) {
        return jdbc.sql("SELECT published_at IS NOT NULL FROM outbox_events WHERE id = :id").param("id", id)
                .query(Boolean.class).single();
    }
}
