package dev.tidings.content.article;

import dev.tidings.events.ArticleSnapshot;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The stored articles. Updates are optimistic: they apply only to the version the caller read. */
@Repository
class Articles {

    private static final String COLUMNS = """
            id, version, status, slug, title, summary, body, body_html, author, topics, tags, canonical_url,
            image_url, created_at, scheduled_at, published_at, updated_at, retracted_at, retraction_reason,
            changed_by_name, changed_by_credential, correction_note
            """;

    private final JdbcClient jdbc;

    Articles(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Article> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM articles WHERE id = :id")
                .param("id", id)
                .query(Articles::article).optional();
    }

    /** Newest first; all of them when {@code status} is null. */
    List<Article> list(ArticleStatus status) {
        return jdbc.sql("SELECT " + COLUMNS + """
                 FROM articles WHERE (CAST(:status AS text) IS NULL OR status = :status)
                ORDER BY created_at DESC, id
                """)
                .param("status", status == null ? null : status.name())
                .query(Articles::article).list();
    }

    /**
     * Ids of scheduled articles whose time has come, locked for this transaction; rows another
     * instance is publishing are skipped, so each article is published once.
     */
    List<UUID> claimDue(Instant now, int limit) {
        return jdbc.sql("""
                SELECT id FROM articles
                WHERE status = 'SCHEDULED' AND scheduled_at <= :now
                ORDER BY scheduled_at
                LIMIT :limit
                FOR UPDATE SKIP LOCKED
                """)
                .param("now", timestamp(now))
                .param("limit", limit)
                .query(UUID.class).list();
    }

    /** Whether an article other than {@code except} has this slug. */
    boolean slugTaken(String slug, UUID except) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM articles WHERE slug = :slug AND id <> :except)")
                .param("slug", slug)
                .param("except", except)
                .query(Boolean.class).single();
    }

    void insert(Article article) {
        jdbc.sql("INSERT INTO articles (" + COLUMNS + """
                ) VALUES (:id, :version, :status, :slug, :title, :summary, :body, :bodyHtml, :author, :topics, :tags,
                    :canonicalUrl, :imageUrl, :createdAt, :scheduledAt, :publishedAt, :updatedAt, :retractedAt, :retractionReason,
                    :changedByName, :changedByCredential, :correctionNote)
                """)
                .params(parameters(article))
                .update();
    }

    /** Stores {@code article} if the stored one is still at {@code article.version() - 1}. */
    boolean update(Article article) {
        return jdbc.sql("""
                UPDATE articles SET version = :version, status = :status, slug = :slug, title = :title,
                    summary = :summary, body = :body, body_html = :bodyHtml, author = :author, topics = :topics,
                    tags = :tags, canonical_url = :canonicalUrl, image_url = :imageUrl, scheduled_at = :scheduledAt,
                    published_at = :publishedAt,
                    updated_at = :updatedAt, retracted_at = :retractedAt, retraction_reason = :retractionReason,
                    changed_by_name = :changedByName, changed_by_credential = :changedByCredential,
                    correction_note = :correctionNote
                WHERE id = :id AND version = :previousVersion
                """)
                .params(parameters(article))
                .param("previousVersion", article.version() - 1)
                .update() == 1;
    }

    private static Map<String, Object> parameters(Article article) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("id", article.id());
        parameters.put("version", article.version());
        parameters.put("status", article.status().name());
        parameters.put("slug", article.slug());
        parameters.put("title", article.title());
        parameters.put("summary", article.summary());
        parameters.put("body", article.body());
        parameters.put("bodyHtml", article.bodyHtml());
        parameters.put("author", article.author());
        parameters.put("topics", article.topics().toArray(String[]::new));
        parameters.put("tags", article.tags().toArray(String[]::new));
        parameters.put("canonicalUrl", article.canonicalUrl());
        parameters.put("imageUrl", article.imageUrl());
        parameters.put("createdAt", timestamp(article.createdAt()));
        parameters.put("scheduledAt", timestamp(article.scheduledAt()));
        parameters.put("publishedAt", timestamp(article.publishedAt()));
        parameters.put("updatedAt", timestamp(article.updatedAt()));
        parameters.put("retractedAt", timestamp(article.retractedAt()));
        parameters.put("retractionReason", article.retractionReason());
        parameters.put("changedByName", article.changedBy() == null ? null : article.changedBy().name());
        parameters.put("changedByCredential", article.changedBy() == null ? null : article.changedBy().credential());
        parameters.put("correctionNote", article.correctionNote());
        return parameters;
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Article article(ResultSet rs, int rowNum) throws SQLException {
        return new Article(rs.getObject("id", UUID.class), rs.getLong("version"),
                ArticleStatus.valueOf(rs.getString("status")), rs.getString("slug"), rs.getString("title"),
                rs.getString("summary"), rs.getString("body"), rs.getString("body_html"), rs.getString("author"),
                strings(rs.getArray("topics")), strings(rs.getArray("tags")), rs.getString("canonical_url"),
                rs.getString("image_url"), instant(rs, "created_at"), instant(rs, "scheduled_at"),
                instant(rs, "published_at"),
                instant(rs, "updated_at"), instant(rs, "retracted_at"), rs.getString("retraction_reason"),
                editor(rs), rs.getString("correction_note"));
    }

    private static ArticleSnapshot.Editor editor(ResultSet rs) throws SQLException {
        String name = rs.getString("changed_by_name");
        return name == null ? null : new ArticleSnapshot.Editor(name, rs.getString("changed_by_credential"));
    }

    private static List<String> strings(Array array) throws SQLException {
        return Arrays.asList((String[]) array.getArray());
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
