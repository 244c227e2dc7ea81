package dev.tidings.feed.readmodel;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A published, not retracted article as it appears in the feeds. {@code bodyHtml} was sanitized
 * by content-service; {@code imageUrl} may be null; {@code correctedAt} is when it was last
 * corrected after publication, null if never; {@code correctionNote} the editor's note on that
 * correction, null if none.
 */
public record FeedEntry(
        UUID id,
        long version,
        String title,
        String summary,
        String bodyHtml,
        String canonicalUrl,
        String author,
        List<String> topics,
        List<String> tags,
        String imageUrl,
        Instant publishedAt,
        Instant updatedAt,
        Instant correctedAt,
        String correctionNote) {

    /** An entry whose latest correction, if any, came without a note. */
    public FeedEntry(UUID id, long version, String title, String summary, String bodyHtml, String canonicalUrl,
            String author, List<String> topics, List<String> tags, String imageUrl, Instant publishedAt,
            Instant updatedAt, Instant correctedAt) {
        this(id, version, title, summary, bodyHtml, canonicalUrl, author, topics, tags, imageUrl, publishedAt,
                updatedAt, correctedAt, null);
    }

    public FeedEntry {
        topics = List.copyOf(topics);
        tags = List.copyOf(tags);
    }
}
