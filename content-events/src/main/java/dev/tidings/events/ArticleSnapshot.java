package dev.tidings.events;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The payload of every article event: the article's whole state after the change (event-carried
 * state), so a consumer never needs to call content-service back.
 *
 * <p>{@code version} grows by one with every change of the article (draft edits included, so a
 * consumer can see gaps). A consumer applies an event only if its version is newer than the one it
 * stored; duplicates and replays change nothing. {@code bodyHtml} is already sanitized by the
 * producer. {@code retractedAt} and {@code retractionReason} are set only on
 * {@code article.retracted}. {@code imageUrl} is optional. {@code editor} names who made the change
 * (absent in events written before it was added). {@code correctionNote} is the editor's note on
 * the latest correction, a single line of plain text (optional; absent in events written before it
 * was added and when the editor gave none).
 */
public record ArticleSnapshot(
        UUID id,
        long version,
        String slug,
        String title,
        String summary,
        String bodyHtml,
        String canonicalUrl,
        String author,
        List<String> topics,
        List<String> tags,
        Instant publishedAt,
        Instant updatedAt,
        Instant retractedAt,
        String retractionReason,
        String imageUrl,
        Editor editor,
        String correctionNote) {

    /** An article's state without the name of who changed it, as events before v1.1 carried it. */
    public ArticleSnapshot(UUID id, long version, String slug, String title, String summary, String bodyHtml,
            String canonicalUrl, String author, List<String> topics, List<String> tags, Instant publishedAt,
            Instant updatedAt, Instant retractedAt, String retractionReason, String imageUrl) {
        this(id, version, slug, title, summary, bodyHtml, canonicalUrl, author, topics, tags, publishedAt, updatedAt,
                retractedAt, retractionReason, imageUrl, null, null);
    }

    /** An article's state without a correction note, as events before v1.2 carried it. */
    public ArticleSnapshot(UUID id, long version, String slug, String title, String summary, String bodyHtml,
            String canonicalUrl, String author, List<String> topics, List<String> tags, Instant publishedAt,
            Instant updatedAt, Instant retractedAt, String retractionReason, String imageUrl, Editor editor) {
        this(id, version, slug, title, summary, bodyHtml, canonicalUrl, author, topics, tags, publishedAt, updatedAt,
                retractedAt, retractionReason, imageUrl, editor, null);
    }

    public ArticleSnapshot {
        Objects.requireNonNull(id, "id must not be null");
        if (version < 1) {
            throw new IllegalArgumentException("version must be at least 1");
        }
        Objects.requireNonNull(slug, "slug must not be null");
        Objects.requireNonNull(title, "title must not be null");
        Objects.requireNonNull(bodyHtml, "bodyHtml must not be null");
        Objects.requireNonNull(canonicalUrl, "canonicalUrl must not be null");
        Objects.requireNonNull(author, "author must not be null");
        Objects.requireNonNull(publishedAt, "publishedAt must not be null");
        Objects.requireNonNull(updatedAt, "updatedAt must not be null");
        summary = summary == null ? "" : summary;
        topics = List.copyOf(Objects.requireNonNull(topics, "topics must not be null"));
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /**
     * The person who made a change, as content-service authenticated them.
     *
     * @param name the person's name
     * @param credential the credential they used: an id such as {@code api-key:<uuid>}, never a secret
     */
    public record Editor(String name, String credential) {

        public Editor {
            Objects.requireNonNull(name, "name must not be null");
            Objects.requireNonNull(credential, "credential must not be null");
        }
    }

    public boolean retracted() {
        return retractedAt != null;
    }
}
