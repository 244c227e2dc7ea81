package dev.tidings.feed.readmodel;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * When each feed last changed, stamped with this service's clock when a change is applied: the
 * source of a feed's {@code Last-Modified}. Stamps only move forward.
 */
@Repository
public class FeedChanges {

    /** The key of the feed with every topic; no topic slug can contain {@code *}. */
    public static final String ALL_TOPICS = "*";

    private final JdbcClient jdbc;

    FeedChanges(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void touch(Collection<String> feeds, Instant at) {
        OffsetDateTime changedAt = at.atOffset(ZoneOffset.UTC);
        for (String feed : feeds) {
            jdbc.sql("""
                    INSERT INTO feed_changes (feed, changed_at) VALUES (:feed, :changedAt)
                    ON CONFLICT (feed) DO UPDATE SET changed_at = GREATEST(feed_changes.changed_at, EXCLUDED.changed_at)
                    """)
                    .param("feed", feed)
                    .param("changedAt", changedAt)
                    .update();
        }
    }

    /** The last change of a topic's feed ({@link #ALL_TOPICS} for the feed of all topics). */
    public Optional<Instant> lastChangeOf(String feed) {
        return jdbc.sql("SELECT changed_at FROM feed_changes WHERE feed = :feed")
                .param("feed", feed)
                .query((rs, row) -> rs.getObject("changed_at", OffsetDateTime.class).toInstant())
                .optional();
    }
}
