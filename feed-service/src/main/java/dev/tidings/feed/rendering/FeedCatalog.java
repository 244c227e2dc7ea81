package dev.tidings.feed.rendering;

import dev.tidings.feed.FeedProperties;
import dev.tidings.feed.readmodel.FeedChange;
import dev.tidings.feed.readmodel.FeedChanges;
import dev.tidings.feed.readmodel.FeedEntries;
import dev.tidings.feed.readmodel.Topic;
import dev.tidings.feed.readmodel.Topics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Finds the feed behind a {@link FeedName}: every topic, one topic, one tag, or several topics. The
 * feed's {@code updated} time is its change stamp from the read model, as it is, so that every
 * instance renders the same bytes for the same change (a stamp may be a second or two ahead of the
 * clock after a burst of changes).
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
     * The feed behind a name as of {@code change}, its last change ({@link #lastChangeOf}); empty
     * for an unknown topic or a tag no article ever had. Its tombstones are the retractions within
     * {@code tombstone-period} before that change, so every instance renders the same feed.
     */
    public Optional<Feed> find(FeedName name, FeedChange change) {
        Instant tombstonesSince = change.changedAt().minus(properties.tombstonePeriod());
        int limit = properties.entriesPerFeed();
        String title = properties.title();
        // Java 17: no pattern matching for switch yet.
        if (name instanceof FeedName.Topic topic) {
            return topics.find(topic.slug()).map(known -> new Feed(title, title + ": " + known.title(),
                    known.description().isBlank() ? known.title() : known.description(), urlOf(name), homeUrl(),
                    change.changedAt(), entries.newestOf(name.changeKeys(), limit),
                    entries.retractedSince(List.of(topic.slug()), List.of(), tombstonesSince, limit)));
        }
        if (name instanceof FeedName.Tag tag) {
            return change.equals(FeedChange.NEVER) ? Optional.empty() : Optional.of(new Feed(title,
                    title + ": tagged " + tag.tag(), "Every article tagged " + tag.tag(), urlOf(name), homeUrl(),
                    change.changedAt(), entries.newestOf(name.changeKeys(), limit),
                    entries.retractedSince(List.of(), List.of(tag.tag()), tombstonesSince, limit)));
        }
        if (name instanceof FeedName.Topics several) {
            return allKnown(several.slugs()).map(known -> new Feed(title,
                    title + ": " + String.join(" + ", known.stream().map(Topic::title).toList()),
                    "Every article on " + String.join(" or ", known.stream().map(Topic::title).toList()),
                    urlOf(name), homeUrl(), change.changedAt(), entries.newestOf(name.changeKeys(), limit),
                    entries.retractedSince(several.slugs(), List.of(), tombstonesSince, limit)));
        }
        return Optional.of(new Feed(title, title + ": all topics", "Every article published on " + title,
                urlOf(name), homeUrl(), change.changedAt(), entries.newest(limit),
                entries.retractedSince(List.of(), List.of(), tombstonesSince, limit)));
    }

    /** The last change of the feed with this name ({@link FeedChange#NEVER} if it never changed). */
    public FeedChange lastChangeOf(FeedName name) {
        return changes.find(name.changeKeys()).orElse(FeedChange.NEVER);
    }

    /** The tags that have a feed, by name. */
    public List<String> tags() {
        return changes.tags();
    }

    /** The address of a feed without its format's extension. */
    public String urlOf(FeedName name) {
        return properties.publicUrl() + "/feeds/" + name.path();
    }

    private String homeUrl() {
        return properties.publicUrl() + "/";
    }

    private Optional<List<Topic>> allKnown(List<String> slugs) {
        List<Topic> known = new ArrayList<>();
        for (String slug : slugs) {
            Optional<Topic> topic = topics.find(slug);
            if (topic.isEmpty()) {
                return Optional.empty();
            }
            known.add(topic.get());
        }
        return Optional.of(known);
    }
}
