package dev.tidings.notifier.subscription;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Subscribers and their topic subscriptions. */
@Repository
class Subscribers {

    private final JdbcClient jdbc;

    Subscribers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The subscriber with {@code email}, created if new, locked for the rest of the transaction. */
    Subscriber lockOrCreate(EmailAddress email, Instant now) {
        jdbc.sql("""
                INSERT INTO subscribers (id, email, created_at) VALUES (:id, :email, :now)
                ON CONFLICT (email) DO NOTHING
                """)
                .param("id", UUID.randomUUID())
                .param("email", email.value())
                .param("now", Timestamp.from(now))
                .update();
        return jdbc.sql("""
                SELECT id, email, confirmed_at, unsubscribed_at FROM subscribers WHERE email = :email FOR UPDATE
                """)
                .param("email", email.value())
                .query(Subscribers::subscriber)
                .single();
    }

    Optional<Subscriber> find(UUID id) {
        return jdbc.sql("SELECT id, email, confirmed_at, unsubscribed_at FROM subscribers WHERE id = :id")
                .param("id", id)
                .query(Subscribers::subscriber)
                .optional();
    }

    Optional<Subscriber> lock(UUID id) {
        return jdbc.sql("SELECT id, email, confirmed_at, unsubscribed_at FROM subscribers WHERE id = :id FOR UPDATE")
                .param("id", id)
                .query(Subscribers::subscriber)
                .optional();
    }

    /** Someone who left confirmed a new request through their mailbox: they receive mail again. */
    void resume(UUID id) {
        jdbc.sql("UPDATE subscribers SET unsubscribed_at = NULL WHERE id = :id").param("id", id).update();
    }

    /** Whether {@code email} is subscribed, and receives every one of {@code topics} already. */
    boolean receivesAll(String email, Collection<String> topics) {
        String[] slugs = topics.stream().distinct().toArray(String[]::new);
        return jdbc.sql("""
                SELECT count(*) FROM subscribers s JOIN subscriptions sub ON sub.subscriber_id = s.id
                WHERE s.email = :email AND s.unsubscribed_at IS NULL AND s.confirmed_at IS NOT NULL
                  AND sub.confirmed_at IS NOT NULL AND sub.topic_slug = ANY(:topics)
                """)
                .param("email", email)
                .param("topics", slugs)
                .query(Long.class)
                .single() == slugs.length;
    }

    String frequencyOf(UUID id) {
        return jdbc.sql("SELECT frequency FROM subscribers WHERE id = :id").param("id", id).query(String.class)
                .single();
    }

    void setFrequency(UUID id, String frequency) {
        jdbc.sql("UPDATE subscribers SET frequency = :frequency WHERE id = :id")
                .param("frequency", frequency)
                .param("id", id)
                .update();
    }

    /** The topics the subscriber receives. */
    List<String> confirmedTopics(UUID id) {
        return jdbc.sql("""
                SELECT topic_slug FROM subscriptions WHERE subscriber_id = :id AND confirmed_at IS NOT NULL
                ORDER BY topic_slug
                """)
                .param("id", id)
                .query(String.class)
                .list();
    }

    /**
     * Makes {@code topics} exactly the subscriber's confirmed topics; only for callers that proved
     * they own the mailbox (a token from an email).
     */
    void replaceTopics(UUID id, Collection<String> topics, Instant now) {
        jdbc.sql("DELETE FROM subscriptions WHERE subscriber_id = :id AND NOT (topic_slug = ANY(:topics))")
                .param("id", id)
                .param("topics", topics.toArray(String[]::new))
                .update();
        confirmTopics(id, topics, now);
    }

    /** A confirmation link was used: the mailbox is verified and {@code topics} are added, active at once. */
    void confirmTopics(UUID id, Collection<String> topics, Instant now) {
        jdbc.sql("""
                INSERT INTO subscriptions (subscriber_id, topic_slug, requested_at, confirmed_at)
                SELECT CAST(:id AS uuid), slug, CAST(:now AS timestamptz), CAST(:now AS timestamptz)
                FROM unnest(CAST(:topics AS text[])) AS slug
                ON CONFLICT (subscriber_id, topic_slug)
                    DO UPDATE SET confirmed_at = COALESCE(subscriptions.confirmed_at, EXCLUDED.confirmed_at)
                """)
                .param("id", id)
                .param("now", Timestamp.from(now))
                .param("topics", topics.toArray(String[]::new))
                .update();
        markMailboxVerified(id, now);
    }

    private void markMailboxVerified(UUID id, Instant now) {
        jdbc.sql("UPDATE subscribers SET confirmed_at = COALESCE(confirmed_at, :now) WHERE id = :id")
                .param("now", Timestamp.from(now))
                .param("id", id)
                .update();
    }

    /** Leaves everything: no topic remains. */
    void unsubscribe(UUID id, Instant now) {
        jdbc.sql("UPDATE subscribers SET unsubscribed_at = COALESCE(unsubscribed_at, :now) WHERE id = :id")
                .param("now", Timestamp.from(now))
                .param("id", id)
                .update();
        jdbc.sql("DELETE FROM subscriptions WHERE subscriber_id = :id").param("id", id).update();
    }

    private static Subscriber subscriber(ResultSet rs, int row) throws SQLException {
        return new Subscriber(rs.getObject("id", UUID.class), rs.getString("email"), instant(rs, "confirmed_at"),
                instant(rs, "unsubscribed_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
