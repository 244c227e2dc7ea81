package dev.tidings.notifier.sending;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tidings.events.ArticleEventType;
import dev.tidings.notifier.NotifierIntegrationTest;
import dev.tidings.notifier.suppression.Suppressions;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * A server that turns the first connection away (421), throttles one address twice (451) and
 * rejects another for good (550): the throttled email is retried until delivered, the rejected
 * address is suppressed and gets nothing of the next article. Admins list and lift suppressions and
 * report bounces and complaints.
 *
 * <p>The ledger rows of the first article are due only in a day, so the application's own senders
 * leave them alone; this test sends them with senders on the same database whose clocks are days
 * ahead, an hour further for each round so that every backoff has passed.
 */
class SuppressionIntegrationTests extends NotifierIntegrationTest {

    @Autowired
    ApplicationContext context;

    @Autowired
    Suppressions suppressions;

    @ParameterizedTest(name = "pipelining offered: {0}")
    @ValueSource(booleans = {false, true})
    void transientFailuresAreRetriedUntilDeliveredAndRejectedAddressesAreSuppressed(boolean pipelining)
            throws Exception {
        String topic = uniqueSlug("skin");
        knownTopic(topic, "Skin");
        String accepted = uniqueEmail("accepted");
        String throttled = uniqueEmail("throttled");
        String gone = uniqueEmail("gone");
        for (String email : List.of(accepted, throttled, gone)) {
            subscribeAndConfirm(email, topic);
        }
        UUID first = UUID.randomUUID();
        kafka.send(ArticleEventType.PUBLISHED, article(first, 1, "Barrier repair", List.of(uniqueSlug("none"))));
        await().atMost(PATIENCE).until(() -> jdbc.sql("SELECT count(*) FROM articles WHERE id = :id")
                .param("id", first).query(Long.class).single() == 1);
        for (String email : List.of(accepted, throttled, gone)) {
            queueTomorrow(email, first);
        }

        try (ScriptedSmtpServer smtp = new ScriptedSmtpServer(Map.of(
                throttled, List.of("451 4.7.1 slow down", "451 4.7.1 slow down", "250 OK"),
                gone, List.of("550 5.1.1 no such user")), 1, pipelining)) {
            for (int round = 0; round < 6 && !"SENT".equals(statusOf(throttled, first)); round++) {
                sender(smtp, Clock.offset(Clock.systemUTC(), Duration.ofDays(2).plusHours(round))).sendDue();
            }

            assertThat(smtp.deliveredTo()).filteredOn(accepted::equals).hasSize(1);
            assertThat(smtp.deliveredTo()).filteredOn(throttled::equals).hasSize(1);
            assertThat(smtp.deliveredTo()).doesNotContain(gone);
            assertThat(statusOf(accepted, first)).isEqualTo("SENT");
            assertThat(statusOf(throttled, first)).isEqualTo("SENT");
            assertThat(statusOf(gone, first)).isEqualTo("FAILED");
            // The turned-away connection, then two 451s: three failed attempts before the one that worked.
            assertThat(attemptsOf(throttled, first)).isEqualTo(4);
        }

        HttpResponse<String> listed = get("/api/admin/suppressions", ADMIN_TOKEN);
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.body()).contains("\"email\":\"" + gone + "\"").contains("\"reason\":\"rejected\"")
                .contains("550 5.1.1").doesNotContain(accepted).doesNotContain(throttled);

        UUID next = UUID.randomUUID();
        kafka.send(ArticleEventType.PUBLISHED, article(next, 1, "Barrier repair, part two", List.of(topic)));
        await().atMost(PATIENCE).until(() -> mailsTo(accepted).size() == 2 && mailsTo(throttled).size() == 2);
        assertThat(mailsTo(gone)).hasSize(1); // the confirmation only
        assertThat(jdbc.sql("SELECT count(*) FROM deliveries d JOIN subscribers s ON s.id = d.subscriber_id "
                + "WHERE s.email = :email AND d.article_id = :article").param("email", gone).param("article", next)
                .query(Long.class).single()).isZero();

