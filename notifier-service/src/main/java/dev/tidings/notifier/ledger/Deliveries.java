package dev.tidings.notifier.delivery;

import dev.tidings.notifier.NotifierProperties;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The delivery ledger: one row per (subscriber, article, kind), enforced by a unique key, so that a
 * redelivered or replayed event can never queue a second email.
 *
 * <p>Status goes PENDING -> SENT | FAILED | CANCELLED; only PENDING rows are ever sent, and only
 * PENDING rows are cancelled, so a sent email is never reported as cancelled.
 */
@Repository
public class Deliveries {

    /** The kind of a per-article email, as opposed to a digest. */
    public static final String INSTANT = "instant";

    /** The kinds of digests: several articles in one email. */
    public static final Set<String> DIGESTS = Set.of("daily", "weekly");

    private final JdbcClient jdbc;

    private final Clock clock;

    private final NotifierProperties properties;

    private final ApplicationEventPublisher events;

    private final DigestSchedule digests;

    Deliveries(JdbcClient jdbc, Clock clock, NotifierProperties properties, ApplicationEventPublisher events,
            DigestSchedule digests) {
        this.jdbc = jdbc;
        this.digests = digests;
        this.clock = clock;
        this.properties = properties;
        this.events = events;
    }

    /**
     * Queues the article for every confirmed, subscribed person following one of {@code topics}: an
     * instant email, or a place in their next daily or weekly digest (the ledger kind is their
     * frequency). Must run in the transaction that stored the article. Returns how many were new.
     */
    public int queueArticle(UUID articleId, Collection<String> topics) {
        Instant now = clock.instant();
        Instant dueAt = now.plus(properties.sendDelay());
        int queued = jdbc.sql("""
                INSERT INTO deliveries (subscriber_id, article_id, kind, status, attempts, next_attempt_at, created_at)
                SELECT DISTINCT s.id, CAST(:articleId AS uuid), s.frequency, 'PENDING', 0,
                       CASE s.frequency WHEN 'daily' THEN CAST(:dailyAt AS timestamptz)
                                        WHEN 'weekly' THEN CAST(:weeklyAt AS timestamptz)
                                        ELSE CAST(:dueAt AS timestamptz) END,
                       CAST(:now AS timestamptz)
                FROM subscribers s JOIN subscriptions sub ON sub.subscriber_id = s.id
                WHERE s.confirmed_at IS NOT NULL AND s.unsubscribed_at IS NULL
                  AND sub.confirmed_at IS NOT NULL AND sub.topic_slug = ANY(:topics)
                ON CONFLICT (subscriber_id, article_id, kind) DO NOTHING
                """)
                .param("articleId", articleId)
                .param("dueAt", Timestamp.from(dueAt))
                .param("dailyAt", Timestamp.from(digests.nextDaily(now)))
                .param("weeklyAt", Timestamp.from(digests.nextWeekly(now)))
                .param("now", Timestamp.from(now))
                .param("topics", topics.toArray(String[]::new))
                .update();
        if (queued > 0) {
            events.publishEvent(new DeliveriesQueued(dueAt));
        }
        return queued;
    }

    /** Cancels every email of the article not yet sent. */
    public int cancelPendingOfArticle(UUID articleId) {
        return jdbc.sql("""
                UPDATE deliveries SET status = 'CANCELLED', last_error = 'article retracted'
                WHERE article_id = :articleId AND status = 'PENDING'
                """)
                .param("articleId", articleId)
                .update();
    }

    /** Cancels every email to the subscriber not yet sent. */
    public int cancelPendingOfSubscriber(UUID subscriberId) {
        return jdbc.sql("""
                UPDATE deliveries SET status = 'CANCELLED', last_error = 'unsubscribed'
                WHERE subscriber_id = :subscriberId AND status = 'PENDING'
                """)
                .param("subscriberId", subscriberId)
                .update();
    }

    /**
     * Locks up to {@code limit} due rows for the calling transaction; rows another instance holds are
     * skipped. Must run inside a transaction: under auto-commit the lock would end with the SELECT.
     */
    List<DueDelivery> claimDue(Instant now, int limit) {
        return jdbc.sql("""
                SELECT d.id, d.subscriber_id, s.email, d.kind, d.attempts, a.id AS article_id, a.title, a.summary,
                       a.body_html, a.canonical_url
                FROM deliveries d
                JOIN subscribers s ON s.id = d.subscriber_id
                JOIN articles a ON a.id = d.article_id
                WHERE d.status = 'PENDING' AND d.next_attempt_at <= :now
                  AND a.retracted_at IS NULL AND s.unsubscribed_at IS NULL
                ORDER BY d.next_attempt_at, d.subscriber_id, d.id
                LIMIT :limit
                FOR UPDATE OF d SKIP LOCKED
                """)
                .param("now", Timestamp.from(now))
                .param("limit", limit)
                .query((rs, row) -> new DueDelivery(rs.getLong("id"), rs.getObject("subscriber_id", UUID.class),
                        rs.getString("email"), rs.getString("kind"), rs.getInt("attempts"),
                        rs.getObject("article_id", UUID.class),
                        rs.getString("title"), rs.getString("summary"), rs.getString("body_html"),
                        rs.getString("canonical_url")))
                .list();
    }

    void markSent(long id, Instant at) {
        jdbc.sql("""
                UPDATE deliveries SET status = 'SENT', sent_at = :at, attempts = attempts + 1, last_error = NULL
                WHERE id = :id
                """)
                .param("at", Timestamp.from(at))
                .param("id", id)
                .update();
    }

    void markRetry(long id, Instant nextAttemptAt, String error) {
        jdbc.sql("""
                UPDATE deliveries SET attempts = attempts + 1, next_attempt_at = :next, last_error = :error
                WHERE id = :id
                """)
                .param("next", Timestamp.from(nextAttemptAt))
                .param("error", error)
                .param("id", id)
                .update();
    }

    void markFailed(long id, String error) {
        jdbc.sql("""
                UPDATE deliveries SET status = 'FAILED', attempts = attempts + 1, last_error = :error WHERE id = :id
                """)
                .param("error", error)
                .param("id", id)
                .update();
    }

    /** The ledger rows of one article, by subscriber address. */
    public List<DeliveryView> ofArticle(UUID articleId) {
        return jdbc.sql("""
                SELECT s.email, d.article_id, d.kind, d.status, d.attempts, d.sent_at, d.last_error
                FROM deliveries d JOIN subscribers s ON s.id = d.subscriber_id
                WHERE d.article_id = :articleId
                ORDER BY s.email, d.kind
                """)
                .param("articleId", articleId)
                .query((rs, row) -> new DeliveryView(rs.getString("email"), rs.getObject("article_id", UUID.class),
                        rs.getString("kind"), rs.getString("status"), rs.getInt("attempts"),
                        instant(rs, "sent_at"), rs.getString("last_error")))
                .list();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
