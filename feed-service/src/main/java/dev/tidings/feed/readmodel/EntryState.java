package dev.tidings.feed.readmodel;

import dev.tidings.events.ArticleEventType;
import dev.tidings.events.ArticleSnapshot;
import java.time.Instant;
import java.util.Objects;

/**
 * An article's state as an event asks the read model to store it: {@code retractedAt} is set for a
 * retraction, {@code correctedAt} (with the editor's {@code correctionNote}, if any) for a
 * correction, both null otherwise.
 */
record EntryState(ArticleSnapshot article, Instant retractedAt, Instant correctedAt, String correctionNote) {

    static EntryState of(ArticleEvent event) {
        ArticleSnapshot article = event.article();
        Instant retractedAt = event.type() == ArticleEventType.RETRACTED
                ? Objects.requireNonNullElse(article.retractedAt(), article.updatedAt())
                : null;
        boolean correction = event.type() == ArticleEventType.UPDATED;
        return new EntryState(article, retractedAt, correction ? article.updatedAt() : null,
                correction ? article.correctionNote() : null);
    }

    /**
     * This state stored right after {@code earlier}, a lower version of the same article, as one
     * write: the row would keep the earlier correction's date and note unless this is a correction.
     */
    EntryState after(EntryState earlier) {
        return correctedAt != null || earlier.correctedAt == null
                ? this
                : new EntryState(article, retractedAt, earlier.correctedAt, earlier.correctionNote);
    }
}