        HttpResponse<String> lifted = send(HttpRequest.newBuilder(uri("/api/admin/suppressions?email=" + gone))
                .header("Authorization", "Bearer " + ADMIN_TOKEN).DELETE().build());
        assertThat(lifted.statusCode()).isEqualTo(204);
        assertThat(get("/api/admin/suppressions", ADMIN_TOKEN).body()).doesNotContain(gone);
        HttpResponse<String> again = send(HttpRequest.newBuilder(uri("/api/admin/suppressions?email=" + gone))
                .header("Authorization", "Bearer " + ADMIN_TOKEN).DELETE().build());
        assertThat(again.statusCode()).isEqualTo(404);
        assertProblemJson(again);
    }

    @Test
    void bouncesAndComplaintsReportedByAdminsSuppressTransientBouncesDoNot() {
        String bounced = uniqueEmail("bounced");
        String complained = uniqueEmail("complained");
        String deferred = uniqueEmail("deferred");

        HttpResponse<String> bounce = report("""
                {"type":"bounce","email":"%s","status":"5.1.1","diagnostic":"smtp; 550 5.1.1 user unknown",
                 "source":"dsn"}""".formatted(bounced.toUpperCase()));
        assertThat(bounce.statusCode()).isEqualTo(200);
        assertThat(bounce.body()).contains("\"suppressed\":true").contains("\"reason\":\"bounced\"");
        assertThat(report("{\"type\":\"complaint\",\"email\":\"%s\",\"source\":\"ses\"}".formatted(complained))
                .body()).contains("\"suppressed\":true").contains("\"reason\":\"complained\"");
        assertThat(report("{\"type\":\"bounce\",\"email\":\"%s\",\"permanent\":false,\"status\":\"4.2.2\"}"
                .formatted(deferred)).body()).contains("\"suppressed\":false");

        // A suppressed mailbox gets no confirmation email either; the request is settled as skipped.
        String topic = uniqueSlug("barrier");
        knownTopic(topic, "Barrier");
        assertThat(postJson("/api/subscriptions", "{\"email\":\"%s\",\"topics\":[\"%s\"]}".formatted(bounced, topic))
                .statusCode()).isEqualTo(202);
        await().atMost(PATIENCE).until(() -> jdbc.sql("SELECT status FROM confirmation_requests WHERE email = :email")
                .param("email", bounced).query(String.class).list(), statuses -> statuses.equals(List.of("SKIPPED")));
        assertThat(mailsTo(bounced)).isEmpty();

        String listed = get("/api/admin/suppressions", ADMIN_TOKEN).body();
        assertThat(listed).contains(bounced).contains("5.1.1 smtp; 550 5.1.1 user unknown").contains(complained)
                .doesNotContain(deferred);

        for (String bad : List.of("{\"type\":\"bounce\"}", "{\"type\":\"delivered\",\"email\":\"a@example.test\"}",
                "{\"type\":\"bounce\",\"email\":\"a@example.test\\r\\nBcc: x@example.test\"}",
                "{\"type\":\"bounce\",\"email\":\"a@example.test\",\"status\":\"550\"}", "{\"type\":", "[]")) {
            HttpResponse<String> rejected = report(bad);
            assertThat(rejected.statusCode()).as(bad).isEqualTo(400);
            assertProblemJson(rejected);
        }
        HttpResponse<String> asEditor = send(HttpRequest.newBuilder(uri("/api/admin/suppressions/reports"))
                .header("Authorization", "Bearer " + EDITOR_KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"complaint\",\"email\":\"x@example.test\"}"))
                .build());
        assertThat(asEditor.statusCode()).isEqualTo(403);
    }

    private HttpResponse<String> report(String json) {
        return send(HttpRequest.newBuilder(uri("/api/admin/suppressions/reports"))
                .header("Authorization", "Bearer " + ADMIN_TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private DeliverySender sender(ScriptedSmtpServer smtp, Clock clock) {
        return LedgerSenders.on(context, LedgerSenders.mailTo(smtp), clock);
    }

    private void queueTomorrow(String email, UUID articleId) {
        LedgerSenders.queueTomorrow(jdbc, email, articleId);
    }

    private String statusOf(String email, UUID articleId) {
        return LedgerSenders.statusOf(jdbc, email, articleId);
    }

    private int attemptsOf(String email, UUID articleId) {
        return jdbc.sql("""
                SELECT d.attempts FROM deliveries d JOIN subscribers s ON s.id = d.subscriber_id
                WHERE s.email = :email AND d.article_id = :article
                """).param("email", email).param("article", articleId).query(Integer.class).single();
    }
}
