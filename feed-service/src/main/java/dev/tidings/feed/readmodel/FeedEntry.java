package dev.tidings.feed.readmodel;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A published, not retracted article as it appears in the feeds. {@code bodyHtml} was sanitized
 * by content-service; {@code imageUrl} may be null; {@code correctedAt} is when it was last
 * corrected after publication, null if never.
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
        Instant correctedAt) {

    public FeedEntry {
        topics = List.copyOf(topics);
        tags = List.copyOf(tags);
    }
}
