package dev.tidings.feed.readmodel;

import dev.tidings.events.ArticleSnapshot;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The articles of the read model, retracted ones kept as tombstones. Writes are idempotent by
 * (id, version): an event applies only when its version is newer than the stored one.
 */
@Repository
public class FeedEntries {

    private static final String COLUMNS = """
            e.id, e.version, e.title, e.summary, e.body_html, e.canonical_url, e.author, e.topics, e.tags, e.image_url,
            e.published_at, e.updated_at, e.corrected_at, e.correction_note""";

    // One statement for any number of articles: one array per column. Each article's topics and tags come as
    // (ordinal, value) pairs, gathered again by the article's ordinal: unnest cannot take an array of arrays of
    // different lengths.
    private static final String UPSERT = """
            INSERT INTO feed_entries (id, version, slug, title, summary, body_html, canonical_url, author, topics,
                                      tags, image_url, published_at, updated_at, retracted_at, retraction_reason,
                                      corrected_at, correction_note)
            SELECT s.id, s.version, s.slug, s.title, s.summary, s.body_html, s.canonical_url, s.author,
                   COALESCE(t.topics, '{}'), COALESCE(g.tags, '{}'), s.image_url, s.published_at, s.updated_at,
                   s.retracted_at, s.retraction_reason, s.corrected_at, s.correction_note
            FROM unnest(CAST(:ids AS uuid[]), CAST(:versions AS bigint[]), CAST(:slugs AS text[]),
                        CAST(:titles AS text[]), CAST(:summaries AS text[]), CAST(:bodies AS text[]),
                        CAST(:canonicalUrls AS text[]), CAST(:authors AS text[]), CAST(:imageUrls AS text[]),
                        CAST(:publishedAt AS timestamptz[]), CAST(:updatedAt AS timestamptz[]),
                        CAST(:retractedAt AS timestamptz[]), CAST(:retractionReasons AS text[]),
                        CAST(:correctedAt AS timestamptz[]), CAST(:correctionNotes AS text[]))
                 WITH ORDINALITY
                 AS s(id, version, slug, title, summary, body_html, canonical_url, author, image_url, published_at,
                      updated_at, retracted_at, retraction_reason, corrected_at, correction_note, ordinal)
            LEFT JOIN (SELECT ordinal, array_agg(topic ORDER BY n) AS topics
                       FROM unnest(CAST(:topicOrdinals AS bigint[]), CAST(:topics AS text[]))
                            WITH ORDINALITY AS p(ordinal, topic, n)
                       GROUP BY ordinal) t ON t.ordinal = s.ordinal
            LEFT JOIN (SELECT ordinal, array_agg(tag ORDER BY n) AS tags
                       FROM unnest(CAST(:tagOrdinals AS bigint[]), CAST(:tags AS text[]))
                            WITH ORDINALITY AS p(ordinal, tag, n)
                       GROUP BY ordinal) g ON g.ordinal = s.ordinal
            ON CONFLICT (id) DO UPDATE
                SET version = EXCLUDED.version, slug = EXCLUDED.slug, title = EXCLUDED.title,
                    summary = EXCLUDED.summary, body_html = EXCLUDED.body_html,
                    canonical_url = EXCLUDED.canonical_url, author = EXCLUDED.author, topics = EXCLUDED.topics,
                    tags = EXCLUDED.tags, image_url = EXCLUDED.image_url, published_at = EXCLUDED.published_at,
                    updated_at = EXCLUDED.updated_at, retracted_at = EXCLUDED.retracted_at,
                    retraction_reason = EXCLUDED.retraction_reason,
                    corrected_at = COALESCE(EXCLUDED.corrected_at, feed_entries.corrected_at),
                    correction_note = CASE WHEN EXCLUDED.corrected_at IS NULL THEN feed_entries.correction_note
                                           ELSE EXCLUDED.correction_note END
                WHERE feed_entries.version < EXCLUDED.version
            RETURNING id
            """;

    private final JdbcClient jdbc;

