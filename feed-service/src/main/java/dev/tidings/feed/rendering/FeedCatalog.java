package dev.tidings.feed.rendering;

import dev.tidings.feed.FeedProperties;
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

    public Optional<Feed> find(String name) {
        if (ALL.equals(name)) {
            return Optional.of(new Feed(properties.title(), properties.title() + ": all topics",
                    "Every article published on " + properties.title(), urlOf(ALL), homeUrl(),
                    lastChangeOf(FeedChanges.ALL_TOPICS), entries.newest(properties.entriesPerFeed())));
        }
        return topics.find(name).map(topic -> new Feed(properties.title(), properties.title() + ": " + topic.title(),
                topic.description().isBlank() ? topic.title() : topic.description(), urlOf(topic.slug()), homeUrl(),
                lastChangeOf(topic.slug()), entries.newestOf(topic.slug(), properties.entriesPerFeed())));
    }

    /** The address of a feed without its format's extension. */
    public String urlOf(String name) {
        return properties.publicUrl() + "/feeds/" + name;
    }

    private String homeUrl() {
        return properties.publicUrl() + "/";
    }

    /** When a feed last changed as the read model stamped it ({@link Instant#EPOCH} if never). */
    public Instant lastChangeOf(String feed) {
        return changes.lastChangeOf(feed).orElse(Instant.EPOCH);
    }
}
