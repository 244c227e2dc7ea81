package dev.tidings.feed.readmodel;

import dev.tidings.events.ArticleEventType;
import dev.tidings.events.ArticleSnapshot;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.BinaryOperator;
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
 * <p>The live consumer applies one event per transaction; a rebuild from the log applies thousands
 * at once through the same code ({@link #applyAll}), one JDBC batch per statement.
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
        return applyAll(List.of(new ArticleEvent(type, article))) == 1;
    }

    /**
     * Applies {@code events} in one transaction and returns how many articles changed. Of several
     * events of one article only the one with the highest version counts, as if they had been applied
     * one after the other (a compacted topic keeps no more than that either).
     */
    @Transactional
    int applyAll(Collection<ArticleEvent> events) {
        Map<UUID, ArticleEvent> newest = events.stream().collect(Collectors.toMap(event -> event.article().id(),
                event -> event, BinaryOperator.maxBy(Comparator.comparingLong(event -> event.article().version()))));
        // A correction or retraction may drop a topic or a tag: that feed changes too.
        Map<UUID, List<String>> storedFeeds = entries.lockFeedsOf(newest.keySet());
        List<EntryState> applied = entries.upsert(newest.values().stream().map(ArticleProjector::stateOf).toList());
        if (applied.size() < newest.size() && log.isDebugEnabled()) {
            log.debug("Ignored {} events: a version at least as new is stored", newest.size() - applied.size());
        }
        if (applied.isEmpty()) {
            return 0;
        }
        // Sorted: every transaction locks feed_changes rows in the same order, so instances cannot deadlock.
        Set<String> affectedFeeds = new TreeSet<>();
        for (EntryState state : applied) {
            ArticleSnapshot article = state.article();
            affectedFeeds.addAll(storedFeeds.getOrDefault(article.id(), List.of()));
            affectedFeeds.addAll(FeedEntries.feedsOf(StorableText.of(article.topics()),
                    StorableText.of(article.tags())));
        }
        affectedFeeds.add(FeedChanges.ALL_TOPICS);
        changes.touch(affectedFeeds, clock.instant());
        if (applied.size() == 1) {
            ArticleEvent event = newest.get(applied.get(0).article().id());
            log.info("Applied {} of article {} version {}", event.type().ceType(), event.article().id(),
                    event.article().version());
        }
        return applied.size();
    }

    private static EntryState stateOf(ArticleEvent event) {
        ArticleSnapshot article = event.article();
        Instant retractedAt = event.type() == ArticleEventType.RETRACTED
                ? Objects.requireNonNullElse(article.retractedAt(), article.updatedAt())
                : null;
        Instant correctedAt = event.type() == ArticleEventType.UPDATED ? article.updatedAt() : null;
        return new EntryState(article, retractedAt, correctedAt);
    }
}