    FeedEntries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The topic and tag feeds the stored versions of these articles are in, by article, locking their
     * rows (in id order, so that concurrent writers cannot deadlock) until the transaction ends.
     */
    Map<UUID, List<String>> lockFeedsOf(Collection<UUID> ids) {
        Map<UUID, List<String>> feeds = new HashMap<>();
        jdbc.sql("SELECT id, topics, tags FROM feed_entries WHERE id = ANY(:ids) ORDER BY id FOR UPDATE")
                .param("ids", new SqlParameterValue(Types.ARRAY, ids.toArray(UUID[]::new)))
                .query((RowCallbackHandler) rs -> feeds.put(rs.getObject("id", UUID.class),
                        feedsOf(texts(rs.getArray("topics")), texts(rs.getArray("tags")))));
        return feeds;
    }

    /** The keys of the topic and tag feeds an article with these topics and tags belongs to. */
    static List<String> feedsOf(List<String> topics, List<String> tags) {
        return Stream.concat(topics.stream().map(FeedChanges::topicKey), tags.stream().map(FeedChanges::tagKey))
                .distinct()
                .toList();
    }

    /**
     * Stores each article's state unless a version at least as new is stored, in one statement, and
     * says which were applied. {@code retractedAt} is null for a live article; {@code correctedAt} is
     * set for a correction, which also stores the correction's note (or none); otherwise both keep
     * the stored ones. At most one state per article.
     */
    List<EntryState> upsert(List<EntryState> states) {
        if (states.isEmpty()) {
            return List.of();
        }
        Set<UUID> appliedIds = new HashSet<>(jdbc.sql(UPSERT)
                .params(upsertParameters(states))
                .query(UUID.class)
                .list());
        List<EntryState> applied = states.stream().filter(state -> appliedIds.contains(state.article().id()))
                .toList();
        replaceMemberships(applied);
        return applied;
    }

