package dev.tidings.feed.readmodel;

import dev.tidings.events.ArticleEventType;
import dev.tidings.events.ArticleSnapshot;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies article events to the read model. Idempotent: an event whose version is not newer than
 * the stored one changes nothing, so duplicates, replays and late older versions are harmless; a
 * newer version after a gap is applied. A retraction keeps the row as a tombstone.
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
        // Sorted: every transaction locks feed_changes rows in the same order, so instances cannot deadlock.
        Set<String> affectedFeeds = new TreeSet<>();
        // A correction or retraction may drop a topic or a tag: that feed changes too.
        entries.lockFeedsOf(article.id()).ifPresent(affectedFeeds::addAll);
        Instant retractedAt = type == ArticleEventType.RETRACTED
                ? Objects.requireNonNullElse(article.retractedAt(), article.updatedAt())
                : null;
        Instant correctedAt = type == ArticleEventType.UPDATED ? article.updatedAt() : null;
        if (!entries.upsert(article, retractedAt, correctedAt)) {
            log.debug("Ignored {} of article {} version {}: a version at least as new is stored", type.ceType(),
                    article.id(), article.version());
            return false;
        }
        affectedFeeds.addAll(FeedEntries.feedsOf(StorableText.of(article.topics()), StorableText.of(article.tags())));
        affectedFeeds.add(FeedChanges.ALL_TOPICS);
        changes.touch(affectedFeeds, clock.instant());
        log.info("Applied {} of article {} version {}", type.ceType(), article.id(), article.version());
        return true;
    }
}
