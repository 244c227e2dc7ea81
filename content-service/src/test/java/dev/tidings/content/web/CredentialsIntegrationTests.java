package dev.tidings.content.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tidings.content.RunningContentService;
import dev.tidings.testsupport.security.TestJwts;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** People's credentials: API keys from the admin API and JWTs of the configured issuer. */
class CredentialsIntegrationTests extends RunningContentService {

    @Test
    void anAdminCreatesAnEditorsKeyWhichWorksUntilRevoked() {
        Response created = callJson("POST", "/api/admin/api-keys", Map.of("person", "Noor Haddad", "role", "editor"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String key = created.json().get("key").asString();
        String id = created.json().get("id").asString();
        assertThat(key).startsWith("tdk_").hasSizeGreaterThan(40);
        assertThat(created.header("Location")).isEqualTo("/api/admin/api-keys/" + id);

        String topic = newTopic("keys");
        String article = newDraft(topic, "Written with a new key").get("id").asString();
        assertThat(callAs(key, "POST", "/api/articles/" + article + "/publish", null).status()).isEqualTo(200);
        assertThat(callAs(key, "POST", "/api/topics", "{}", "Content-Type", "application/json").status())
                .as("an editor does not manage topics").isEqualTo(403);

        JsonNode listed = call("GET", "/api/admin/api-keys", null).json();
        assertThat(listed.toString()).contains("Noor Haddad").doesNotContain(key);
        // Stored as its SHA-256 only: the row holds the hash, and no column the key itself.
        assertThat(jdbc.sql("SELECT count(*) FROM api_keys WHERE id = CAST(:id AS uuid)"
                + " AND key_hash = sha256(convert_to(:key, 'UTF8'))")
                .param("id", id).param("key", key).query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM api_keys WHERE CAST(api_keys AS text) LIKE :key")
                .param("key", "%" + key + "%").query(Long.class).single()).isZero();

        assertThat(call("DELETE", "/api/admin/api-keys/" + id, null).status()).isEqualTo(204);
        Response revoked = callAs(key, "GET", "/api/articles", null);
        revoked.assertProblem(401);
        assertThat(revoked.header("WWW-Authenticate")).contains("invalid_token");
        assertThat(call("DELETE", "/api/admin/api-keys/" + java.util.UUID.randomUUID(), null).status())
                .isEqualTo(404);
    }

    @Test
    void onlyAdminsManageKeysAndBadRequestsAreProblems() {
        callAs(EDITOR_KEY, "POST", "/api/admin/api-keys", "{\"person\":\"Me\",\"role\":\"admin\"}",
                "Content-Type", "application/json").assertProblem(403);
        callJson("POST", "/api/admin/api-keys", Map.of("person", "Ada", "role", "owner")).assertProblem(400);
        callJson("POST", "/api/admin/api-keys", Map.of("person", "<script>x</script>", "role", "writer"))
                .assertProblem(400);
        callJson("POST", "/api/admin/api-keys", Map.of("person", "Line\r\nBreak", "role", "writer"))
                .assertProblem(400);
        callJson("POST", "/api/admin/api-keys", "{\"person\":").assertProblem(400);
    }

    @Test
    void aWriterDraftsButNeitherPublishesNorCorrects() {
        String topic = newTopic("roles");
        Response draft = callAs(WRITER_KEY, "POST", "/api/articles",
                json.writeValueAsString(articleInput(topic, "A writer's draft")), "Content-Type", "application/json");
        assertThat(draft.status()).isEqualTo(201);
        String id = draft.json().get("id").asString();

        Response edited = callAs(WRITER_KEY, "PUT", "/api/articles/" + id,
                json.writeValueAsString(articleInput(topic, "A writer's draft, edited")),
                "Content-Type", "application/json", "If-Match", "\"1\"");
        assertThat(edited.status()).as(edited.body()).isEqualTo(200);

        callAs(WRITER_KEY, "POST", "/api/articles/" + id + "/publish", null).assertProblem(403);
        assertThat(callAs(EDITOR_KEY, "POST", "/api/articles/" + id + "/publish", null).status()).isEqualTo(200);

        Response correction = callAs(WRITER_KEY, "PUT", "/api/articles/" + id,
                json.writeValueAsString(articleInput(topic, "A writer's correction")),
                "Content-Type", "application/json", "If-Match", "\"3\"");
        correction.assertProblem(403);
        assertThat(correction.json().get("detail").asString()).contains("editor");
        assertThat(call("GET", "/api/articles/" + id, null).json().get("title").asString())
                .isEqualTo("A writer's draft, edited");
    }

    @Test
    void jwtsOfTheConfiguredIssuerCarryThePersonAndTheirRoles() {
        String topic = newTopic("jwt");
        String id = newDraft(topic, "Published with a JWT").get("id").asString();
        String editor = TestJwts.get().token("Sam Okafor", "editor");

        assertThat(callAs(editor, "POST", "/api/articles/" + id + "/publish", null).status()).isEqualTo(200);
        callAs(TestJwts.get().token("Sam Okafor", "writer"), "POST", "/api/articles/" + id + "/retract",
                "{\"reason\":\"x\"}", "Content-Type", "application/json").assertProblem(403);
        callAs(TestJwts.get().token("Sam Okafor", Instant.now().minusSeconds(60), "editor"), "GET", "/api/articles",
                null).assertProblem(401);
        String forged = editor.substring(0, editor.lastIndexOf('.') + 1) + "c2lnbmF0dXJl";
        callAs(forged, "GET", "/api/articles", null).assertProblem(401);
    }

    @Test
    void missingOrForeignCredentialsAreUnauthorized() {
        Response missing = callWithout("POST", "/api/topics", "{}", "Content-Type", "application/json");
        missing.assertProblem(401);
        assertThat(missing.header("WWW-Authenticate")).isEqualTo("Bearer");
        callAs("not-a-key", "GET", "/api/articles", null).assertProblem(401);
        callWithout("GET", "/api/articles", null, "Authorization", "Basic " + ADMIN_KEY).assertProblem(401);
        assertThat(callWithout("GET", "/api/topics", null).status()).isEqualTo(200);
    }

    @Test
    void ambiguousPathsAreRejectedBeforeAnyHandler() {
        callWithout("POST", "/api;x=1/articles", "{}", "Content-Type", "application/json").assertProblem(400);
        callWithout("GET", "/api/%2e%2e/api/articles", null).assertProblem(400);
        callWithout("POST", "/api%2farticles", "{}", "Content-Type", "application/json").assertProblem(400);
        callWithout("POST", "/api%2Farticles", "{}", "Content-Type", "application/json").assertProblem(400);
        Response encoded = callWithout("POST", "/%61pi/articles", "{}", "Content-Type", "application/json");
        encoded.assertProblem(401);
    }
}
