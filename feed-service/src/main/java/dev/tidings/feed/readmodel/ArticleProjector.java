package dev.tidings.feed.readmodel;

import dev.tidings.events.ArticleEventType;
import dev.tidings.events.ArticleSnapshot;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies article events to the read model. Idempotent: an event whose version is not newer than
 * the stored one changes nothing, so duplicates, replays and late older versions are harmless; a
 * newer version after a gap is applied. A retraction keeps the row as a tombstone.
 *
 * <p>The live consumer applies one event per transaction and stamps the feeds it changed; a rebuild
 * from the log applies thousands at once with the same statements ({@link #applyUnstamped}) and
 * stamps every feed once at the end.
 */
@Component
class ArticleProjector {

    private static final Logger log = LoggerFactory.getLogger(ArticleProjector.class);

    private final FeedEntries entries;

    private final FeedChanges changes;

    private final Clock clock;

    ArticleProjector(FeedEntries entries, FeedChanges changes, Clock clock) {
        this.entries = entries;
        this.changes = changes;
        this.clock = clock;
    }

    /** True if the event changed the read model. */
    @Transactional
    boolean apply(ArticleEventType type, ArticleSnapshot article) {
        // A correction or retraction may drop a topic or a tag: that feed changes too.
        List<String> storedFeeds = entries.lockFeedsOf(List.of(article.id())).getOrDefault(article.id(), List.of());
        if (entries.upsert(List.of(EntryState.of(new ArticleEvent(type, article)))).isEmpty()) {
            log.debug("Ignored {} of article {} version {}: a version at least as new is stored", type.ceType(),
                    article.id(), article.version());
            return false;
        }
        // Sorted: every transaction locks feed_changes rows in the same order, so instances cannot deadlock.
        Set<String> affectedFeeds = new TreeSet<>(storedFeeds);
        affectedFeeds.addAll(feedsOf(article));
        affectedFeeds.add(FeedChanges.ALL_TOPICS);
        changes.touch(affectedFeeds, clock.instant());
        log.info("Applied {} of article {} version {}", type.ceType(), article.id(), article.version());
        return true;
    }

    /**
     * Applies {@code events}, read in log order, in one transaction without stamping any feed, and
     * returns the feeds the applied ones are in. Several events of one article are stored as one
     * write, as if they had been applied one after the other: the highest version, with the date and
     * note of its latest correction.
     */
    @Transactional
    Set<String> applyUnstamped(List<ArticleEvent> events) {
        // By id: writers running at once lock rows in the same order, so they cannot deadlock should an article's events
        // ever be in two partitions.
        Map<UUID, List<ArticleEvent>> byArticle = events.stream()
                .collect(Collectors.groupingBy(event -> event.article().id(), TreeMap::new, Collectors.toList()));
        List<EntryState> newest = byArticle.values().stream()
                .map(versions -> versions.stream()
                        .sorted(Comparator.comparingLong(event -> event.article().version()))
                        .map(EntryState::of)
                        .reduce((earlier, later) -> later.after(earlier))
                        .orElseThrow())
                .toList();
        Set<String> feeds = new TreeSet<>();
        for (EntryState applied : entries.upsert(newest)) {
            // Every version's feeds, as the live consumer stamped each feed an article ever was in.
            for (ArticleEvent event : byArticle.get(applied.article().id())) {
                feeds.addAll(feedsOf(event.article()));
            }
        }
        return feeds;
    }

    private static List<String> feedsOf(ArticleSnapshot article) {
        return FeedEntries.feedsOf(StorableText.of(article.topics()), StorableText.of(article.tags()));
    }
}
