package dev.tidings.content.outbox;

import java.time.Instant;
import java.util.UUID;

/**
 * An outbox row the relay is about to send: one event, its Kafka destination and record key.
 *
 * @param traceParent the W3C {@code traceparent} of the span that wrote the row, null if none
 */
record OutboxRow(UUID id, String destination, String key, String type, String subject, String payload,
        Instant createdAt, String traceParent) {

    /** Rows with the same stream must reach Kafka in sequence order: one article's or one topic's events. */
    String stream() {
        return destination + "\u0000" + key;
    }
}
