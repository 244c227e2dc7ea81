package dev.tidings.notifier.sending;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tidings.events.ArticleEventType;
import dev.tidings.events.ArticleSnapshot;
import dev.tidings.events.ContentTopics;
import dev.tidings.notifier.NotifierIntegrationTest;
import dev.tidings.testsupport.KafkaTestClient;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The article's trace goes on into the ledger (ADR 0024): the rows an event queues keep the trace
 * context of its consumption, which continues the trace in the record's {@code traceparent}, so the
 * sender's span joins it later.
 */
class DeliveryTraceIntegrationTests extends NotifierIntegrationTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    private static final String PRODUCER_SPAN = "00f067aa0ba902b7";

    @Test
    void queuedEmailsKeepTheTraceOfTheEventThatQueuedThem() {
        String topic = uniqueSlug("traced");
        knownTopic(topic, "Traced");
        String reader = uniqueEmail("reader");
        subscribeAndConfirm(reader, topic);
        ArticleSnapshot published = article(UUID.randomUUID(), 1, "Traced to the inbox", List.of(topic));
        Map<String, Object> headers = new HashMap<>(KafkaTestClient.cloudEventHeaders(
                ArticleEventType.PUBLISHED.ceType(), published.id().toString()));
        headers.put("traceparent", ("00-" + TRACE_ID + "-" + PRODUCER_SPAN + "-01").getBytes(StandardCharsets.UTF_8));

        kafka.sendRaw(ContentTopics.ARTICLES, published.id().toString(), headers, json.writeValueAsBytes(published));

        await().atMost(PATIENCE).until(() -> mailsTo(reader).stream().anyMatch(mail -> subjectOf(mail)
                .equals("Traced to the inbox")));
        String stored = jdbc.sql("SELECT trace_parent FROM deliveries WHERE article_id = :id")
                .param("id", published.id()).query(String.class).single();
        assertThat(stored).as("the consumer's span: same trace, a span of its own")
                .startsWith("00-" + TRACE_ID + "-").doesNotContain(PRODUCER_SPAN).endsWith("-01");
    }

    private static String subjectOf(MimeMessage mail) {
        try {
            return mail.getSubject();
        }
        catch (MessagingException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
