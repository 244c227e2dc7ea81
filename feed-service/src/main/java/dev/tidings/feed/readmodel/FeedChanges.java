package dev.tidings.feed.readmodel;

import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * When each feed last changed, stamped with this service's clock when a change is applied: the
 * source of a feed's {@code Last-Modified}. Stamps are whole seconds and strictly increase with
 * every change of a feed: a change that lands in the second of the previous stamp (or earlier, when
 * another instance's clock is behind) takes the next second, so two contents never share a stamp.
 * A stamp may therefore run ahead of the clock for a moment after a burst of changes.
 */
@Repository
public class FeedChanges {

    /** The key of the feed with every topic; no topic slug can contain {@code *}. */
    public static final String ALL_TOPICS = "*";

    private static final String TAG_PREFIX = "tag:";

    /** The key of a topic's feed: its slug. */
    public static String topicKey(String slug) {
        return slug;
    }

    /** The key of a tag's feed; no topic slug can contain {@code :}. */
    public static String tagKey(String tag) {
        return TAG_PREFIX + tag;
    }

    /** The tags that have a feed, by name. */
    public List<String> tags() {
        return jdbc.sql("SELECT substring(feed from 5) AS tag FROM feed_changes WHERE feed LIKE 'tag:%' ORDER BY 1")
                .query((rs, row) -> rs.getString("tag"))
                .list();
    }

    private final JdbcClient jdbc;

    private final ApplicationEventPublisher events;

    private final FeedRevisions revisions;

    FeedChanges(JdbcClient jdbc, ApplicationEventPublisher events, FeedRevisions revisions) {
        this.jdbc = jdbc;
        this.events = events;
        this.revisions = revisions;
    }

    /**
     * Stamps every feed in {@code feeds} at once, locking their rows in the collection's order, moves
     * their revisions, tells every instance the new revisions through {@code NOTIFY} (delivered on
     * commit) in the same statement, and publishes {@link FeedsTouched} within the transaction. This
     * instance learns the revisions from the statement itself once the transaction commits, without
     * waiting for its own notification to come back.
     */
    void touch(Collection<String> feeds, Instant at) {
        if (feeds.isEmpty()) {
            return;
        }
        Map<String, Long> touched = new HashMap<>();
        // One round trip: after the commit, the notification is what a reader of the feed waits for.
        jdbc.sql("""
                WITH touched AS (
                    INSERT INTO feed_changes (feed, changed_at)
                    SELECT feed, date_trunc('second', CAST(:changedAt AS timestamptz))
                    FROM unnest(CAST(:feeds AS text[])) WITH ORDINALITY AS f(feed, position)
                    ORDER BY position
                    ON CONFLICT (feed) DO UPDATE
                        SET changed_at = GREATEST(EXCLUDED.changed_at, feed_changes.changed_at + interval '1 second'),
                            revision = feed_changes.revision + 1
                    RETURNING feed, revision),
                notified AS (
                    -- Each line "<revision> <feed>"; a payload too long for NOTIFY is sent empty: read every feed.
                    SELECT pg_notify(:channel, CASE WHEN sum(octet_length(feed) + 21) > :longestPayload THEN ''
                                                    ELSE string_agg(revision || ' ' || feed, E'\\n') END)
                    FROM touched)
                SELECT feed, revision FROM touched, notified
                """)
                // Wrapped so that one SQL array is bound instead of an expanded IN list.
                .param("feeds", new SqlParameterValue(Types.ARRAY, feeds.toArray(String[]::new)))
                .param("changedAt", at.atOffset(ZoneOffset.UTC))
                .param("channel", FeedRevisions.CHANNEL)
                .param("longestPayload", FeedRevisions.LONGEST_PAYLOAD)
                .query((RowCallbackHandler) rs -> touched.put(rs.getString("feed"), rs.getLong("revision")));
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                revisions.learn(touched);
            }
        });
        events.publishEvent(new FeedsTouched(Set.copyOf(feeds), at));
    }

    /**
     * The last change of the feed made of {@code feeds} (keys: {@link #ALL_TOPICS}, {@link #topicKey},
     * {@link #tagKey}): the sum of their revisions, which moves with a change of any of them, and the
     * latest of their stamps. Empty if none of them ever changed.
     */
    public Optional<FeedChange> find(List<String> feeds) {
        return jdbc.sql("""
                SELECT sum(revision) AS revision, max(changed_at) AS changed_at FROM feed_changes
                WHERE feed = ANY(CAST(:feeds AS text[])) HAVING count(*) > 0
                """)
                .param("feeds", new SqlParameterValue(Types.ARRAY, feeds.toArray(String[]::new)))
                .query((rs, row) -> new FeedChange(rs.getObject("changed_at", OffsetDateTime.class).toInstant(),
                        rs.getLong("revision")))
                .optional();
    }
}
