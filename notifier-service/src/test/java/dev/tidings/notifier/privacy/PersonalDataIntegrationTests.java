package dev.tidings.notifier.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tidings.events.ArticleEventType;
import dev.tidings.notifier.MailText;
import dev.tidings.notifier.NotifierIntegrationTest;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A reader exports and erases their data from the preference page, an admin through the API: the
 * export holds everything stored, the erasure leaves nothing but a suppression hash, and an erased
 * address gets no more articles until it subscribes and confirms again.
 */
class PersonalDataIntegrationTests extends NotifierIntegrationTest {

    private static final Pattern PREFERENCES = Pattern.compile("/preferences\\?token=([A-Za-z0-9_-]+)");

    @Test
    void aReaderExportsAndErasesTheirDataAndIsNeverMailedAgain() {
        String topic = uniqueSlug("gut");
        knownTopic(topic, "Gut");
        String reader = uniqueEmail("private");
        subscribeAndConfirm(reader, topic);
        UUID first = UUID.randomUUID();
        kafka.send(ArticleEventType.PUBLISHED, article(first, 1, "Fibre and the microbiome", List.of(topic)));
        String token = await().atMost(PATIENCE).until(() -> preferencesToken(reader), found -> found != null);

        assertThat(get("/preferences?token=" + token).body()).contains("/preferences/export?token=" + token)
                .contains("/preferences/erase?token=" + token);
        // The email arrives before its sender records it as sent (the ledger is updated in batches).
        HttpResponse<String> export = await().atMost(PATIENCE).until(() -> get("/preferences/export?token=" + token),
                response -> response.body().contains("\"status\":\"SENT\""));
        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.headers().firstValue("Content-Disposition")).hasValueSatisfying(
                value -> assertThat(value).startsWith("attachment"));
        assertThat(export.body()).contains("\"email\":\"" + reader + "\"").contains("\"topic\":\"" + topic + "\"")
                .contains("\"articleTitle\":\"Fibre and the microbiome\"").contains("\"status\":\"SENT\"")
                .contains("\"subscribeRequests\":[{");

        HttpResponse<String> page = get("/preferences/erase?token=" + token);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("method=\"post\"").contains(reader);
        assertThat(get("/api/admin/personal-data?email=" + reader, ADMIN_TOKEN).statusCode())
                .as("a GET of the erase page erased nothing").isEqualTo(200);
        HttpResponse<String> erased = postForm("/preferences/erase", "token=" + token);
        assertThat(erased.statusCode()).isEqualTo(200);
        assertHtml(erased);

        HttpResponse<String> after = get("/api/admin/personal-data?email=" + reader, ADMIN_TOKEN);
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(after.body()).contains("\"subscriber\":null").contains("\"emails\":[]")
                .contains("\"subscribeRequests\":[]").contains("\"reason\":\"erased\"")
                .doesNotContain("\"email\":\"" + reader + "\",\"reason\"");
        assertThat(jdbc.sql("SELECT count(*) FROM suppressions WHERE email = :email").param("email", reader)
                .query(Long.class).single()).as("only the hash is kept").isZero();
        assertThat(get("/preferences/export?token=" + token).statusCode()).isEqualTo(404);

        String control = uniqueEmail("control");
        subscribeAndConfirm(control, topic);
        kafka.send(ArticleEventType.PUBLISHED, article(UUID.randomUUID(), 1, "Fibre, part two", List.of(topic)));
        await().atMost(PATIENCE).until(() -> mailsTo(control).stream().map(MailText::of)
                .anyMatch(text -> text.contains("Fibre, part two")));
        assertThat(mailsTo(reader).stream().map(MailText::of).noneMatch(text -> text.contains("Fibre, part two")))
                .isTrue();
    }

    @Test
    void adminsExportAndEraseThroughTheApi() {
        String topic = uniqueSlug("skin");
        knownTopic(topic, "Skin");
        String reader = uniqueEmail("letter");
        subscribeAndConfirm(reader, topic);

        HttpResponse<String> export = get("/api/admin/personal-data?email=" + reader.toUpperCase(), ADMIN_TOKEN);
        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.body()).contains("\"topic\":\"" + topic + "\"");
        assertThat(get("/api/admin/personal-data?email=" + reader, EDITOR_KEY).statusCode()).isEqualTo(403);

        HttpResponse<String> erased = delete("/api/admin/personal-data?email=" + reader);
        assertThat(erased.statusCode()).isEqualTo(204);
        assertThat(jdbc.sql("SELECT count(*) FROM subscribers WHERE email = :email").param("email", reader)
                .query(Long.class).single()).isZero();

        // Subscribing again through the mailbox lifts the erasure's suppression.
        assertThat(postJson("/api/subscriptions", "{\"email\":\"%s\",\"topics\":[\"%s\"]}".formatted(reader, topic))
                .statusCode()).isEqualTo(202);
        List<String> tokens = await().atMost(PATIENCE).until(() -> confirmationTokens(reader), found -> found.size() == 2);
        assertThat(postForm("/subscriptions/confirm", "token=" + tokens.get(1)).statusCode()).isEqualTo(200);
        assertThat(get("/api/admin/personal-data?email=" + reader, ADMIN_TOKEN).body())
                .contains("\"suppression\":null");

        HttpResponse<String> unknown = get("/api/admin/personal-data?email=" + uniqueEmail("nobody"), ADMIN_TOKEN);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertProblemJson(unknown);
        HttpResponse<String> malformed = get("/api/admin/personal-data?email=not-an-address", ADMIN_TOKEN);
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertProblemJson(malformed);
        assertThat(delete("/api/admin/personal-data?email=" + uniqueEmail("nobody")).statusCode()).isEqualTo(404);
    }

    private HttpResponse<String> delete(String path) {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + ADMIN_TOKEN).DELETE()
                .build());
    }

    private String preferencesToken(String email) {
        return mailsTo(email).stream().map(MailText::of).map(PREFERENCES::matcher).filter(Matcher::find)
                .map(matcher -> matcher.group(1)).findFirst().orElse(null);
    }
}
