package dev.tidings.feed.readmodel;

import dev.tidings.events.ArticleSnapshot;
import java.time.Instant;

/**
 * An article's state as an event asks the read model to store it: {@code retractedAt} is set for a
 * retraction, {@code correctedAt} for a correction, both null otherwise.
 */
record EntryState(ArticleSnapshot article, Instant retractedAt, Instant correctedAt) {
}
