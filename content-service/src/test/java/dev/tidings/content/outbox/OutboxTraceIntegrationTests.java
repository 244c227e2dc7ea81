package dev.tidings.content.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tidings.content.RunningContentService;
import dev.tidings.events.ContentTopics;
import dev.tidings.events.TopicSnapshot;
import dev.tidings.testsupport.KafkaTestClient;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The trace of an editor's request goes on through the outbox (ADR 0024): the event the relay sends
 * later, on another thread, carries the same trace id in its {@code traceparent} header.
 */
class OutboxTraceIntegrationTests extends RunningContentService {

    @Test
    void anEventCarriesTheTraceOfTheRequestThatPublishedIt() {
        String topic = newTopic("traced");
        String id = newDraft(topic, "Traced from the editor to the inbox").get("id").asString();
        String traceId = randomHex(16);
        String callerSpan = randomHex(8);

        Response published = call("POST", "/api/articles/" + id + "/publish", null,
                "traceparent", "00-" + traceId + "-" + callerSpan + "-01");

        assertThat(published.status()).isEqualTo(200);
        String stored = jdbc.sql("SELECT trace_parent FROM outbox_events WHERE subject = :id AND event_type = "
                + "'article.published'").param("id", id).query(String.class).single();
        assertThat(stored).startsWith("00-" + traceId + "-").doesNotContain(callerSpan);
        List<ConsumerRecord<String, byte[]>> records = KafkaTestClient.read(ContentTopics.ARTICLES, id, 1);
        String sent = KafkaTestClient.header(records.get(0), "traceparent");
        assertThat(sent).as("the record's traceparent").startsWith("00-" + traceId + "-").endsWith("-01");
        assertThat(sent).as("the send is a span of its own, a child of the request's").isNotEqualTo(stored);
    }

    @Test
    void aRowWrittenOutsideAnyTraceIsSentInATraceOfItsOwn() {
        // As rows written before the outbox kept trace contexts: no trace_parent.
        UUID eventId = UUID.randomUUID();
        String slug = "untraced-" + eventId.toString().substring(0, 8);
        jdbc.sql("""
                INSERT INTO outbox_events (id, destination, message_key, event_type, subject, payload, created_at)
                VALUES (:id, :destination, :key, 'topic.upserted', :key, :payload, now())
                """)
                .param("id", eventId)
                .param("destination", ContentTopics.TOPICS)
                .param("key", slug)
                .param("payload", json.writeValueAsString(new TopicSnapshot(slug, 1, "Untraced", "")))
                .update();

        List<ConsumerRecord<String, byte[]>> records = KafkaTestClient.read(ContentTopics.TOPICS, slug, 1);

        assertThat(KafkaTestClient.header(records.get(0), "traceparent"))
                .matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
