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

/** Subscribers, their topic subscriptions and their link tokens (stored as hashes). */
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

    /** Someone who left asks again: they start over and must confirm again. */
    void restart(UUID id) {
        jdbc.sql("UPDATE subscribers SET unsubscribed_at = NULL, confirmed_at = NULL WHERE id = :id")
                .param("id", id)
                .update();
    }

    /** Adds the topics not yet subscribed (unconfirmed); returns how many were new. */
    int addTopics(UUID id, Collection<String> topics, Instant now) {
        return jdbc.sql("""
                INSERT INTO subscriptions (subscriber_id, topic_slug, requested_at)
                SELECT CAST(:id AS uuid), slug, CAST(:now AS timestamptz) FROM unnest(CAST(:topics AS text[])) AS slug
                ON CONFLICT (subscriber_id, topic_slug) DO NOTHING
                """)
                .param("id", id)
                .param("now", Timestamp.from(now))
                .param("topics", topics.toArray(String[]::new))
                .update();
    }

    boolean hasUnconfirmedTopics(UUID id) {
        return jdbc.sql("SELECT count(*) FROM subscriptions WHERE subscriber_id = :id AND confirmed_at IS NULL")
                .param("id", id)
                .query(Long.class)
                .single() > 0;
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
        String[] slugs = topics.toArray(String[]::new);
        jdbc.sql("DELETE FROM subscriptions WHERE subscriber_id = :id AND NOT (topic_slug = ANY(:topics))")
                .param("id", id)
                .param("topics", slugs)
                .update();
        jdbc.sql("""
                INSERT INTO subscriptions (subscriber_id, topic_slug, requested_at, confirmed_at)
                SELECT CAST(:id AS uuid), slug, CAST(:now AS timestamptz), CAST(:now AS timestamptz)
                FROM unnest(CAST(:topics AS text[])) AS slug
                ON CONFLICT (subscriber_id, topic_slug)
                    DO UPDATE SET confirmed_at = COALESCE(subscriptions.confirmed_at, EXCLUDED.confirmed_at)
                """)
                .param("id", id)
                .param("now", Timestamp.from(now))
                .param("topics", slugs)
                .update();
        markMailboxVerified(id, now);
    }

    /** The subscriber's mailbox is verified: they and every topic they asked for are now active. */
    void confirm(UUID id, Instant now) {
        markMailboxVerified(id, now);
        jdbc.sql("UPDATE subscriptions SET confirmed_at = :now WHERE subscriber_id = :id AND confirmed_at IS NULL")
                .param("now", Timestamp.from(now))
                .param("id", id)
                .update();
    }

    private void markMailboxVerified(UUID id, Instant now) {
        jdbc.sql("UPDATE subscribers SET confirmed_at = COALESCE(confirmed_at, :now) WHERE id = :id")
                .param("now", Timestamp.from(now))
                .param("id", id)
                .update();
    }

    /** Leaves everything: no topic remains and no outstanding confirmation link works any more. */
    void unsubscribe(UUID id, Instant now) {
        jdbc.sql("UPDATE subscribers SET unsubscribed_at = COALESCE(unsubscribed_at, :now) WHERE id = :id")
                .param("now", Timestamp.from(now))
                .param("id", id)
                .update();
        jdbc.sql("DELETE FROM subscriptions WHERE subscriber_id = :id").param("id", id).update();
        jdbc.sql("UPDATE confirmation_tokens SET used_at = :now WHERE subscriber_id = :id AND used_at IS NULL")
                .param("now", Timestamp.from(now))
                .param("id", id)
                .update();
    }

    void storeConfirmationToken(UUID id, byte[] tokenHash, Instant expiresAt) {
        jdbc.sql("""
                INSERT INTO confirmation_tokens (token_hash, subscriber_id, expires_at) VALUES (:hash, :id, :expires)
                """)
                .param("hash", tokenHash)
                .param("id", id)
                .param("expires", Timestamp.from(expiresAt))
                .update();
    }

    /** The confirmation token with this hash, locked, if it exists. */
    Optional<ConfirmationToken> lockConfirmationToken(byte[] tokenHash) {
        return jdbc.sql("""
                SELECT subscriber_id, expires_at, used_at FROM confirmation_tokens WHERE token_hash = :hash FOR UPDATE
                """)
                .param("hash", tokenHash)
                .query((rs, row) -> new ConfirmationToken(rs.getObject("subscriber_id", UUID.class),
                        instant(rs, "expires_at"), instant(rs, "used_at")))
                .optional();
    }

    void markConfirmationTokenUsed(byte[] tokenHash, Instant now) {
        jdbc.sql("UPDATE confirmation_tokens SET used_at = :now WHERE token_hash = :hash")
                .param("now", Timestamp.from(now))
                .param("hash", tokenHash)
                .update();
    }

    void storeUnsubscribeToken(UUID id, byte[] tokenHash, Instant now) {
        jdbc.sql("INSERT INTO unsubscribe_tokens (token_hash, subscriber_id, created_at) VALUES (:hash, :id, :now)")
                .param("hash", tokenHash)
                .param("id", id)
                .param("now", Timestamp.from(now))
                .update();
    }

    Optional<UUID> subscriberOfUnsubscribeToken(byte[] tokenHash) {
        return jdbc.sql("SELECT subscriber_id FROM unsubscribe_tokens WHERE token_hash = :hash")
                .param("hash", tokenHash)
                .query(UUID.class)
                .optional();
    }

    private static Subscriber subscriber(ResultSet rs, int row) throws SQLException {
        return new Subscriber(rs.getObject("id", UUID.class), rs.getString("email"), instant(rs, "confirmed_at"),
                instant(rs, "unsubscribed_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    /** A stored confirmation token. */
    record ConfirmationToken(UUID subscriberId, Instant expiresAt, Instant usedAt) {
    }
}
