package dev.tidings.notifier.ledger;

import dev.tidings.events.tracing.TraceParents;
import dev.tidings.notifier.NotifierProperties;
import dev.tidings.notifier.digests.DigestSchedule;
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
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The delivery ledger: one row per (subscriber, article, kind), enforced by a unique key, so that a
 * redelivered or replayed event can never queue a second email.
 *
 * <p>Status goes PENDING -> SENT | FAILED | CANCELLED; only PENDING rows are ever claimed and sent.
 * A PENDING row cancelled while a sender had it claimed and sent it anyway ends as SENT: the ledger
 * says what happened.
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

    private final NamedParameterJdbcTemplate namedJdbc;

    private final TransactionOperations transactions;

    private final TraceParents traceParents;

    Deliveries(JdbcClient jdbc, Clock clock, NotifierProperties properties, ApplicationEventPublisher events,
            DigestSchedule digests, NamedParameterJdbcTemplate namedJdbc, TransactionOperations transactions,
            TraceParents traceParents) {
        this.jdbc = jdbc;
        this.traceParents = traceParents;
        this.namedJdbc = namedJdbc;
        this.transactions = transactions;
        this.digests = digests;
        this.clock = clock;
        this.properties = properties;
        this.events = events;
    }

    /**
     * Queues the article for every confirmed, subscribed person following one of {@code topics}: an
     * instant email, or a place in their next daily or weekly digest (the ledger kind is their
     * frequency). Must run in the transaction that stored the article. Returns how many were new.
     * Each row keeps the current trace context, so that its email joins the article's trace (ADR 0024).
     */
    public int queueArticle(UUID articleId, Collection<String> topics) {
        Instant now = clock.instant();
        Instant dueAt = now.plus(properties.sendDelay());
        int queued = jdbc.sql("""
                INSERT INTO deliveries (subscriber_id, article_id, kind, status, attempts, next_attempt_at, created_at,
                                        trace_parent)
                SELECT DISTINCT s.id, CAST(:articleId AS uuid), s.frequency, 'PENDING', 0,
                       CASE s.frequency WHEN 'daily' THEN CAST(:dailyAt AS timestamptz)
                                        WHEN 'weekly' THEN CAST(:weeklyAt AS timestamptz)
                                        ELSE CAST(:dueAt AS timestamptz) END,
                       CAST(:now AS timestamptz), CAST(:traceParent AS text)
                FROM subscribers s JOIN subscriptions sub ON sub.subscriber_id = s.id
                WHERE s.confirmed_at IS NOT NULL AND s.unsubscribed_at IS NULL
                  AND sub.confirmed_at IS NOT NULL AND sub.topic_slug = ANY(:topics)
                  AND NOT EXISTS (SELECT 1 FROM suppressions x
                                  WHERE x.address_hash = sha256(convert_to(lower(s.email), 'UTF8')))
                ON CONFLICT (subscriber_id, article_id, kind) DO NOTHING
                """)
                .param("articleId", articleId)
                .param("dueAt", Timestamp.from(dueAt))
                .param("dailyAt", Timestamp.from(digests.nextDaily(now)))
                .param("weeklyAt", Timestamp.from(digests.nextWeekly(now)))
                .param("now", Timestamp.from(now))
                .param("topics", topics.toArray(String[]::new))
                .param("traceParent", traceParents.ofCurrentSpan())
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

    /** Cancels every email to {@code email} not yet sent, saying why. */
    public int cancelPendingOfAddress(String email, String why) {
        return jdbc.sql("""
                UPDATE deliveries SET status = 'CANCELLED', last_error = :why
                WHERE status = 'PENDING' AND subscriber_id IN (SELECT id FROM subscribers WHERE lower(email) = lower(:email))
                """)
                .param("why", why)
                .param("email", email)
                .update();
    }

    /**
     * Claims up to {@code limit} due rows for {@code claimer} until {@code leaseEnd}, in one statement
     * and without holding any lock afterwards: rows another sender is claiming right now are skipped
     * ({@code SKIP LOCKED}), rows under someone's unexpired lease are not due. A lease that ends
     * because its claimer died makes its rows due again.
     *
     * <p>The planner is told to walk the {@code deliveries_due} index in its order: right after a
     * fan-out was queued its statistics still count the few pending rows of before, and it would sort
     * every pending row (100,000 of them) to claim 50, for every claim.
     */
    public List<ClaimedDelivery> claim(Instant now, int limit, String claimer, Instant leaseEnd) {
        return transactions.execute(status -> {
            jdbc.sql("""
                    SELECT set_config('enable_seqscan', 'off', true), set_config('enable_bitmapscan', 'off', true),
                           set_config('enable_sort', 'off', true)
                    """).query().singleRow();
            return claimInOrder(now, limit, claimer, leaseEnd);
        });
    }

    private List<ClaimedDelivery> claimInOrder(Instant now, int limit, String claimer, Instant leaseEnd) {
        return jdbc.sql("""
                WITH due AS (
                    SELECT d.id FROM deliveries d
                    JOIN subscribers s ON s.id = d.subscriber_id
                    JOIN articles a ON a.id = d.article_id
                    WHERE d.status = 'PENDING' AND d.next_attempt_at <= :now
                      AND (d.claimed_until IS NULL OR d.claimed_until <= :now)
                      AND a.retracted_at IS NULL AND s.unsubscribed_at IS NULL
                      AND NOT EXISTS (SELECT 1 FROM suppressions x
                                      WHERE x.address_hash = sha256(convert_to(lower(s.email), 'UTF8')))
                    ORDER BY d.next_attempt_at, d.subscriber_id, d.id
                    LIMIT :limit
                    FOR UPDATE OF d SKIP LOCKED)
                UPDATE deliveries d SET claimed_by = :claimer, claimed_until = :leaseEnd
                FROM due, subscribers s, articles a
                WHERE d.id = due.id AND s.id = d.subscriber_id AND a.id = d.article_id
                RETURNING d.id, d.subscriber_id, s.email, d.kind, d.attempts, d.article_id, a.version, d.trace_parent
                """)
                .param("now", Timestamp.from(now))
                .param("limit", limit)
                .param("claimer", claimer)
                .param("leaseEnd", Timestamp.from(leaseEnd))
                .query((rs, row) -> new ClaimedDelivery(rs.getLong("id"), rs.getObject("subscriber_id", UUID.class),
                        rs.getString("email"), rs.getString("kind"), rs.getInt("attempts"),
                        rs.getObject("article_id", UUID.class), rs.getLong("version"), rs.getString("trace_parent")))
                .list();
    }

    /**
     * Writes the outcomes of one batch in one short transaction: a few statements, not one per row.
     * Retries, failures and releases only touch rows still under {@code claimer}'s claim, so a sender
     * whose lease ran out cannot undo what the next claimer does; a sent row is recorded whoever holds it.
     */
    public void record(DeliveryOutcomes outcomes, String claimer, Instant now) {
        if (outcomes.onlySent()) {
            // The common case is one statement: no transaction to open and commit around it.
            recordSent(outcomes, now);
            return;
        }
        transactions.executeWithoutResult(status -> {
            recordSent(outcomes, now);
            if (!outcomes.released.isEmpty()) {
                jdbc.sql("""
                        UPDATE deliveries SET claimed_by = NULL, claimed_until = NULL
                        WHERE id = ANY(:ids) AND claimed_by = :claimer
                        """)
                        .param("ids", outcomes.released.toArray(Long[]::new))
                        .param("claimer", claimer)
                        .update();
            }
            batch("""
                    UPDATE deliveries SET attempts = attempts + 1, next_attempt_at = :next, last_error = :error,
                        claimed_by = NULL, claimed_until = NULL
                    WHERE id = :id AND claimed_by = :claimer AND status = 'PENDING'
                    """, outcomes.retries.stream().map(retry -> new MapSqlParameterSource()
                    .addValue("id", retry.id()).addValue("next", Timestamp.from(retry.nextAttemptAt()))
                    .addValue("error", retry.error()).addValue("claimer", claimer)).toList());
            batch("""
                    UPDATE deliveries SET status = 'FAILED', attempts = attempts + 1, last_error = :error,
                        claimed_by = NULL, claimed_until = NULL
                    WHERE id = :id AND claimed_by = :claimer AND status = 'PENDING'
                    """, outcomes.failures.stream().map(failure -> new MapSqlParameterSource()
                    .addValue("id", failure.id()).addValue("error", failure.error())
                    .addValue("claimer", claimer)).toList());
        });
    }

    private void recordSent(DeliveryOutcomes outcomes, Instant now) {
        if (!outcomes.sent.isEmpty()) {
            jdbc.sql("""
                    UPDATE deliveries SET status = 'SENT', sent_at = :at, attempts = attempts + 1,
                        last_error = NULL, claimed_by = NULL, claimed_until = NULL
                    WHERE id = ANY(:ids)
                    """)
                    .param("at", Timestamp.from(now))
                    .param("ids", outcomes.sent.toArray(Long[]::new))
                    .update();
        }
    }

    private void batch(String sql, List<MapSqlParameterSource> rows) {
        if (!rows.isEmpty()) {
            namedJdbc.batchUpdate(sql, rows.toArray(MapSqlParameterSource[]::new));
        }
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
