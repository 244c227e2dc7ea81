package dev.tidings.content.article;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tidings.content.RunningContentService;
import dev.tidings.events.ArticleSnapshot;
import dev.tidings.events.CloudEventHeaders;
import dev.tidings.events.ContentTopics;
import dev.tidings.testsupport.KafkaTestClient;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ArticleLifecycleIntegrationTests extends RunningContentService {

    @Test
    void draftEditsStayInternalAndPublishingSendsExactlyOneEvent() {
        String topic = newTopic("microbiome");
        Response drafted = callJson("POST", "/api/articles", articleInput(topic, "What is the gut-skin axis?"));
        assertThat(drafted.status()).isEqualTo(201);
        assertThat(drafted.header("ETag")).isEqualTo("\"1\"");
        String id = drafted.json().get("id").asString();
        assertThat(drafted.header("Location")).isEqualTo("/api/articles/" + id);
        assertThat(drafted.json().get("status").asString()).isEqualTo("DRAFT");
        assertThat(drafted.json().get("slug").asString()).isEqualTo("what-is-the-gut-skin-axis");
        assertThat(drafted.json().get("canonicalUrl").asString())
                .isEqualTo("https://health.example/articles/what-is-the-gut-skin-axis");

        Map<String, Object> edit = articleInput(topic, "What is the gut-skin axis?");
        edit.put("body", "Edited <script>alert('x')</script> text with <img src=x onerror=alert(1)>"
                + " and [a trap](javascript:alert(1)).");
        Response edited = callJson("PUT", "/api/articles/" + id, edit, "If-Match", "\"1\"");
        assertThat(edited.status()).isEqualTo(200);
        assertThat(edited.header("ETag")).isEqualTo("\"2\"");
        assertThat(outboxRowsFor(id)).isZero();

        Response published = call("POST", "/api/articles/" + id + "/publish", null);
        assertThat(published.status()).isEqualTo(200);
        assertThat(published.json().get("status").asString()).isEqualTo("PUBLISHED");
        assertThat(published.json().get("version").asLong()).isEqualTo(3);

        List<ConsumerRecord<String, byte[]>> records = KafkaTestClient.read(ContentTopics.ARTICLES, id, 1);
        assertThat(records).hasSize(1);
        ConsumerRecord<String, byte[]> record = records.get(0);
        assertThat(KafkaTestClient.header(record, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
        assertThat(UUID.fromString(KafkaTestClient.header(record, CloudEventHeaders.ID))).isNotNull();
        assertThat(KafkaTestClient.header(record, CloudEventHeaders.SOURCE))
                .isEqualTo("https://health.example/content-service");
        assertThat(KafkaTestClient.header(record, CloudEventHeaders.TYPE)).isEqualTo("article.published");
        assertThat(Instant.parse(KafkaTestClient.header(record, CloudEventHeaders.TIME))).isNotNull();
        assertThat(KafkaTestClient.header(record, CloudEventHeaders.SUBJECT)).isEqualTo(id);
        assertThat(KafkaTestClient.header(record, CloudEventHeaders.CONTENT_TYPE)).isEqualTo("application/json");

        ArticleSnapshot snapshot = json.readValue(record.value(), ArticleSnapshot.class);
        assertThat(snapshot.id()).hasToString(id);
        assertThat(snapshot.version()).isEqualTo(3);
        assertThat(snapshot.topics()).containsExactly(topic);
        assertThat(snapshot.bodyHtml()).contains("Edited", "text with").doesNotContain("<script", "onerror",
                "javascript:", "alert");
        assertThat(snapshot.canonicalUrl()).isEqualTo("https://health.example/articles/what-is-the-gut-skin-axis");
        assertThat(snapshot.publishedAt()).isEqualTo(Instant.parse(published.json().get("publishedAt").asString()));
    }

    @Test
    void aCorrectionOfAPublishedArticleIsSentAsAnUpdate() {
        String topic = newTopic("nutrition");
        String id = publishedArticle(topic, "Fibre and the skin");

        Map<String, Object> correction = articleInput(topic, "Fibre and the skin (corrected)");
        correction.put("body", "The study had **120** participants, not 12.");
        Response corrected = callJson("PUT", "/api/articles/" + id, correction, "If-Match", "\"2\"");

        assertThat(corrected.status()).isEqualTo(200);
        assertThat(corrected.header("ETag")).isEqualTo("\"3\"");
        JsonNode article = corrected.json();
        assertThat(article.get("status").asString()).isEqualTo("PUBLISHED");
        assertThat(Instant.parse(article.get("updatedAt").asString()))
                .isAfter(Instant.parse(article.get("publishedAt").asString()));
        List<ConsumerRecord<String, byte[]>> records = KafkaTestClient.read(ContentTopics.ARTICLES, id, 2);
        assertThat(records).extracting(record -> KafkaTestClient.header(record, CloudEventHeaders.TYPE))
                .containsExactly("article.published", "article.updated");
        ArticleSnapshot update = json.readValue(records.get(1).value(), ArticleSnapshot.class);
        assertThat(update.version()).isEqualTo(3);
        assertThat(update.title()).isEqualTo("Fibre and the skin (corrected)");
        assertThat(update.bodyHtml()).isEqualTo("<p>The study had <strong>120</strong> participants, not 12.</p>");
    }

    @Test
    void aCorrectionCarriesTheEditorsNoteUntilTheNextCorrection() {
        String topic = newTopic("dosage");
        String id = publishedArticle(topic, "Vitamin D and eczema");

        Map<String, Object> correction = articleInput(topic, "Vitamin D and eczema");
        correction.put("body", "The dose studied was 1,600 IU a day.");
        correction.put("correctionNote", "  An earlier version gave the dose as 16,000 IU a day & more.  ");
        Response corrected = callJson("PUT", "/api/articles/" + id, correction, "If-Match", "\"2\"");

        assertThat(corrected.status()).isEqualTo(200);
        assertThat(corrected.json().get("correctionNote").asString())
                .isEqualTo("An earlier version gave the dose as 16,000 IU a day & more.");
        correction.remove("correctionNote");
        correction.put("body", "The dose studied was 1,600 IU a day, for 12 weeks.");
        Response againWithoutNote = callJson("PUT", "/api/articles/" + id, correction, "If-Match", "\"3\"");
        assertThat(againWithoutNote.status()).isEqualTo(200);
        assertThat(againWithoutNote.json().get("correctionNote").isNull()).isTrue();

        List<ConsumerRecord<String, byte[]>> records = KafkaTestClient.read(ContentTopics.ARTICLES, id, 3);
        assertThat(records).extracting(record -> json.readValue(record.value(), ArticleSnapshot.class).correctionNote())
                .containsExactly(null, "An earlier version gave the dose as 16,000 IU a day & more.", null);
    }

    @Test
    void aRetractionIsSentAndEndsTheArticlesLife() {
        String topic = newTopic("supplements");
        String id = publishedArticle(topic, "Zinc cures everything");

        Response retracted = callJson("POST", "/api/articles/" + id + "/retract",
                Map.of("reason", "The claim could not be supported."));

        assertThat(retracted.status()).isEqualTo(200);
        assertThat(retracted.json().get("status").asString()).isEqualTo("RETRACTED");
        assertThat(retracted.json().get("retractionReason").asString()).isEqualTo("The claim could not be supported.");
        List<ConsumerRecord<String, byte[]>> records = KafkaTestClient.read(ContentTopics.ARTICLES, id, 2);
        assertThat(records).extracting(record -> KafkaTestClient.header(record, CloudEventHeaders.TYPE))
                .containsExactly("article.published", "article.retracted");
        ArticleSnapshot snapshot = json.readValue(records.get(1).value(), ArticleSnapshot.class);
        assertThat(snapshot.retracted()).isTrue();
        assertThat(snapshot.version()).isEqualTo(3);
        assertThat(snapshot.retractionReason()).isEqualTo("The claim could not be supported.");

        callJson("PUT", "/api/articles/" + id, articleInput(topic, "Zinc again"), "If-Match", "\"3\"")
                .assertProblem(409);
        call("POST", "/api/articles/" + id + "/publish", null).assertProblem(409);
        callJson("POST", "/api/articles/" + id + "/retract", Map.of("reason", "again")).assertProblem(409);
        assertThat(call("GET", "/api/articles/" + id, null).header("ETag")).isEqualTo("\"3\"");
    }

    @Test
    void onlyDraftsCanBePublishedAndOnlyPublishedArticlesRetracted() {
        String topic = newTopic("sleep");
        String id = newDraft(topic, "Sleep and skin repair").get("id").asString();

        callJson("POST", "/api/articles/" + id + "/retract", Map.of("reason", "not yet out")).assertProblem(409);
        assertThat(call("POST", "/api/articles/" + id + "/publish", null).status()).isEqualTo(200);
        call("POST", "/api/articles/" + id + "/publish", null).assertProblem(409);
        call("POST", "/api/articles/" + UUID.randomUUID() + "/publish", null).assertProblem(404);
    }

    @Test
    void editsNeedTheCurrentVersion() {
        String topic = newTopic("sunscreen");
        String id = newDraft(topic, "SPF explained").get("id").asString();
        String before = call("GET", "/api/articles/" + id, null).body();

        callJson("PUT", "/api/articles/" + id, articleInput(topic, "No precondition")).assertProblem(428);
        callJson("PUT", "/api/articles/" + id, articleInput(topic, "Stale"), "If-Match", "\"7\"").assertProblem(412);
        callJson("PUT", "/api/articles/" + id, articleInput(topic, "Weak"), "If-Match", "W/\"1\"").assertProblem(412);
        call("POST", "/api/articles/" + id + "/publish", null, "If-Match", "\"5\"").assertProblem(412);

        assertThat(call("GET", "/api/articles/" + id, null).body()).isEqualTo(before);
        Response edited = callJson("PUT", "/api/articles/" + id, articleInput(topic, "SPF, explained"),
                "If-Match", "\"1\"");
        assertThat(edited.json().get("version").asLong()).isEqualTo(2);
        assertThat(edited.json().get("title").asString()).isEqualTo("SPF, explained");
        assertThat(edited.json().get("slug").asString()).isEqualTo("spf-explained");
        callJson("PUT", "/api/articles/" + id, articleInput(topic, "Lost update"), "If-Match", "\"1\"")
                .assertProblem(412);
    }

    @Test
    void articlesAreListedByStatus() {
        String topic = newTopic("allergy");
        String draft = newDraft(topic, "Pollen season").get("id").asString();
        String published = publishedArticle(topic, "Patch tests");

        assertThat(call("GET", "/api/articles?status=DRAFT", null).json().findValuesAsString("id"))
                .contains(draft).doesNotContain(published);
        assertThat(call("GET", "/api/articles?status=PUBLISHED", null).json().findValuesAsString("id"))
                .contains(published).doesNotContain(draft);
        assertThat(call("GET", "/api/articles", null).json().findValuesAsString("id")).contains(draft, published);
    }

    @Test
    void aTakenSlugIsAConflict() {
        String topic = newTopic("hair");
        Map<String, Object> input = articleInput(topic, "Hair loss");
        input.put("slug", "hair-loss-" + topic);
        assertThat(callJson("POST", "/api/articles", input).status()).isEqualTo(201);

        callJson("POST", "/api/articles", input).assertProblem(409);
        // Without an explicit slug, a repeated title gets a distinct one.
        JsonNode second = newDraft(topic, "Hair loss");
        JsonNode third = newDraft(topic, "Hair loss");
        assertThat(third.get("slug").asString()).isNotEqualTo(second.get("slug").asString());
    }

    private String publishedArticle(String topic, String title) {
        String id = newDraft(topic, title).get("id").asString();
        Response published = call("POST", "/api/articles/" + id + "/publish", null);
        assertThat(published.status()).isEqualTo(200);
        return id;
    }

    private long outboxRowsFor(String id) {
        return jdbc.sql("SELECT count(*) FROM outbox_events WHERE message_key = :id").param("id", id)
                .query(Long.class).single();
    }
}
