package dev.tidings.feed.rendering;

import dev.tidings.feed.FeedProperties;
import dev.tidings.feed.readmodel.FeedChange;
import dev.tidings.feed.readmodel.FeedChanges;
import dev.tidings.feed.readmodel.FeedEntries;
import dev.tidings.feed.readmodel.Topics;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Finds the feed behind a name: {@value #ALL} for every topic, otherwise a topic slug. The feed's
 * {@code updated} time is its change stamp from the read model, as it is, so that every instance
 * renders the same bytes for the same change (a stamp may be a second or two ahead of the clock
 * after a burst of changes).
 */
@Component
public class FeedCatalog {

    /** The name of the feed with every topic; a topic with this slug has no feed of its own. */
    public static final String ALL = "all";

    private final Topics topics;

    private final FeedEntries entries;

    private final FeedChanges changes;

    private final FeedProperties properties;

    FeedCatalog(Topics topics, FeedEntries entries, FeedChanges changes, FeedProperties properties) {
        this.topics = topics;
        this.entries = entries;
        this.changes = changes;
        this.properties = properties;
    }

    /**
     * The feed behind a name as of {@code change}, its last change ({@link #lastChangeOf}). Its
     * tombstones are the retractions within {@code tombstone-period} before that change, so every
     * instance renders the same feed for the same change.
     */
    public Optional<Feed> find(String name, FeedChange change) {
        Instant tombstonesSince = change.changedAt().minus(properties.tombstonePeriod());
        int limit = properties.entriesPerFeed();
        if (ALL.equals(name)) {
            return Optional.of(new Feed(properties.title(), properties.title() + ": all topics",
                    "Every article published on " + properties.title(), urlOf(ALL), homeUrl(),
                    change.changedAt(), entries.newest(limit), entries.retractedSince(null, tombstonesSince, limit)));
        }
        return topics.find(name).map(topic -> new Feed(properties.title(), properties.title() + ": " + topic.title(),
                topic.description().isBlank() ? topic.title() : topic.description(), urlOf(topic.slug()), homeUrl(),
                change.changedAt(), entries.newestOf(topic.slug(), limit),
                entries.retractedSince(topic.slug(), tombstonesSince, limit)));
    }

    /** The key under which the read model stamps the changes of the feed with this name. */
    public String changeKeyOf(String name) {
        return ALL.equals(name) ? FeedChanges.ALL_TOPICS : name;
    }

    /** The address of a feed without its format's extension. */
    public String urlOf(String name) {
        return properties.publicUrl() + "/feeds/" + name;
    }

    private String homeUrl() {
        return properties.publicUrl() + "/";
    }

    /** The last change of the feed with this name ({@link FeedChange#NEVER} if it never changed). */
    public FeedChange lastChangeOf(String name) {
        return changes.find(changeKeyOf(name)).orElse(FeedChange.NEVER);
    }
}
