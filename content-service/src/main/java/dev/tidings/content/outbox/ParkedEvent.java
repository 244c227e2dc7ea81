package dev.tidings.content.outbox;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;

/**
 * An outbox row the relay gave up on, as admins see it.
 *
 * @param key the Kafka record key: the article id or topic slug whose later events wait behind this one
 * @param attempts sends Kafka refused
 * @param lastError why Kafka refused the last one
 * @param payloadBytes size of the event's JSON
 * @param waitingBehind later events of the same article or topic held back until this one is retried or dropped
 * @param payload the event's JSON, only when one parked event is asked for
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ParkedEvent(UUID id, long sequence, String destination, String key, String type, String subject,
        Instant createdAt, int attempts, String lastError, Instant parkedAt, int payloadBytes, long waitingBehind,
        String payload) {
}
