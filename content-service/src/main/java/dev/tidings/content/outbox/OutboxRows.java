package dev.tidings.content.outbox;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The outbox table as the relay and the admins' parked-event API use it. A row is pending (not
 * published, not parked), published, or parked; a pending row waits while an earlier row of its
 * stream (same destination and key) is parked, so that it never overtakes it.
 */
@Component
class OutboxRows {

    private static final String PARKED_VIEW = """
            SELECT o.id, o.sequence, o.destination, o.message_key, o.event_type, o.subject, o.created_at,
                   o.attempts, o.last_error, o.parked_at, octet_length(o.payload) AS payload_bytes,
                   (SELECT count(*) FROM outbox_events w
                    WHERE w.published_at IS NULL AND w.destination = o.destination
                      AND w.message_key = o.message_key AND w.sequence > o.sequence) AS waiting_behind,
                   %s AS payload
            FROM outbox_events o
            WHERE o.parked_at IS NOT NULL
            """;

    private final JdbcClient jdbc;

    OutboxRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Locks and returns up to {@code limit} pending rows in sequence order, leaving out those behind a
     * parked row of their stream. Call inside the transaction that holds the relay lock.
     */
    List<OutboxRow> claimPending(int limit) {
        return jdbc.sql("""
                SELECT id, destination, message_key, event_type, subject, payload, created_at, trace_parent
                FROM outbox_events o
                WHERE published_at IS NULL AND parked_at IS NULL
                  AND NOT EXISTS (SELECT 1 FROM outbox_events p
                                  WHERE p.parked_at IS NOT NULL AND p.destination = o.destination
                                    AND p.message_key = o.message_key AND p.sequence < o.sequence)
                ORDER BY sequence
                LIMIT :limit
                FOR UPDATE SKIP LOCKED
                """)
                .param("limit", limit)
                .query(OutboxRows::row)
                .list();
    }

    void markPublished(UUID id, Instant now) {
        jdbc.sql("UPDATE outbox_events SET published_at = :now WHERE id = :id")
                .param("now", now.atOffset(ZoneOffset.UTC))
                .param("id", id)
                .update();
    }

    /**
     * Counts a send Kafka refused and parks the row once it reached {@code maxAttempts}.
     *
     * @return the attempts so far, and whether the row is now parked
     */
    Refusal recordRefusal(UUID id, String error, int maxAttempts, Instant now) {
        return jdbc.sql("""
                UPDATE outbox_events
                SET attempts = attempts + 1, last_error = :error,
                    parked_at = CASE WHEN attempts + 1 >= :maxAttempts THEN :now END
                WHERE id = :id
                RETURNING attempts, parked_at IS NOT NULL AS parked
                """)
                .param("id", id)
                .param("error", error)
                .param("maxAttempts", maxAttempts)
                .param("now", now.atOffset(ZoneOffset.UTC))
                .query((rs, rowNum) -> new Refusal(rs.getInt("attempts"), rs.getBoolean("parked")))
                .single();
    }

    /** Rows waiting to be sent, parked ones not included. */
    long pendingCount() {
        return jdbc.sql("SELECT count(*) FROM outbox_events WHERE published_at IS NULL AND parked_at IS NULL")
                .query(Long.class).single();
    }

    /** When the oldest row waiting to be sent was written, parked ones not included. */
    Optional<Instant> oldestPending() {
        return jdbc.sql("SELECT min(created_at) FROM outbox_events WHERE published_at IS NULL AND parked_at IS NULL")
                .query((rs, rowNum) -> Optional.ofNullable(rs.getObject(1, OffsetDateTime.class))
                        .map(OffsetDateTime::toInstant))
                .single();
    }

    long parkedCount() {
        return jdbc.sql("SELECT count(*) FROM outbox_events WHERE parked_at IS NOT NULL").query(Long.class).single();
    }

    /** Every parked row, oldest first, without payloads. */
    List<ParkedEvent> parked() {
        return jdbc.sql(PARKED_VIEW.formatted("NULL") + " ORDER BY o.sequence")
                .query(OutboxRows::parkedEvent)
                .list();
    }

    /** One parked row with its payload. */
    Optional<ParkedEvent> parked(UUID id) {
        return jdbc.sql(PARKED_VIEW.formatted("o.payload") + " AND o.id = :id")
                .param("id", id)
                .query(OutboxRows::parkedEvent)
                .optional();
    }

    /** Makes a parked row pending again with a fresh count of attempts; false if it is not parked. */
    boolean unpark(UUID id) {
        return jdbc.sql("""
                UPDATE outbox_events SET parked_at = NULL, attempts = 0
                WHERE id = :id AND parked_at IS NOT NULL
                """)
                .param("id", id)
                .update() == 1;
    }

    /** Deletes a parked row; false if it is not parked. */
    boolean dropParked(UUID id) {
        return jdbc.sql("DELETE FROM outbox_events WHERE id = :id AND parked_at IS NOT NULL")
                .param("id", id)
                .update() == 1;
    }

    /** What a refused send did to its row. */
    record Refusal(int attempts, boolean parked) {
    }

    private static OutboxRow row(ResultSet rs, int rowNum) throws SQLException {
        return new OutboxRow(rs.getObject("id", UUID.class), rs.getString("destination"),
                rs.getString("message_key"), rs.getString("event_type"), rs.getString("subject"),
                rs.getString("payload"), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getString("trace_parent"));
    }

    private static ParkedEvent parkedEvent(ResultSet rs, int rowNum) throws SQLException {
        return new ParkedEvent(rs.getObject("id", UUID.class), rs.getLong("sequence"), rs.getString("destination"),
                rs.getString("message_key"), rs.getString("event_type"), rs.getString("subject"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(), rs.getInt("attempts"),
                rs.getString("last_error"), rs.getObject("parked_at", OffsetDateTime.class).toInstant(),
                rs.getInt("payload_bytes"), rs.getLong("waiting_behind"), rs.getString("payload"));
    }
}
