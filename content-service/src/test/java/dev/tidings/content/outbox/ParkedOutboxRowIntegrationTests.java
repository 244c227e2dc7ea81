package dev.tidings.content.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tidings.content.RunningContentService;
import dev.tidings.events.ContentTopics;
import dev.tidings.events.TopicSnapshot;
import dev.tidings.testsupport.KafkaTestClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * An outbox row Kafka refuses is parked after {@code outbox.max-attempts} (5) sends, later events
 * of other keys flow meanwhile, later events of its own key wait behind it, and admins inspect,
 * retry or drop it.
 */
class ParkedOutboxRowIntegrationTests extends RunningContentService {

    private static final Duration PARKING = Duration.ofSeconds(60);

    @Autowired
    MeterRegistry meters;

    private final List<UUID> inserted = new ArrayList<>();

    @AfterEach
    void removeRowsThatWouldHoldBackOtherTests() {
        inserted.forEach(id -> jdbc.sql("DELETE FROM outbox_events WHERE id = :id AND published_at IS NULL")
                .param("id", id).update());
    }

    @Test
    void aRecordKafkaRefusesIsParkedWhileLaterEventsOfOtherKeysFlowAndThoseOfItsKeyWait() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String stuck = "too-large-" + suffix;
        // Over the producer's max.request.size (1 MB): Kafka refuses this record however often it is sent.
        UUID refused = insertTopicRow(ContentTopics.TOPICS, stuck, "x".repeat(1_500_000));
        UUID behind = insertTopicRow(ContentTopics.TOPICS, stuck, "Behind the refused one");
        UUID other = insertTopicRow(ContentTopics.TOPICS, "other-" + suffix, "Another topic");

        await().atMost(Duration.ofSeconds(30)).until(() -> published(other));
        assertThat(KafkaTestClient.read(ContentTopics.TOPICS, "other-" + suffix, 1)).hasSize(1);
        await().atMost(PARKING).until(() -> parked(refused));

        assertThat(published(behind)).as("a later event of the same key never overtakes a parked one").isFalse();
        assertThat(parked(behind)).isFalse();
        assertThat(attempts(refused)).isEqualTo(5);
        assertThat(meters.get("tidings.outbox.parked").gauge().value()).isGreaterThanOrEqualTo(1);
        assertThat(meters.get("tidings.outbox.refused").tag("destination", ContentTopics.TOPICS).counter().count())
                .isGreaterThanOrEqualTo(5);

        Response list = call("GET", "/api/admin/outbox/parked", null);
        assertThat(list.status()).isEqualTo(200);
        JsonNode listed = find(list.json(), refused);
        assertThat(listed.get("key").asString()).isEqualTo(stuck);
        assertThat(listed.get("type").asString()).isEqualTo(TopicSnapshot.EVENT_TYPE);
        assertThat(listed.get("attempts").asInt()).isEqualTo(5);
        assertThat(listed.get("lastError").asString()).contains("RecordTooLargeException");
        assertThat(listed.get("waitingBehind").asLong()).isEqualTo(1);
        assertThat(listed.get("payloadBytes").asInt()).isGreaterThan(1_500_000);
        assertThat(listed.has("payload")).isFalse();

        Response one = call("GET", "/api/admin/outbox/parked/" + refused, null);
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.json().get("payload").asString()).contains("\"slug\":\"" + stuck + "\"");

        Response dropped = call("DELETE", "/api/admin/outbox/parked/" + refused, null);

        assertThat(dropped.status()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(30)).until(() -> published(behind));
        List<ConsumerRecord<String, byte[]>> records = KafkaTestClient.read(ContentTopics.TOPICS, stuck, 1);
        assertThat(records).hasSize(1);
        assertThat(json.readValue(records.get(0).value(), TopicSnapshot.class).title())
                .isEqualTo("Behind the refused one");
        call("GET", "/api/admin/outbox/parked/" + refused, null).assertProblem(404);
        JsonNode audited = call("GET", "/api/admin/audit-log?target=" + refused, null).json().get(0);
        assertThat(audited.get("method").asString()).isEqualTo("DELETE");
        assertThat(audited.get("note").asString()).isEqualTo("dropped topic.upserted of " + stuck + " on "
                + ContentTopics.TOPICS);
    }

    @Test
    void aRowForAnUnknownDestinationIsParkedAndSentOnceAnAdminRetriesItAfterTheFix() {
        String slug = "misrouted-" + UUID.randomUUID().toString().substring(0, 8);
        UUID misrouted = insertTopicRow("content.nowhere.v1", slug, "Misrouted");
        await().atMost(PARKING).until(() -> parked(misrouted));
        assertThat(call("GET", "/api/admin/outbox/parked/" + misrouted, null).json().get("lastError").asString())
                .isEqualTo("unknown destination content.nowhere.v1");
        // The fix, as a release that knows the destination (here: the row names one this release knows).
        jdbc.sql("UPDATE outbox_events SET destination = :topics WHERE id = :id")
                .param("topics", ContentTopics.TOPICS).param("id", misrouted).update();

        Response retried = call("POST", "/api/admin/outbox/parked/" + misrouted + "/retry", null);

        assertThat(retried.status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> published(misrouted));
        assertThat(KafkaTestClient.read(ContentTopics.TOPICS, slug, 1)).hasSize(1);
        call("POST", "/api/admin/outbox/parked/" + misrouted + "/retry", null).assertProblem(404);
    }

    @Test
    void badInputToTheParkedEventsApiGetsProblems() {
        call("GET", "/api/admin/outbox/parked/not-a-uuid", null).assertProblem(400);
        call("POST", "/api/admin/outbox/parked/not-a-uuid/retry", null).assertProblem(400);
        call("DELETE", "/api/admin/outbox/parked/not-a-uuid", null).assertProblem(400);
        UUID unknown = UUID.randomUUID();
        call("GET", "/api/admin/outbox/parked/" + unknown, null).assertProblem(404);
        call("POST", "/api/admin/outbox/parked/" + unknown + "/retry", null).assertProblem(404);
        call("DELETE", "/api/admin/outbox/parked/" + unknown, null).assertProblem(404);
        callAs(EDITOR_KEY, "GET", "/api/admin/outbox/parked", null).assertProblem(403);
    }

    private UUID insertTopicRow(String destination, String slug, String title) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO outbox_events (id, destination, message_key, event_type, subject, payload, created_at)
                VALUES (:id, :destination, :key, 'topic.upserted', :key, :payload, now())
                """)
                .param("id", id)
                .param("destination", destination)
                .param("key", slug)
                .param("payload", json.writeValueAsString(new TopicSnapshot(slug, 1, title, "")))
                .update();
        inserted.add(id);
        return id;
    }

    private static JsonNode find(JsonNode list, UUID id) {
        for (JsonNode event : list) {
            if (event.get("id").asString().equals(id.toString())) {
                return event;
            }
        }
        throw new AssertionError("parked event " + id + " not listed in " + list);
    }

    private boolean published(UUID id) {
        return jdbc.sql("SELECT published_at IS NOT NULL FROM outbox_events WHERE id = :id").param("id", id)
                .query(Boolean.class).single();
    }

    private boolean parked(UUID id) {
        return jdbc.sql("SELECT parked_at IS NOT NULL FROM outbox_events WHERE id = :id").param("id", id)
                .query(Boolean.class).single();
    }

    private int attempts(UUID id) {
        return jdbc.sql("SELECT attempts FROM outbox_events WHERE id = :id").param("id", id)
                .query(Integer.class).single();
    }
}
