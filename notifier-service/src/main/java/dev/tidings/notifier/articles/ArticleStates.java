package dev.tidings.notifier.articles;

import dev.tidings.events.ArticleSnapshot;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The latest state of every article this service heard of, kept by (id, version). */
@Repository
public class ArticleStates {

    private final JdbcClient jdbc;

    ArticleStates(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Stores the snapshot if its version is newer than the stored one (any newer version: gaps happen
     * when an event was dead-lettered). Returns false for a duplicate or an out-of-date event.
     */
    boolean apply(ArticleSnapshot article) {
        return jdbc.sql("""
                INSERT INTO articles (id, version, slug, title, summary, body_html, canonical_url, author, topics,
                    published_at, updated_at, retracted_at)
                VALUES (:id, :version, :slug, :title, :summary, :bodyHtml, :canonicalUrl, :author, :topics,
                    :publishedAt, :updatedAt, :retractedAt)
                ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version, slug = EXCLUDED.slug,
                    title = EXCLUDED.title, summary = EXCLUDED.summary, body_html = EXCLUDED.body_html,
                    canonical_url = EXCLUDED.canonical_url, author = EXCLUDED.author, topics = EXCLUDED.topics,
                    published_at = EXCLUDED.published_at, updated_at = EXCLUDED.updated_at,
                    retracted_at = COALESCE(articles.retracted_at, EXCLUDED.retracted_at)
                WHERE articles.version < EXCLUDED.version
                """)
                .param("id", article.id())
                .param("version", article.version())
                .param("slug", article.slug())
                .param("title", article.title())
                .param("summary", article.summary())
                .param("bodyHtml", article.bodyHtml())
                .param("canonicalUrl", article.canonicalUrl())
                .param("author", article.author())
                .param("topics", article.topics().toArray(String[]::new))
                .param("publishedAt", timestamp(article.publishedAt()))
                .param("updatedAt", timestamp(article.updatedAt()))
                .param("retractedAt", timestamp(article.retractedAt()))
                .update() > 0;
    }

    /** Marks the article retracted whatever the event said, so it is never mailed again. */
    void markRetracted(UUID id, Instant at) {
        jdbc.sql("UPDATE articles SET retracted_at = COALESCE(retracted_at, :at) WHERE id = :id")
                .param("at", timestamp(at))
                .param("id", id)
                .update();
    }

    /** The stored state of an article, if any. */
    public Optional<StoredArticle> find(UUID id) {
        return jdbc.sql("""
                SELECT a.id, a.version, a.title, a.summary, a.body_html, a.canonical_url,
                       a.retracted_at IS NOT NULL AS retracted, a.topics[1] AS topic,
                       COALESCE(t.title, a.topics[1]) AS topic_title
                FROM articles a LEFT JOIN topics t ON t.slug = a.topics[1]
                WHERE a.id = :id
                """)
                .param("id", id)
                .query((rs, row) -> new StoredArticle(rs.getObject("id", UUID.class), rs.getLong("version"),
                        rs.getString("title"), rs.getString("summary"), rs.getString("body_html"),
                        rs.getString("canonical_url"), rs.getBoolean("retracted"), rs.getString("topic"),
                        rs.getString("topic_title")))
                .optional();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
