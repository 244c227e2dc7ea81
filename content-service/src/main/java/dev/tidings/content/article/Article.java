package dev.tidings.content.article;

import dev.tidings.events.ArticleSnapshot;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An article as the editorial API shows it. Every change returns a new instance with
 * {@code version} one higher, draft edits included; the version is the article's ETag.
 * {@code changedBy} is who made the latest change (null for changes made before people had
 * credentials of their own). {@code correctionNote} is the editor's note on the latest correction of
 * the published article, null if none.
 */
public record Article(
        UUID id,
        long version,
        ArticleStatus status,
        String slug,
        String title,
        String summary,
        String body,
        String bodyHtml,
        String author,
        List<String> topics,
        List<String> tags,
        String canonicalUrl,
        String imageUrl,
        Instant createdAt,
        Instant scheduledAt,
        Instant publishedAt,
        Instant updatedAt,
        Instant retractedAt,
        String retractionReason,
        ArticleSnapshot.Editor changedBy,
        String correctionNote) {

    public Article {
        topics = List.copyOf(topics);
        tags = List.copyOf(tags);
    }

    /** A new draft at version 1. */
    static Article draft(UUID id, ArticleContent content, Instant now, ArticleSnapshot.Editor by) {
        return new Article(id, 1, ArticleStatus.DRAFT, content.slug(), content.title(), content.summary(),
                content.body(), content.bodyHtml(), content.author(), content.topics(), content.tags(),
                content.canonicalUrl(), content.imageUrl(), now, null, null, now, null, null, by, null);
    }

    /** A draft edit, or a correction of a published article with the editor's note (null for none). */
    Article edited(ArticleContent content, Instant now, ArticleSnapshot.Editor by, String note) {
        return new Article(id, version + 1, status, content.slug(), content.title(), content.summary(),
                content.body(), content.bodyHtml(), content.author(), content.topics(), content.tags(),
                content.canonicalUrl(), content.imageUrl(), createdAt, scheduledAt, publishedAt, now, null, null, by,
                note);
    }

    Article scheduled(Instant at, Instant now, ArticleSnapshot.Editor by) {
        return new Article(id, version + 1, ArticleStatus.SCHEDULED, slug, title, summary, body, bodyHtml, author,
                topics, tags, canonicalUrl, imageUrl, createdAt, at, null, now, null, null, by, correctionNote);
    }

    Article published(Instant now, ArticleSnapshot.Editor by) {
        return new Article(id, version + 1, ArticleStatus.PUBLISHED, slug, title, summary, body, bodyHtml, author,
                topics, tags, canonicalUrl, imageUrl, createdAt, scheduledAt, now, now, null, null, by, correctionNote);
    }

    Article retracted(String reason, Instant now, ArticleSnapshot.Editor by) {
        return new Article(id, version + 1, ArticleStatus.RETRACTED, slug, title, summary, body, bodyHtml, author,
                topics, tags, canonicalUrl, imageUrl, createdAt, scheduledAt, publishedAt, now, now, reason, by,
                correctionNote);
    }

    /** The event payload for this state; only for articles that were published. */
    ArticleSnapshot toSnapshot() {
        // A retraction does not broadcast the withdrawn text again; consumers only need to remove it.
        String html = status == ArticleStatus.RETRACTED ? "" : bodyHtml;
        return new ArticleSnapshot(id, version, slug, title, summary, html, canonicalUrl, author, topics, tags,
                publishedAt, updatedAt, retractedAt, retractionReason, imageUrl, changedBy, correctionNote);
    }
}