    private static Map<String, Object> upsertParameters(List<EntryState> states) {
        int size = states.size();
        UUID[] ids = new UUID[size];
        Long[] versions = new Long[size];
        String[][] texts = new String[13][size];
        List<Long> topicOrdinals = new ArrayList<>();
        List<String> topics = new ArrayList<>();
        List<Long> tagOrdinals = new ArrayList<>();
        List<String> tags = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            EntryState state = states.get(i);
            ArticleSnapshot article = state.article();
            boolean retracted = state.retractedAt() != null;
            boolean corrected = state.correctedAt() != null;
            ids[i] = article.id();
            versions[i] = article.version();
            texts[0][i] = StorableText.of(article.slug());
            texts[1][i] = StorableText.of(article.title());
            texts[2][i] = StorableText.of(article.summary());
            texts[3][i] = StorableText.of(article.bodyHtml());
            texts[4][i] = StorableText.of(article.canonicalUrl());
            texts[5][i] = StorableText.of(article.author());
            texts[6][i] = StorableText.of(article.imageUrl());
            texts[7][i] = article.publishedAt().toString();
            texts[8][i] = article.updatedAt().toString();
            texts[9][i] = retracted ? state.retractedAt().toString() : null;
            texts[10][i] = retracted ? StorableText.of(article.retractionReason()) : null;
            texts[11][i] = corrected ? state.correctedAt().toString() : null;
            texts[12][i] = corrected ? StorableText.of(state.correctionNote()) : null;
            for (String topic : StorableText.of(article.topics())) {
                topicOrdinals.add(i + 1L);
                topics.add(topic);
            }
            for (String tag : StorableText.of(article.tags())) {
                tagOrdinals.add(i + 1L);
                tags.add(tag);
            }
        }
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("ids", new SqlParameterValue(Types.ARRAY, ids));
        parameters.put("versions", new SqlParameterValue(Types.ARRAY, versions));
        List<String> names = List.of("slugs", "titles", "summaries", "bodies", "canonicalUrls", "authors",
                "imageUrls", "publishedAt", "updatedAt", "retractedAt", "retractionReasons", "correctedAt",
                "correctionNotes");
        for (int column = 0; column < names.size(); column++) {
            parameters.put(names.get(column), new SqlParameterValue(Types.ARRAY, texts[column]));
        }
        parameters.put("topicOrdinals", new SqlParameterValue(Types.ARRAY, topicOrdinals.toArray(Long[]::new)));
        parameters.put("topics", textArray(topics));
        parameters.put("tagOrdinals", new SqlParameterValue(Types.ARRAY, tagOrdinals.toArray(Long[]::new)));
        parameters.put("tags", textArray(tags));
        return parameters;
    }

    private void replaceMemberships(List<EntryState> applied) {
        if (applied.isEmpty()) {
            return;
        }
        List<UUID> ids = new ArrayList<>();
        List<String> feeds = new ArrayList<>();
        List<String> publishedAt = new ArrayList<>();
        for (EntryState state : applied) {
            if (state.retractedAt() == null) {
                ArticleSnapshot article = state.article();
                for (String feed : feedsOf(StorableText.of(article.topics()), StorableText.of(article.tags()))) {
                    ids.add(article.id());
                    feeds.add(feed);
                    publishedAt.add(article.publishedAt().toString());
                }
            }
        }
        // One statement (a round trip less on the way to the reader): the rows no longer wanted go, the wanted ones
        // are written. The two touch different rows, so they cannot conflict within the statement.
        jdbc.sql("""
                WITH wanted AS (
                    SELECT * FROM unnest(CAST(:ids AS uuid[]), CAST(:feeds AS text[]),
                                         CAST(:publishedAt AS timestamptz[])) AS w(entry_id, feed, published_at)),
                gone AS (
                    DELETE FROM feed_memberships m
                    WHERE m.entry_id = ANY(CAST(:applied AS uuid[]))
                      AND NOT EXISTS (SELECT 1 FROM wanted w WHERE w.entry_id = m.entry_id AND w.feed = m.feed))
                INSERT INTO feed_memberships (entry_id, feed, published_at)
                SELECT entry_id, feed, published_at FROM wanted
                ON CONFLICT (entry_id, feed) DO UPDATE SET published_at = EXCLUDED.published_at
                """)
                .param("applied", new SqlParameterValue(Types.ARRAY,
                        applied.stream().map(state -> state.article().id()).toArray(UUID[]::new)))
                .param("ids", new SqlParameterValue(Types.ARRAY, ids.toArray(UUID[]::new)))
                .param("feeds", textArray(feeds))
                .param("publishedAt", textArray(publishedAt))
                .update();
    }

    /** The newest live entries of every topic, newest first. */
    public List<FeedEntry> newest(int limit) {
        return jdbc.sql("SELECT " + COLUMNS + """
                 FROM feed_entries e WHERE e.retracted_at IS NULL
                ORDER BY e.published_at DESC, e.id LIMIT :limit
                """)
                .param("limit", limit)
                .query(FeedEntries::entry)
                .list();
    }

    /**
     * The live entries of one feed ({@link FeedChanges#ALL_TOPICS}, a topic or a tag key) published in
     * [{@code from}, {@code to}), newest first: an archive page, read from an index range.
     */
    public List<FeedEntry> publishedBetween(String feed, Instant from, Instant to, int limit) {
        String sql = FeedChanges.ALL_TOPICS.equals(feed)
                ? "SELECT " + COLUMNS + """
                   FROM feed_entries e WHERE e.retracted_at IS NULL AND e.published_at >= :from AND e.published_at < :to
                  ORDER BY e.published_at DESC, e.id LIMIT :limit"""
                : "SELECT " + COLUMNS + """
                   FROM feed_memberships m JOIN feed_entries e ON e.id = m.entry_id
                  WHERE m.feed = :feed AND m.published_at >= :from AND m.published_at < :to
                  ORDER BY m.published_at DESC, m.entry_id LIMIT :limit""";
        return jdbc.sql(sql)
                .param("feed", feed)
                .param("from", utc(from))
                .param("to", utc(to))
                .param("limit", limit)
                .query(FeedEntries::entry)
                .list();
    }

    /** When the newest live entry of a feed published before {@code before} was published. */
    public Optional<Instant> latestPublishedBefore(String feed, Instant before) {
        return edge(feed, "max", "<", before);
    }

    /** When the oldest live entry of a feed published at or after {@code from} was published. */
    public Optional<Instant> earliestPublishedFrom(String feed, Instant from) {
        return edge(feed, "min", ">=", from);
    }

    // Both read one end of an index range: max/min over the ordered index, however large the archive.
    private Optional<Instant> edge(String feed, String function, String comparison, Instant at) {
        String sql = FeedChanges.ALL_TOPICS.equals(feed)
                ? "SELECT " + function + "(published_at) AS at FROM feed_entries WHERE retracted_at IS NULL"
                        + " AND published_at " + comparison + " :at AND CAST(:feed AS text) IS NOT NULL"
                : "SELECT " + function + "(published_at) AS at FROM feed_memberships WHERE feed = :feed"
                        + " AND published_at " + comparison + " :at";
        return jdbc.sql(sql)
                .param("feed", feed)
                .param("at", utc(at))
                .query((rs, row) -> Optional.ofNullable(instant(rs, "at")))
                .single();
    }

    /**
     * The newest live entries of any of {@code feeds} (topic or tag keys), newest first, each once:
     * the newest {@code limit} of each feed read from the memberships' index, merged, so the cost is
     * bounded by {@code limit} per feed however large the archive grows.
     */
    public List<FeedEntry> newestOf(List<String> feeds, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + """
                 FROM (SELECT DISTINCT m.entry_id, m.published_at
                         FROM unnest(CAST(:feeds AS text[])) AS f(feed),
                              LATERAL (SELECT entry_id, published_at FROM feed_memberships
                                        WHERE feed = f.feed ORDER BY published_at DESC, entry_id LIMIT :limit) m) n
                 JOIN feed_entries e ON e.id = n.entry_id
                ORDER BY n.published_at DESC, n.entry_id LIMIT :limit
                """)
                .param("feeds", textArray(feeds))
                .param("limit", limit)
                .query(FeedEntries::entry)
                .list();
    }

    private static FeedEntry entry(ResultSet rs, int row) throws SQLException {
        return new FeedEntry(rs.getObject("id", UUID.class), rs.getLong("version"), rs.getString("title"),
                rs.getString("summary"), rs.getString("body_html"), rs.getString("canonical_url"),
                rs.getString("author"), texts(rs.getArray("topics")), texts(rs.getArray("tags")),
                rs.getString("image_url"), rs.getObject("published_at", OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant(), instant(rs, "corrected_at"),
                rs.getString("correction_note"));
    }

    /**
     * The retractions since {@code since}, newest first, of the articles that were in any of
     * {@code topics} or {@code tags} (of every article when both are empty). Reads only retractions
     * newer than {@code since}.
     */
    public List<Retraction> retractedSince(List<String> topics, List<String> tags, Instant since, int limit) {
        return jdbc.sql("""
                SELECT id, retracted_at, retraction_reason FROM feed_entries
                WHERE retracted_at IS NOT NULL AND retracted_at > :since
                  AND ((cardinality(CAST(:topics AS text[])) = 0 AND cardinality(CAST(:tags AS text[])) = 0)
                       OR topics && CAST(:topics AS text[]) OR tags && CAST(:tags AS text[]))
                ORDER BY retracted_at DESC, id LIMIT :limit
                """)
                .param("since", utc(since))
                .param("topics", textArray(topics))
                .param("tags", textArray(tags))
                .param("limit", limit)
                .query((rs, row) -> new Retraction(rs.getObject("id", UUID.class), instant(rs, "retracted_at"),
                        Objects.requireNonNullElse(rs.getString("retraction_reason"), "")))
                .list();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static List<String> texts(Array array) throws SQLException {
        return List.of((String[]) array.getArray());
    }

    // Wrapped so that the named-parameter support binds one SQL array instead of expanding an IN list.
    private static SqlParameterValue textArray(List<String> values) {
        return new SqlParameterValue(Types.ARRAY, values.toArray(String[]::new));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
