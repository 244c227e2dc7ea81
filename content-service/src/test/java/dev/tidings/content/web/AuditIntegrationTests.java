package dev.tidings.content.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tidings.content.RunningContentService;
import dev.tidings.events.ArticleSnapshot;
import dev.tidings.events.CloudEventHeaders;
import dev.tidings.events.ContentTopics;
import dev.tidings.testsupport.KafkaTestClient;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The audit log and the events say who drafted, published, corrected and retracted an article.
 * Requests Spring Security refuses by their path never reach a handler and are not writes; a
 * refusal that depends on the article (a writer's correction) is logged with its 403.
 */
class AuditIntegrationTests extends RunningContentService {

    @Test
    void everyStepOfAnArticleNamesItsPerson() {
        String topic = newTopic("audit");
        Response draft = callAs(WRITER_KEY, "POST", "/api/articles",
                json.writeValueAsString(articleInput(topic, "Audited article")), "Content-Type", "application/json");
        String id = draft.json().get("id").asString();
        callAs(EDITOR_KEY, "POST", "/api/articles/" + id + "/publish", null);
        callAs(WRITER_KEY, "PUT", "/api/articles/" + id, json.writeValueAsString(articleInput(topic, "Not mine to fix")),
                "Content-Type", "application/json", "If-Match", "\"2\"").assertProblem(403);
        Response corrected = callAs(EDITOR_KEY, "PUT", "/api/articles/" + id,
                json.writeValueAsString(articleInput(topic, "Audited article, corrected")),
                "Content-Type", "application/json", "If-Match", "\"2\"");
        assertThat(corrected.status()).as(corrected.body()).isEqualTo(200);
        Response retracted = callAs(ADMIN_KEY, "POST", "/api/articles/" + id + "/retract",
                "{\"reason\":\"The study was withdrawn.\"}", "Content-Type", "application/json");
        assertThat(retracted.status()).isEqualTo(200);

        JsonNode entries = call("GET", "/api/admin/audit-log?target=" + id, null).json();
        assertThat(entries).extracting(entry -> entry.get("actor").asString() + " " + entry.get("action").asString()
                + " " + entry.get("status").asInt() + " " + (entry.get("note").isNull() ? "" : entry.get("note").asString()))
                .containsExactly(
                        "Ada Admin ArticleController.retract 200 ",
                        "Dr. Mara Lind ArticleController.edit 200 correction of a published article",
                        "Wren Writer ArticleController.edit 403 correction of a published article",
                        "Dr. Mara Lind ArticleController.publish 200 ",
                        "Wren Writer ArticleController.draft 201 ");
        assertThat(entries.get(0).get("credential").asString()).isEqualTo("config-key:Ada Admin");
        assertThat(entries.get(4).get("target").asString()).isEqualTo("/api/articles/" + id);
        callAs(EDITOR_KEY, "GET", "/api/admin/audit-log", null).assertProblem(403);

        List<ConsumerRecord<String, byte[]>> events = KafkaTestClient.read(ContentTopics.ARTICLES, id, 3);
        assertThat(events).extracting(event -> KafkaTestClient.header(event, CloudEventHeaders.TYPE) + " by "
                + json.readValue(event.value(), ArticleSnapshot.class).editor().name())
                .containsExactly("article.published by Dr. Mara Lind", "article.updated by Dr. Mara Lind",
                        "article.retracted by Ada Admin");
        assertThat(json.readValue(events.get(0).value(), ArticleSnapshot.class).editor())
                .isEqualTo(new ArticleSnapshot.Editor("Dr. Mara Lind", "config-key:Dr. Mara Lind"));
    }

    @Test
    void aScheduledArticleGoesOutInTheNameOfWhoScheduledIt() {
        String topic = newTopic("scheduled-audit");
        String id = newDraft(topic, "Scheduled and audited").get("id").asString();
        Response scheduled = callAs(EDITOR_KEY, "POST", "/api/articles/" + id + "/publish",
                json.writeValueAsString(Map.of("at", java.time.Instant.now().plusSeconds(1).toString())),
                "Content-Type", "application/json");
        assertThat(scheduled.json().get("status").asString()).isEqualTo("SCHEDULED");

        ConsumerRecord<String, byte[]> event = KafkaTestClient.read(ContentTopics.ARTICLES, id, 1).get(0);
        assertThat(json.readValue(event.value(), ArticleSnapshot.class).editor().name()).isEqualTo("Dr. Mara Lind");
    }
}
