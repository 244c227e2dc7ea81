package dev.tidings.notifier.sending;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tidings.events.ArticleEventType;
import dev.tidings.notifier.NotifierIntegrationTest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * One batch over one SMTP connection where the server accepts one recipient, rejects one for good
 * (550) and throttles one (451): only the accepted one is marked sent, and a second run never sends
 * it again. The rows are due only in a day, so the application's own sender leaves them alone; this
 * test runs a second sender, on the same database, whose clock is two days ahead.
 */
class PartialSendFailureIntegrationTests extends NotifierIntegrationTest {

    @Autowired
    ApplicationContext context;

    @ParameterizedTest(name = "pipelining offered: {0}")
    @ValueSource(booleans = {false, true})
    void onlyTheRejectedMessagesOfABatchAreRetriedOrFailed(boolean pipelining) throws Exception {
        String topic = uniqueSlug("eyes");
        knownTopic(topic, "Eyes");
        String accepted = uniqueEmail("accepted");
        String rejected = uniqueEmail("rejected");
        String throttled = uniqueEmail("throttled");
        for (String email : List.of(accepted, rejected, throttled)) {
            subscribeAndConfirm(email, topic);
        }
        UUID articleId = UUID.randomUUID();
        // Published on a topic nobody follows, so the ledger rows below are the only ones.
        kafka.send(ArticleEventType.PUBLISHED, article(articleId, 1, "Screen time", List.of(uniqueSlug("none"))));
        await().atMost(PATIENCE).until(() -> jdbc.sql("SELECT count(*) FROM articles WHERE id = :id")
                .param("id", articleId).query(Long.class).single() == 1);
        for (String email : List.of(accepted, rejected, throttled)) {
            queueTomorrow(email, articleId);
        }

        try (ScriptedSmtpServer smtp = new ScriptedSmtpServer(Map.of(
                rejected, "550 5.1.1 no such user",
                throttled, "451 4.7.1 slow down"), pipelining)) {
            Clock twoDaysAhead = Clock.offset(Clock.systemUTC(), Duration.ofDays(2));
            DeliverySender sender = sender(smtp, twoDaysAhead);

            sender.sendDue();

            assertThat(smtp.connections()).isEqualTo(1);
            assertThat(smtp.deliveredTo()).filteredOn(accepted::equals).hasSize(1);
            assertThat(smtp.deliveredTo()).doesNotContain(rejected, throttled);
            assertThat(statusOf(accepted, articleId)).isEqualTo("SENT");
            assertThat(statusOf(rejected, articleId)).isEqualTo("FAILED");
            assertThat(statusOf(throttled, articleId)).isEqualTo("PENDING");
            assertThat(lastErrorOf(throttled, articleId)).contains("451");

            // The retry is due after the backoff; the accepted message must not go out again.
            DeliverySender later = sender(smtp, Clock.offset(twoDaysAhead, Duration.ofHours(1)));
            later.sendDue();

            assertThat(smtp.deliveredTo()).filteredOn(accepted::equals).hasSize(1);
            assertThat(statusOf(throttled, articleId)).isEqualTo("PENDING");
            assertThat(jdbc.sql("""
                    SELECT attempts FROM deliveries d JOIN subscribers s ON s.id = d.subscriber_id
                    WHERE s.email = :email AND d.article_id = :article
                    """).param("email", throttled).param("article", articleId).query(Integer.class).single())
                    .isEqualTo(2);
        }
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

    private String lastErrorOf(String email, UUID articleId) {
        return jdbc.sql("""
                SELECT d.last_error FROM deliveries d JOIN subscribers s ON s.id = d.subscriber_id
                WHERE s.email = :email AND d.article_id = :article
                """).param("email", email).param("article", articleId).query(String.class).single();
    }

}
