package dev.tidings.notifier.subscription;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The confirmation queue: every subscribe request as a row, QUEUED until the sender mails it (SENT),
 * finds a newer request of the same address waiting (SUPERSEDED), finds nothing to confirm
 * (SKIPPED) or gives up (FAILED); CONFIRMED once its link was used, CANCELLED by an unsubscribe.
 */
@Repository
class ConfirmationRequests {

    private static final String COLUMNS = "id, email, topics, requested_at, status, attempts";

    private final JdbcClient jdbc;

    ConfirmationRequests(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void queue(UUID id, EmailAddress email, Collection<String> topics, Instant now) {
        jdbc.sql("""
                INSERT INTO confirmation_requests (id, email, topics, requested_at, status, send_after)
                VALUES (:id, :email, :topics, :now, 'QUEUED', :now)
                """)
                .param("id", id)
                .param("email", email.value())
                .param("topics", topics.toArray(String[]::new))
                .param("now", Timestamp.from(now))
                .update();
    }

    /**
     * Locks up to {@code limit} due rows for the calling transaction, skipping rows another
     * instance holds. Must run inside a transaction.
     */
    List<ConfirmationRequest> claimDue(Instant now, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + """
                 FROM confirmation_requests
                WHERE status = 'QUEUED' AND send_after <= :now
                ORDER BY send_after, requested_at, id
                LIMIT :limit
                FOR UPDATE SKIP LOCKED
                """)
                .param("now", Timestamp.from(now))
                .param("limit", limit)
                .query(ConfirmationRequests::request)
                .list();
    }

    /**
     * Makes the calling transaction the only one deciding about mail to {@code email} until it
     * ends; false if another transaction (maybe on another instance) is deciding right now.
     */
    boolean tryLockAddress(String email) {
        return Boolean.TRUE.equals(jdbc.sql("SELECT pg_try_advisory_xact_lock(hashtext('confirmation:' || :email))")
                .param("email", email)
                .query(Boolean.class)
                .single());
    }

    boolean newerRequestWaits(ConfirmationRequest request) {
        return jdbc.sql("""
                SELECT EXISTS (SELECT 1 FROM confirmation_requests
                               WHERE email = :email AND status = 'QUEUED' AND (requested_at, id) > (:at, :id))
                """)
                .param("email", request.email())
                .param("at", Timestamp.from(request.requestedAt()))
                .param("id", request.id())
                .query(Boolean.class)
                .single();
    }

    /** When the last confirmation email went to {@code email}, if ever. */
    Optional<Instant> lastSentTo(String email) {
        return jdbc.sql("SELECT max(sent_at) AS last_sent FROM confirmation_requests WHERE email = :email")
                .param("email", email)
                .query((rs, row) -> Optional.ofNullable(instant(rs, "last_sent")))
                .single();
    }

    void markSent(UUID id, Instant at) {
        jdbc.sql("""
                UPDATE confirmation_requests SET status = 'SENT', sent_at = :at, attempts = attempts + 1,
                       last_error = NULL
                WHERE id = :id
                """)
                .param("at", Timestamp.from(at))
                .param("id", id)
                .update();
    }

    void markSettled(UUID id, String status) {
        jdbc.sql("UPDATE confirmation_requests SET status = :status WHERE id = :id")
                .param("status", status)
                .param("id", id)
                .update();
    }

    void postpone(UUID id, Instant until) {
        jdbc.sql("UPDATE confirmation_requests SET send_after = :until WHERE id = :id")
                .param("until", Timestamp.from(until))
                .param("id", id)
                .update();
    }

    void markRetry(UUID id, Instant next, String error) {
        jdbc.sql("""
                UPDATE confirmation_requests SET attempts = attempts + 1, send_after = :next, last_error = :error
                WHERE id = :id
                """)
                .param("next", Timestamp.from(next))
                .param("error", error)
                .param("id", id)
                .update();
    }

    void markFailed(UUID id, String error) {
        jdbc.sql("""
                UPDATE confirmation_requests SET status = 'FAILED', attempts = attempts + 1, last_error = :error
                WHERE id = :id
                """)
                .param("error", error)
                .param("id", id)
                .update();
    }

    /** The request, locked for the rest of the transaction, if it exists. */
    Optional<ConfirmationRequest> lock(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM confirmation_requests WHERE id = :id FOR UPDATE")
                .param("id", id)
                .query(ConfirmationRequests::request)
                .optional();
    }

    void markConfirmed(UUID id, Instant at) {
        jdbc.sql("UPDATE confirmation_requests SET status = 'CONFIRMED', confirmed_at = :at WHERE id = :id")
                .param("at", Timestamp.from(at))
                .param("id", id)
                .update();
    }

    /** After an unsubscribe no earlier request of the address may still be mailed or confirmed. */
    void cancelOutstanding(String email) {
        jdbc.sql("""
                UPDATE confirmation_requests SET status = 'CANCELLED'
                WHERE email = :email AND status NOT IN ('CONFIRMED', 'CANCELLED')
                """)
                .param("email", email)
                .update();
    }

    /** Forgets requests made before {@code cutoff}, whatever became of them; returns how many. */
    int deleteRequestedBefore(Instant cutoff) {
        return jdbc.sql("DELETE FROM confirmation_requests WHERE requested_at < :cutoff")
                .param("cutoff", Timestamp.from(cutoff))
                .update();
    }

    private static ConfirmationRequest request(ResultSet rs, int row) throws SQLException {
        Array topics = rs.getArray("topics");
        return new ConfirmationRequest(rs.getObject("id", UUID.class), rs.getString("email"),
                Arrays.asList((String[]) topics.getArray()), instant(rs, "requested_at"), rs.getString("status"),
                rs.getInt("attempts"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
