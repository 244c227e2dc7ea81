package dev.tidings.content.article;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tidings.content.RunningContentService;
import dev.tidings.events.ArticleSnapshot;
import dev.tidings.events.CloudEventHeaders;
import dev.tidings.events.ContentTopics;
import dev.tidings.testsupport.KafkaTestClient;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ScheduledPublishingIntegrationTests extends RunningContentService {

    @Test
    void aScheduledArticleIsPublishedOnceItsTimeComes() {
        String topic = newTopic("scheduled");
        String id = newDraft(topic, "Out on Monday").get("id").asString();
        Instant at = Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.MILLIS);

        Response scheduled = callJson("POST", "/api/articles/" + id + "/publish", Map.of("at", at.toString()));

        assertThat(scheduled.status()).isEqualTo(200);
        assertThat(scheduled.json().get("status").asString()).isEqualTo("SCHEDULED");
        assertThat(Instant.parse(scheduled.json().get("scheduledAt").asString())).isEqualTo(at);
        assertThat(jdbc.sql("SELECT count(*) FROM outbox_events WHERE message_key = :id").param("id", id)
                .query(Long.class).single()).isZero();
        callJson("POST", "/api/articles/" + id + "/retract", Map.of("reason", "too early")).assertProblem(409);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                call("GET", "/api/articles/" + id, null).json().get("status").asString()).isEqualTo("PUBLISHED"));
        JsonNode published = call("GET", "/api/articles/" + id, null).json();
        assertThat(Instant.parse(published.get("publishedAt").asString())).isAfterOrEqualTo(at);
        List<ConsumerRecord<String, byte[]>> records = KafkaTestClient.read(ContentTopics.ARTICLES, id, 1);
        assertThat(records).hasSize(1);
        assertThat(KafkaTestClient.header(records.get(0), CloudEventHeaders.TYPE)).isEqualTo("article.published");
        assertThat(json.readValue(records.get(0).value(), ArticleSnapshot.class).version()).isEqualTo(3);
    }

    @Test
    void aScheduledArticleCanStillBeEditedOrPublishedAtOnce() {
        String topic = newTopic("rescheduled");
        String id = newDraft(topic, "Next year").get("id").asString();
        callJson("POST", "/api/articles/" + id + "/publish", Map.of("at", Instant.now().plus(Duration.ofDays(365))));

        Response edited = callJson("PUT", "/api/articles/" + id, articleInput(topic, "Next year, edited"),
                "If-Match", "\"2\"");
        assertThat(edited.json().get("status").asString()).isEqualTo("SCHEDULED");

        Response now = call("POST", "/api/articles/" + id + "/publish", null);
        assertThat(now.json().get("status").asString()).isEqualTo("PUBLISHED");
        assertThat(KafkaTestClient.read(ContentTopics.ARTICLES, id, 1)).hasSize(1);
    }

    @Test
    void anUnreadableTimeIsABadRequest() {
        String id = newDraft(newTopic("bad-time"), "Whenever").get("id").asString();

        callJson("POST", "/api/articles/" + id + "/publish", "{\"at\":\"next tuesday\"}").assertProblem(400);

        assertThat(call("GET", "/api/articles/" + id, null).json().get("status").asString()).isEqualTo("DRAFT");
    }
}
