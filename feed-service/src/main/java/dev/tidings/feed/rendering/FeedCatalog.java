package dev.tidings.feed.rendering;

import dev.tidings.feed.FeedProperties;
import dev.tidings.feed.readmodel.FeedChange;
import dev.tidings.feed.readmodel.FeedChanges;
import dev.tidings.feed.readmodel.FeedEntries;
import dev.tidings.feed.readmodel.FeedEntry;
import dev.tidings.feed.readmodel.Retraction;
import dev.tidings.feed.readmodel.Topic;
import dev.tidings.feed.readmodel.Topics;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Finds the feed behind a {@link FeedName}: every topic, one topic, one tag, several topics, or a
 * month of the history of one of the first three. The feed's {@code updated} time is its change
 * stamp from the read model, as it is, so that every instance renders the same bytes for the same
 * change (a stamp may be a second or two ahead of the clock after a burst of changes).
 *
 * <p>History (RFC 5005): a full subscription document links {@code prev-archive} to the month of
 * its oldest entry; each month with entries, up to that one, is an archive page linked to the
 * months before and after it that have entries. Pages are calendar months (UTC) of publication,
 * so an entry stays on its page; a retraction only takes it off.
 */
@Component
public class FeedCatalog {

    /** The name of the feed with every topic; a topic with this slug has no feed of its own. */
    public static final String ALL = "all";

    // An archive page is a month; a month with more articles than this shows its newest ones.
    private static final int MOST_ENTRIES_PER_ARCHIVE_PAGE = 1000;

    /** What a feed is called and what it is about. */
    private record Description(String title, String description) {
    }

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
     * for an unknown topic, a tag no article ever had, or a month that is no archive page. Its
     * tombstones are the retractions within {@code tombstone-period} before that change, so every
     * instance renders the same feed.
     */
    public Optional<Feed> find(FeedName name, FeedChange change) {
        if (name instanceof FeedName.Archive archive) {
            return archivePage(archive, change);
        }
        return describe(name, change).map(description -> {
            List<FeedEntry> newest = newestOf(name, properties.entriesPerFeed());
            boolean full = newest.size() == properties.entriesPerFeed() && !(name instanceof FeedName.Topics);
            History history = full
                    ? new History(null, archiveUrl(name, monthOf(newest.get(newest.size() - 1))), null, false)
                    : History.NONE;
            return new Feed(properties.title(), description.title(), description.description(), urlOf(name),
                    homeUrl(), change.changedAt(), newest, tombstonesOf(name, change), history);
        });
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
        return properties.publicUrl() + "/feeds/" + name.urlPath();
    }

    private Optional<Feed> archivePage(FeedName.Archive archive, FeedChange change) {
        FeedName of = archive.of();
        Optional<Description> description = describe(of, change);
        List<FeedEntry> newest = newestOf(of, properties.entriesPerFeed());
        if (description.isEmpty() || newest.size() < properties.entriesPerFeed()) {
            return Optional.empty();
        }
        YearMonth newestArchive = monthOf(newest.get(newest.size() - 1));
        String key = of.changeKeys().get(0);
        Instant from = start(archive.month());
        Instant to = start(archive.month().plusMonths(1));
        List<FeedEntry> page = entries.publishedBetween(key, from, to, MOST_ENTRIES_PER_ARCHIVE_PAGE);
        if (page.isEmpty() || archive.month().isAfter(newestArchive)) {
            return Optional.empty();
        }
        String prev = entries.latestPublishedBefore(key, from).map(at -> archiveUrl(of, month(at))).orElse(null);
        String next = entries.earliestPublishedFrom(key, to)
                .map(FeedCatalog::month)
                .filter(month -> !month.isAfter(newestArchive))
                .map(month -> archiveUrl(of, month))
                .orElse(null);
        return Optional.of(new Feed(properties.title(), description.get().title() + ", archive " + archive.month(),
                description.get().description(), urlOf(archive), homeUrl(), change.changedAt(), page, List.of(),
                new History(urlOf(of) + "." + FeedFormat.ATOM.extension(), prev, next, true)));
    }

    private Optional<Description> describe(FeedName name, FeedChange change) {
        String title = properties.title();
        // Java 17: no pattern matching for switch yet.
        if (name instanceof FeedName.Topic topic) {
            return topics.find(topic.slug()).map(known -> new Description(title + ": " + known.title(),
                    known.description().isBlank() ? known.title() : known.description()));
        }
        if (name instanceof FeedName.Tag tag) {
            return change.equals(FeedChange.NEVER) ? Optional.empty()
                    : Optional.of(new Description(title + ": tagged " + tag.tag(), "Every article tagged " + tag.tag()));
        }
        if (name instanceof FeedName.Topics several) {
            return allKnown(several.slugs()).map(known -> new Description(
                    title + ": " + String.join(" + ", known.stream().map(Topic::title).toList()),
                    "Every article on " + String.join(" or ", known.stream().map(Topic::title).toList())));
        }
        return Optional.of(new Description(title + ": all topics", "Every article published on " + title));
    }

    private List<FeedEntry> newestOf(FeedName name, int limit) {
        return name instanceof FeedName.All ? entries.newest(limit) : entries.newestOf(name.changeKeys(), limit);
    }

    private List<Retraction> tombstonesOf(FeedName name, FeedChange change) {
        Instant since = change.changedAt().minus(properties.tombstonePeriod());
        int limit = properties.entriesPerFeed();
        if (name instanceof FeedName.Topic topic) {
            return entries.retractedSince(List.of(topic.slug()), List.of(), since, limit);
        }
        if (name instanceof FeedName.Tag tag) {
            return entries.retractedSince(List.of(), List.of(tag.tag()), since, limit);
        }
        if (name instanceof FeedName.Topics several) {
            return entries.retractedSince(several.slugs(), List.of(), since, limit);
        }
        return entries.retractedSince(List.of(), List.of(), since, limit);
    }

    private String archiveUrl(FeedName of, YearMonth month) {
        return urlOf(new FeedName.Archive(of, month)) + "." + FeedFormat.ATOM.extension();
    }

    private static YearMonth monthOf(FeedEntry entry) {
        return month(entry.publishedAt());
    }

    private static YearMonth month(Instant instant) {
        return YearMonth.from(instant.atOffset(ZoneOffset.UTC));
    }

    private static Instant start(YearMonth month) {
        return month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
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
