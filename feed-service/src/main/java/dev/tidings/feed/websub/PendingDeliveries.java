package dev.tidings.feed.websub;

import static dev.tidings.feed.websub.Subscriptions.utc;

import dev.tidings.feed.readmodel.FeedsTouched;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The deliveries waiting to go out: at most one per subscription, whatever the number of changes
 * since its last delivery, because each delivery carries the feed's newest content.
 *
 * <p>Rows are written in the transaction that changes a feed ({@link FeedsTouched}), so a change
 * that commits always has its deliveries, and one that rolls back has none, whichever instance
 * applied it. Workers of every instance claim rows with {@code FOR UPDATE SKIP LOCKED} and a lease
 * ({@code claimed_by}, {@code claimed_until}); the outcome statements touch only rows their claim
 * still holds. A change arriving while a row is claimed moves its {@code generation}: the worker then
 * sees that the content it delivered may be older than that change and makes the row due again.
 */
@Repository
class PendingDeliveries {

    /** A claimed delivery: the {@code generation} it started from and which {@code attempt} this is. */
    record Claim(long subscriptionId, long generation, int attempt, String owner) {
    }

    private final JdbcClient jdbc;

    PendingDeliveries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Queues a delivery for every active subscription of the changed feeds, in the changing
     * transaction; in subscription order, so concurrent changes lock rows in one order.
     */
    @EventListener
    void queue(FeedsTouched touched) {
        jdbc.sql("""
                INSERT INTO websub_deliveries (subscription_id, due_at)
                SELECT id, :now FROM websub_subscriptions
                WHERE change_keys && CAST(:feeds AS text[]) AND expires_at > :now
                ORDER BY id
                ON CONFLICT (subscription_id) DO UPDATE SET generation = websub_deliveries.generation + 1
                """)
                .param("feeds", new SqlParameterValue(Types.ARRAY, touched.feeds().toArray(String[]::new)))
                .param("now", utc(touched.at()))
                .update();
    }

    /** Claims up to {@code limit} due deliveries of active subscriptions for {@code owner} until {@code until}. */
    List<Claim> claim(String owner, int limit, Instant now, Instant until) {
        return jdbc.sql("""
                UPDATE websub_deliveries d
                SET claimed_by = :owner, claimed_until = :until, attempts = d.attempts + 1
                FROM (SELECT p.subscription_id FROM websub_deliveries p
                      JOIN websub_subscriptions s ON s.id = p.subscription_id
                      WHERE p.due_at <= :now AND (p.claimed_until IS NULL OR p.claimed_until < :now)
                        AND s.expires_at > :now
                      ORDER BY p.due_at
                      LIMIT :limit
                      FOR UPDATE OF p SKIP LOCKED) due
                WHERE d.subscription_id = due.subscription_id
                RETURNING d.subscription_id, d.generation, d.attempts
                """)
                .param("owner", owner)
                .param("until", utc(until))
                .param("now", utc(now))
                .param("limit", limit)
                .query((rs, row) -> new Claim(rs.getLong("subscription_id"), rs.getLong("generation"),
                        rs.getInt("attempts"), owner))
                .list();
    }

    /**
     * Ends a claim whose content went out (or never will): removes the row, unless a change came
     * meanwhile; then the row is due again at once, with a fresh count of attempts.
     */
    void finish(Claim claim, Instant now) {
        int removed = jdbc.sql("""
                DELETE FROM websub_deliveries
                WHERE subscription_id = :id AND claimed_by = :owner AND generation = :generation
                """)
                .param("id", claim.subscriptionId())
                .param("owner", claim.owner())
                .param("generation", claim.generation())
                .update();
        if (removed == 0) {
            jdbc.sql("""
                    UPDATE websub_deliveries SET attempts = 0, due_at = :now, claimed_by = NULL, claimed_until = NULL
                    WHERE subscription_id = :id AND claimed_by = :owner
                    """)
                    .param("id", claim.subscriptionId())
                    .param("owner", claim.owner())
                    .param("now", utc(now))
                    .update();
        }
    }

    /** Gives a failed delivery back, due again at {@code dueAt} (with the newest content then). */
    void retryAt(Claim claim, Instant dueAt) {
        jdbc.sql("""
                UPDATE websub_deliveries SET due_at = :dueAt, claimed_by = NULL, claimed_until = NULL
                WHERE subscription_id = :id AND claimed_by = :owner
                """)
                .param("id", claim.subscriptionId())
                .param("owner", claim.owner())
                .param("dueAt", utc(dueAt))
                .update();
    }

    /** When the next unclaimed delivery of an active subscription is due, if any. */
    Optional<Instant> nextDue(Instant now) {
        return jdbc.sql("""
                SELECT min(p.due_at) AS due FROM websub_deliveries p
                JOIN websub_subscriptions s ON s.id = p.subscription_id
                WHERE (p.claimed_until IS NULL OR p.claimed_until < :now) AND s.expires_at > :now
                """)
                .param("now", utc(now))
                .query((rs, row) -> Optional.ofNullable(rs.getObject("due", OffsetDateTime.class))
                        .map(OffsetDateTime::toInstant))
                .single();
    }
}
