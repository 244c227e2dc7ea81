package dev.tidings.notifier.articles;

import dev.tidings.events.ArticleSnapshot;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The latest state of every article this service heard of, kept by (id, version). */
@Repository
public class ArticleStates {

    private final JdbcClient jdbc;

    ArticleStates(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // Only a newer version changes a stored article (any newer one: gaps happen when an event was dead-lettered), and a
    // retraction is for good.
    private static final String ON_NEWER_VERSION = """
            ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version, slug = EXCLUDED.slug,
                title = EXCLUDED.title, summary = EXCLUDED.summary, body_html = EXCLUDED.body_html,
                canonical_url = EXCLUDED.canonical_url, author = EXCLUDED.author, topics = EXCLUDED.topics,
                published_at = EXCLUDED.published_at, updated_at = EXCLUDED.updated_at,
                retracted_at = COALESCE(articles.retracted_at, EXCLUDED.retracted_at)
            WHERE articles.version < EXCLUDED.version
            """;

    /**
     * Stores the snapshot if its version is newer than the stored one. Returns false for a duplicate
     * or an out-of-date event.
     */
    boolean apply(ArticleSnapshot article) {
        return jdbc.sql("""
                INSERT INTO articles (id, version, slug, title, summary, body_html, canonical_url, author, topics,
                    published_at, updated_at, retracted_at)
                VALUES (:id, :version, :slug, :title, :summary, :bodyHtml, :canonicalUrl, :author, :topics,
                    :publishedAt, :updatedAt, :retractedAt)
                """ + ON_NEWER_VERSION)
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

    /**
     * Stores many articles in one statement, each only if its version is newer than the stored one
     * (at most one state per article), with {@code retractedAt} as given; returns how many changed.
     * For a rebuild from the log: nothing else (no delivery) follows from it.
     */
    int applyAll(List<ArticleState> states) {
        if (states.isEmpty()) {
            return 0;
        }
        int size = states.size();
        UUID[] ids = new UUID[size];
        Long[] versions = new Long[size];
        String[][] texts = new String[9][size];
        List<Long> topicOrdinals = new ArrayList<>();
        List<String> topics = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            ArticleSnapshot article = states.get(i).article();
            Instant retractedAt = states.get(i).retractedAt();
            ids[i] = article.id();
            versions[i] = article.version();
            texts[0][i] = article.slug();
            texts[1][i] = article.title();
            texts[2][i] = article.summary();
            texts[3][i] = article.bodyHtml();
            texts[4][i] = article.canonicalUrl();
            texts[5][i] = article.author();
            texts[6][i] = article.publishedAt().toString();
            texts[7][i] = article.updatedAt().toString();
            texts[8][i] = retractedAt == null ? null : retractedAt.toString();
            for (String topic : article.topics()) {
                topicOrdinals.add(i + 1L);
                topics.add(topic);
            }
        }
        // One array per column. Each article's topics come as (ordinal, topic) pairs, gathered again by the article's
        // ordinal: unnest cannot take an array of arrays of different lengths.
        return jdbc.sql("""
                INSERT INTO articles (id, version, slug, title, summary, body_html, canonical_url, author, topics,
                    published_at, updated_at, retracted_at)
                SELECT s.id, s.version, s.slug, s.title, s.summary, s.body_html, s.canonical_url, s.author,
                    COALESCE(t.topics, '{}'), s.published_at, s.updated_at, s.retracted_at
                FROM unnest(CAST(:ids AS uuid[]), CAST(:versions AS bigint[]), CAST(:slugs AS text[]),
                    CAST(:titles AS text[]), CAST(:summaries AS text[]), CAST(:bodies AS text[]),
                    CAST(:canonicalUrls AS text[]), CAST(:authors AS text[]), CAST(:publishedAt AS timestamptz[]),
                    CAST(:updatedAt AS timestamptz[]), CAST(:retractedAt AS timestamptz[]))
                    WITH ORDINALITY
                    AS s(id, version, slug, title, summary, body_html, canonical_url, author, published_at,
                         updated_at, retracted_at, ordinal)
                LEFT JOIN (SELECT ordinal, array_agg(topic ORDER BY n) AS topics
                           FROM unnest(CAST(:topicOrdinals AS bigint[]), CAST(:topics AS text[]))
                                WITH ORDINALITY AS p(ordinal, topic, n)
                           GROUP BY ordinal) t ON t.ordinal = s.ordinal
                """ + ON_NEWER_VERSION)
                .param("ids", new SqlParameterValue(Types.ARRAY, ids))
                .param("versions", new SqlParameterValue(Types.ARRAY, versions))
                .param("slugs", new SqlParameterValue(Types.ARRAY, texts[0]))
                .param("titles", new SqlParameterValue(Types.ARRAY, texts[1]))
                .param("summaries", new SqlParameterValue(Types.ARRAY, texts[2]))
                .param("bodies", new SqlParameterValue(Types.ARRAY, texts[3]))
                .param("canonicalUrls", new SqlParameterValue(Types.ARRAY, texts[4]))
                .param("authors", new SqlParameterValue(Types.ARRAY, texts[5]))
                .param("publishedAt", new SqlParameterValue(Types.ARRAY, texts[6]))
                .param("updatedAt", new SqlParameterValue(Types.ARRAY, texts[7]))
                .param("retractedAt", new SqlParameterValue(Types.ARRAY, texts[8]))
                .param("topicOrdinals", new SqlParameterValue(Types.ARRAY, topicOrdinals.toArray(Long[]::new)))
                .param("topics", new SqlParameterValue(Types.ARRAY, topics.toArray(String[]::new)))
                .update();
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
