package dev.tidings.content.outbox;

import dev.tidings.content.ContentProperties;
import dev.tidings.events.CloudEventHeaders;
import dev.tidings.events.ContentTopics;
import dev.tidings.events.tracing.TraceParents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.ReceiverContext;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
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
 * Sends pending outbox rows to Kafka in sequence order and marks them published.
 *
 * <p>One relay at a time across all instances: each run holds a PostgreSQL advisory lock for its
 * transaction, which keeps the per-article order of events; a run that does not get the lock
 * returns at once (the holder sends the rows). Sends are synchronous, so a row is marked only
 * after the broker acknowledged it (at least once: a crash between ack and commit sends it
 * again, with the same {@code ce_id}).
 *
 * <p>Two kinds of failed send (ADR 0016). A broker that is away or busy stops the run: nothing
 * overtakes the failed row, and the next run tries again. A record Kafka refuses (too large,
 * unknown destination) holds back only the later rows of its own article or topic for the rest of
 * the run, costs the row an attempt, and after {@code outbox.max-attempts} parks it for an admin
 * ({@code /api/admin/outbox/parked}); the rest of the outbox flows on.
 *
 * <p>Each send is a span in the trace of the request that wrote the row (its stored
 * {@code traceparent}, ADR 0024), and the record carries that trace on to the consumers.
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

    private final OutboxRows rows;

    private final TransactionTemplate transactions;

    private final StreamBridge streamBridge;

    private final EventTopics topics;

    private final ContentProperties properties;

    private final Clock clock;

    private final MeterRegistry meters;

    private final ObservationRegistry observations;

    OutboxRelay(JdbcClient jdbc, OutboxRows rows, TransactionTemplate transactions, StreamBridge streamBridge,
            EventTopics topics, ContentProperties properties, Clock clock, MeterRegistry meters,
            ObservationRegistry observations) {
        this.jdbc = jdbc;
        this.rows = rows;
        this.transactions = transactions;
        this.streamBridge = streamBridge;
        this.topics = topics;
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
        this.observations = observations;
        Gauge.builder("tidings.outbox.lag", rows, OutboxRows::pendingCount)
                .description("Outbox rows waiting to be sent to Kafka, parked rows not included")
                .register(meters);
        Gauge.builder("tidings.outbox.parked", rows, OutboxRows::parkedCount)
                .description("Outbox rows Kafka refused too often, waiting for an admin to retry or drop them")
                .register(meters);
        TimeGauge.builder("tidings.outbox.oldest.age", this, TimeUnit.SECONDS, OutboxRelay::oldestPendingSeconds)
                .description("How long the oldest outbox row waiting to be sent has waited, 0 when none waits")
                .register(meters);
    }

    /** Sends everything pending, batch after batch, until the outbox is empty or the broker fails. */
    public void relayPending() {
        if (!topics.provisioned()) {
            return;
        }
        try {
            int batchSize = properties.outbox().batchSize();
            // Streams with a refused row in this run: each row is tried at most once per run.
            Set<String> held = new HashSet<>();
            Batch batch;
            do {
                batch = transactions.execute(status -> relayBatch(batchSize, held));
            }
            while (batch != null && batch.claimed() == batchSize && batch.sent() > 0 && !batch.brokerFailed());
        }
        catch (RuntimeException ex) {
            // Typically the database is away; the rows stay and the poller tries again.
            log.warn("Outbox relay run failed, will retry on the next poll: {}", ex.toString());
        }
    }

    private Batch relayBatch(int batchSize, Set<String> held) {
        Boolean locked = jdbc.sql("SELECT pg_try_advisory_xact_lock(:key)").param("key", RELAY_LOCK)
                .query(Boolean.class).single();
        if (!Boolean.TRUE.equals(locked)) {
            return new Batch(0, 0, false);
        }
        List<OutboxRow> claimed = rows.claimPending(batchSize);
        int sent = 0;
        for (OutboxRow row : claimed) {
            if (held.contains(row.stream())) {
                continue;
            }
            String refusal;
            try {
                refusal = send(row);
            }
            catch (BrokerUnavailable ex) {
                return new Batch(claimed.size(), sent, true);
            }
            if (refusal == null) {
                rows.markPublished(row.id(), clock.instant());
                Counter.builder("tidings.outbox.published").tag("destination", row.destination())
                        .description("Outbox events sent to Kafka").register(meters).increment();
                sent++;
            }
            else {
                held.add(row.stream());
                refused(row, refusal);
            }
        }
        return new Batch(claimed.size(), sent, false);
    }

    /**
     * Sends one row.
     *
     * @return null once the broker acknowledged it, else why Kafka refuses this record
     * @throws BrokerUnavailable if the send failed for a reason other than the record itself
     */
    private String send(OutboxRow row) {
        String binding = BINDINGS.get(row.destination());
        if (binding == null) {
            return "unknown destination " + row.destination();
        }
        CloudEventHeaders ce = new CloudEventHeaders(row.id().toString(), properties.eventSource(), row.type(),
                row.createdAt(), row.subject());
        Message<byte[]> message = MessageBuilder.withPayload(row.payload().getBytes(StandardCharsets.UTF_8))
                .copyHeaders(ce.toKafkaHeaders())
                // The record key, partitioned by Kafka's own partitioner (not the binder's partitionKeyExpression).
                .setHeader(KafkaHeaders.KEY, row.key().getBytes(StandardCharsets.UTF_8))
                .build();
        try {
            if (observed(row, () -> streamBridge.send(binding, message))) {
                return null;
            }
            log.warn("Kafka did not accept outbox event {} ({}); it stays for the next run", row.id(), row.type());
        }
        catch (RuntimeException ex) {
            String cause = NestedExceptionUtils.getMostSpecificCause(ex).toString();
            if (SendFailures.refusesTheRecord(ex)) {
                return cause;
            }
            log.warn("Sending outbox event {} ({}) failed; it and every later event wait for the next run: {}",
                    row.id(), row.type(), cause);
        }
        throw new BrokerUnavailable();
    }

    /**
     * Runs the send as a span whose parent is the span that wrote the row: the trace goes on from the
     * editor's request, not from whichever poll or commit started this run. Spring Kafka's producer span
     * and the record's {@code traceparent} header are its children.
     */
    private boolean observed(OutboxRow row, Supplier<Boolean> send) {
        ReceiverContext<OutboxRow> context = new ReceiverContext<>(
                (carrier, key) -> TraceParents.HEADER.equals(key) ? carrier.traceParent() : null);
        context.setCarrier(row);
        return Observation.createNotStarted("tidings.outbox.send", () -> context, observations)
                .contextualName("outbox send " + row.type())
                .lowCardinalityKeyValue("destination", row.destination())
                .highCardinalityKeyValue("tidings.event.id", row.id().toString())
                .highCardinalityKeyValue("tidings.event.subject", row.subject())
                .observe(send);
    }

    private double oldestPendingSeconds() {
        return rows.oldestPending()
                .map(created -> Math.max(0, Duration.between(created, clock.instant()).toMillis() / 1000.0))
                .orElse(0.0);
    }

    private void refused(OutboxRow row, String reason) {
        int maxAttempts = properties.outbox().maxAttempts();
        OutboxRows.Refusal refusal = rows.recordRefusal(row.id(), reason, maxAttempts, clock.instant());
        Counter.builder("tidings.outbox.refused").tag("destination", row.destination())
                .description("Sends of outbox events Kafka refused for the record itself").register(meters)
                .increment();
        if (refusal.parked()) {
            log.error("Parked outbox event {} ({} of {} on {}) after {} refused sends: {}. Later events with key {} "
                    + "wait until an admin retries or drops it (/api/admin/outbox/parked)", row.id(), row.type(),
                    row.subject(), row.destination(), refusal.attempts(), reason, row.key());
        }
        else {
            log.warn("Kafka refused outbox event {} ({} of {}), attempt {} of {}: {}. Later events with key {} "
                    + "wait; the others go on", row.id(), row.type(), row.subject(), refusal.attempts(), maxAttempts,
                    reason, row.key());
        }
    }

    /** What one transaction of the relay did. */
    private record Batch(int claimed, int sent, boolean brokerFailed) {
    }

    /** A send failed for a reason other than the record itself: the broker is away, busy or unreachable. */
    private static final class BrokerUnavailable extends RuntimeException {

        BrokerUnavailable() {
            super(null, null, false, false);
        }
    }
}
