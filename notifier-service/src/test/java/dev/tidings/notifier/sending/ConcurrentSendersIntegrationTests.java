package dev.tidings.notifier.sending;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tidings.events.ArticleEventType;
import dev.tidings.notifier.NotifierIntegrationTest;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Two senders with claimer ids of their own, as two instances would be, work through one
 * 2,000-recipient fan-out on the same database at the same time: every email goes out exactly once.
 * The rows are due only in a day, so the application's own senders leave them alone; the two
 * senders' clocks are two days ahead.
 */
class ConcurrentSendersIntegrationTests extends NotifierIntegrationTest {

    @Autowired
    ApplicationContext context;

    private static final int RECIPIENTS = 2000;

    @Autowired
    JavaMailSenderImpl mailSender;

    @Test
    void twoSendersOnOneLedgerSendEveryEmailExactlyOnce() throws Exception {
        String prefix = "fan-" + UUID.randomUUID().toString().substring(0, 8);
        UUID article = UUID.randomUUID();
        kafka.send(ArticleEventType.PUBLISHED, article(article, 1, "Two senders, one ledger", List.of(prefix)));
        await().atMost(PATIENCE).until(() -> jdbc.sql("SELECT count(*) FROM articles WHERE id = :id")
                .param("id", article).query(Long.class).single() == 1);
        jdbc.sql("""
                INSERT INTO subscribers (id, email, created_at, confirmed_at)
                SELECT gen_random_uuid(), :prefix || '-' || n || '@example.test', now(), now()
                FROM generate_series(1, :count) AS n
                """).param("prefix", prefix).param("count", RECIPIENTS).update();
        jdbc.sql("""
                INSERT INTO deliveries (subscriber_id, article_id, kind, status, attempts, next_attempt_at, created_at)
                SELECT id, :article, 'instant', 'PENDING', 0, :due, now() FROM subscribers WHERE email LIKE :pattern
                """).param("article", article).param("due", Timestamp.from(Instant.now().plus(Duration.ofDays(1))))
                .param("pattern", prefix + "-%").update();

        Clock twoDaysAhead = Clock.offset(Clock.systemUTC(), Duration.ofDays(2));
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> sender(twoDaysAhead).sendDue());
        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> sender(twoDaysAhead).sendDue());
        CompletableFuture.allOf(first, second).get();

        Map<String, Long> perRecipient = await().atMost(PATIENCE).until(() -> received(prefix),
                received -> received.values().stream().mapToLong(Long::longValue).sum() >= RECIPIENTS);
        assertThat(perRecipient).hasSize(RECIPIENTS);
        assertThat(perRecipient.values()).allMatch(count -> count == 1);
        assertThat(jdbc.sql("SELECT count(*) FROM deliveries WHERE article_id = :id AND status = 'SENT'")
                .param("id", article).query(Long.class).single()).isEqualTo(RECIPIENTS);
    }

    private DeliverySender sender(Clock clock) {
        return LedgerSenders.on(context, mailSender, clock);
    }

    private static Map<String, Long> received(String prefix) {
        return Arrays.stream(SMTP.getReceivedMessages()).map(ConcurrentSendersIntegrationTests::recipient)
                .filter(address -> address.startsWith(prefix + "-"))
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    private static String recipient(MimeMessage message) {
        try {
            return message.getRecipients(Message.RecipientType.TO)[0].toString();
        }
        catch (jakarta.mail.MessagingException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
