package dev.tidings.feed.readmodel;

import dev.tidings.events.TopicSnapshot;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Applies {@code topic.upserted} events, idempotent by (slug, version). */
@Component
class TopicProjector {

    private static final Logger log = LoggerFactory.getLogger(TopicProjector.class);

    private final Topics topics;

    private final FeedChanges changes;

    private final Clock clock;

    TopicProjector(Topics topics, FeedChanges changes, Clock clock) {
        this.topics = topics;
        this.changes = changes;
        this.clock = clock;
    }

    /** True if the event changed the read model. */
    @Transactional
    boolean apply(TopicSnapshot topic) {
        if (!topics.upsert(topic)) {
            log.debug("Ignored topic {} version {}: a version at least as new is stored", topic.slug(),
                    topic.version());
            return false;
        }
        changes.touch(List.of(StorableText.of(topic.slug())), clock.instant());
        log.info("Applied topic {} version {}", topic.slug(), topic.version());
        return true;
    }
}
