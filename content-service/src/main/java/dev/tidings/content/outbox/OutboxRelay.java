package dev.tidings.content.outbox;

import dev.tidings.content.ContentProperties;
import dev.tidings.events.CloudEventHeaders;
import dev.tidings.events.ContentTopics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends unpublished outbox rows to Kafka in sequence order and marks them published.
 *
 * <p>One relay at a time across all instances: each run holds a PostgreSQL advisory lock for its
 * transaction, which keeps the per-article order of events; a run that does not get the lock
 * returns at once (the holder sends the rows). Sends are synchronous, so a row is marked only
 * after the broker acknowledged it (at least once: a crash between ack and commit sends it
 * again, with the same {@code ce_id}). On a failed send the batch stops and the rest waits for
 * the next run, never overtaking the failed row.
 */
@Component
public class OutboxRelay {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    /** Advisory lock key shared by every instance: "tidings" in ASCII. */
    private static final long RELAY_LOCK = 0x74696469_6e6773L;

    private static final Map<String, String> BINDINGS = Map.of(
            ContentTopics.ARTICLES, "articles-out",
            ContentTopics.TOPICS, "topics-out");

    private final JdbcClient jdbc;

    private final TransactionTemplate transactions;

    private final StreamBridge streamBridge;

    private final ContentProperties properties;

    private final Clock clock;

    private final MeterRegistry meters;

    OutboxRelay(JdbcClient jdbc, TransactionTemplate transactions, StreamBridge streamBridge,
            ContentProperties properties, Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.streamBridge = streamBridge;
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
        Gauge.builder("tidings.outbox.lag", this, OutboxRelay::unpublished)
                .description("Outbox rows not yet sent to Kafka")
                .register(meters);
    }

    /** Sends everything pending, batch after batch, until the outbox is empty or a send fails. */
    public void relayPending() {
        try {
            int batchSize = properties.outbox().batchSize();
            Integer sent;
            do {
                sent = transactions.execute(status -> relayBatch(batchSize));
            }
            while (sent != null && sent == batchSize);
        }
        catch (RuntimeException ex) {
            // Typically the database is away; the rows stay and the poller tries again.
            log.warn("Outbox relay run failed, will retry on the next poll: {}", ex.toString());
        }
    }

    /** Rows not yet sent. */
    public long unpublished() {
        return jdbc.sql("SELECT count(*) FROM outbox_events WHERE published_at IS NULL").query(Long.class).single();
    }

    private int relayBatch(int batchSize) {
        Boolean locked = jdbc.sql("SELECT pg_try_advisory_xact_lock(:key)").param("key", RELAY_LOCK)
                .query(Boolean.class).single();
        if (!Boolean.TRUE.equals(locked)) {
            return 0;
        }
        List<OutboxRow> rows = jdbc.sql("""
                SELECT id, destination, message_key, event_type, subject, payload, created_at
                FROM outbox_events
                WHERE published_at IS NULL
                ORDER BY sequence
                LIMIT :limit
                FOR UPDATE SKIP LOCKED
                """)
                .param("limit", batchSize)
                .query(OutboxRelay::row)
                .list();
        int sent = 0;
        for (OutboxRow row : rows) {
            if (!send(row)) {
                break;
            }
            jdbc.sql("UPDATE outbox_events SET published_at = :now WHERE id = :id")
                    .param("now", OffsetDateTime.now(clock))
                    .param("id", row.id())
                    .update();
            Counter.builder("tidings.outbox.published").tag("destination", row.destination())
                    .description("Outbox events sent to Kafka").register(meters).increment();
            sent++;
        }
        return sent;
    }

    private boolean send(OutboxRow row) {
        String binding = BINDINGS.get(row.destination());
        if (binding == null) {
            log.warn("Outbox event {} names unknown destination {}; it stays unpublished", row.id(), row.destination());
            return false;
        }
        CloudEventHeaders ce = new CloudEventHeaders(row.id().toString(), properties.eventSource(), row.type(),
                row.createdAt(), row.subject());
        Message<byte[]> message = MessageBuilder.withPayload(row.payload().getBytes(StandardCharsets.UTF_8))
                .copyHeaders(ce.toKafkaHeaders())
                // The record key, partitioned by Kafka's own partitioner (not the binder's partitionKeyExpression).
                .setHeader(KafkaHeaders.KEY, row.key().getBytes(StandardCharsets.UTF_8))
                .build();
        try {
            if (streamBridge.send(binding, message)) {
                return true;
            }
            log.warn("Kafka did not accept outbox event {} ({}); it stays for the next run", row.id(), row.type());
        }
        catch (RuntimeException ex) {
            log.warn("Sending outbox event {} ({}) failed; it stays for the next run: {}", row.id(), row.type(),
                    NestedExceptionUtils.getMostSpecificCause(ex).toString());
        }
        return false;
    }

    private static OutboxRow row(ResultSet rs, int rowNum) throws SQLException {
        return new OutboxRow(rs.getObject("id", UUID.class), rs.getString("destination"),
                rs.getString("message_key"), rs.getString("event_type"), rs.getString("subject"),
                rs.getString("payload"), rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }

    private record OutboxRow(UUID id, String destination, String key, String type, String subject, String payload,
            Instant createdAt) {
    }
}
