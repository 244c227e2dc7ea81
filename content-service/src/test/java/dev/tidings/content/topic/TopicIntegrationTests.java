package dev.tidings.content.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.tidings.content.RunningContentService;
import dev.tidings.events.CloudEventHeaders;
import dev.tidings.events.ContentTopics;
import dev.tidings.events.TopicSnapshot;
import dev.tidings.testsupport.KafkaTestClient;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class TopicIntegrationTests extends RunningContentService {

    @Test
    void creatingATopicAnnouncesItOnTheCompactedTopicsStream() {
        Response created = callJson("POST", "/api/topics",
                Map.of("slug", "eczema", "title", "Eczema", "description", "Atopic dermatitis and its triggers."));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo("/api/topics/eczema");
        assertThat(created.json().get("version").asLong()).isEqualTo(1);

        List<ConsumerRecord<String, byte[]>> records = KafkaTestClient.read(ContentTopics.TOPICS, "eczema", 1);
        assertThat(records).hasSize(1);
        ConsumerRecord<String, byte[]> record = records.get(0);
        assertThat(KafkaTestClient.header(record, CloudEventHeaders.TYPE)).isEqualTo("topic.upserted");
        assertThat(KafkaTestClient.header(record, CloudEventHeaders.SUBJECT)).isEqualTo("eczema");
        assertThat(json.readValue(record.value(), TopicSnapshot.class))
                .isEqualTo(new TopicSnapshot("eczema", 1, "Eczema", "Atopic dermatitis and its triggers."));
    }

    @Test
    void changingATopicAnnouncesTheNextVersion() {
        String slug = newTopic("acne");

        Response changed = callJson("PUT", "/api/topics/" + slug,
                Map.of("title", "Acne vulgaris", "description", "Spots, and what helps."));

        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.json().get("version").asLong()).isEqualTo(2);
        List<ConsumerRecord<String, byte[]>> records = KafkaTestClient.read(ContentTopics.TOPICS, slug, 2);
        assertThat(records).extracting(record -> json.readValue(record.value(), TopicSnapshot.class))
                .extracting(TopicSnapshot::version, TopicSnapshot::title)
                .containsExactly(tuple(1L, "Topic " + slug),
                        tuple(2L, "Acne vulgaris"));
    }

    @Test
    void aTakenSlugIsAConflictAndLeavesTheTopicAsItWas() {
        String slug = newTopic("rosacea");

        callJson("POST", "/api/topics", Map.of("slug", slug, "title", "Other")).assertProblem(409);

        assertThat(callWithout("GET", "/api/topics/" + slug, null).json().get("title").asString())
                .isEqualTo("Topic " + slug);
    }

    @Test
    void topicsAreReadableWithoutAToken() {
        String slug = newTopic("psoriasis");

        Response list = callWithout("GET", "/api/topics", null);

        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().findValuesAsString("slug")).contains(slug);
        callWithout("GET", "/api/topics/no-such-topic", null).assertProblem(404);
    }

    @Test
    void markupInATopicTitleIsStoredAsText() {
        Response created = callJson("POST", "/api/topics",
                Map.of("slug", "hives", "title", "<script>alert(1)</script>Hives", "description", "<b>Itchy</b>"));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("title").asString()).isEqualTo("Hives");
        assertThat(created.json().get("description").asString()).isEqualTo("Itchy");
    }

    @Test
    void invalidTopicsAreRefusedWithAProblem() {
        callJson("POST", "/api/topics", Map.of("slug", "Not A Slug", "title", "T")).assertProblem(400);
        callJson("POST", "/api/topics", Map.of("slug", "crlf", "title", "T\r\nBcc: x@example.org"))
                .assertProblem(400);
        callJson("PUT", "/api/topics/no-such-topic", Map.of("title", "T")).assertProblem(404);
        assertThat(callWithout("GET", "/api/topics/crlf", null).status()).isEqualTo(404);
    }
}
