import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Render cost against archive size: fills feed-service's read model (directly, in bulk) with an
 * archive of 1,000 and then 1,000,000 articles in one topic and one tag, and each time has the
 * all-topics feed, the topic feed and the tag feed (Atom) rendered 20 times by moving their
 * revisions the way an applied event does (stamp, revision, NOTIFY). The render time comes from
 * feed-service's own timer, {@code tidings.feed.renders}. Serving an unchanged feed does not touch
 * the database at all, whatever the archive. Prints last:
 * {@code archive render_1k_ms=... render_1m_ms=... ratio=...}.
 * Usage: java -cp <postgresql jar> ArchiveSize.java <jdbc url> <feed url> <admin API key>
 */
public class ArchiveSize {

    private static final String TOPIC = "archive-bench";

    private static final String TAG = "archive-bench-tag";

    private static final List<String> FEEDS = List.of("/feeds/all.atom", "/feeds/" + TOPIC + ".atom",
            "/feeds/tags/" + TAG + ".atom");

    private static final int RENDERS = 20;

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public static void main(String[] args) throws Exception {
        String feeds = args[1];
        String adminKey = args[2];
        try (Connection db = DriverManager.getConnection(args[0], "postgres", "postgres")) {
            db.setAutoCommit(true);
            try (Statement sql = db.createStatement()) {
                sql.execute("INSERT INTO topics VALUES ('" + TOPIC + "', 1, 'Archive', 'A long archive')");
                sql.execute("INSERT INTO feed_changes (feed, changed_at) VALUES ('" + TOPIC + "', now()), ('*', now()),"
                        + " ('tag:" + TAG + "', now()) ON CONFLICT DO NOTHING");
            }
            fill(db, 1, 1_000);
            // The first rounds warm the JIT up; they would make the small archive look slow.
            renderMillis(db, feeds, adminKey);
            renderMillis(db, feeds, adminKey);
            double thousand = renderMillis(db, feeds, adminKey);
            System.out.printf("archive of 1,000: %.2f ms per render%n", thousand);
            fill(db, 1_001, 1_000_000);
            double million = renderMillis(db, feeds, adminKey);
            System.out.printf("archive of 1,000,000: %.2f ms per render%n", million);
            System.out.printf("archive render_1k_ms=%.2f render_1m_ms=%.2f ratio=%.2f%n", thousand, million,
                    million / thousand);
        }
    }

    /** Articles number {@code from} to {@code to}, one a minute from 2020 on, with their memberships. */
    private static void fill(Connection db, int from, int to) throws Exception {
        long start = System.nanoTime();
        try (Statement sql = db.createStatement()) {
            sql.execute("""
                    INSERT INTO feed_entries (id, version, slug, title, summary, body_html, canonical_url, author,
                                              topics, tags, published_at, updated_at)
                    SELECT gen_random_uuid(), 1, 'archived-' || g, 'Archived article ' || g, 'A summary.',
                           '<p>Emollients restore the skin barrier; article ' || g || '.</p>',
                           'https://health.example/articles/archived-' || g, 'Dr. Mara Lind',
                           ARRAY['%1$s'], ARRAY['%2$s'], t, t
                    FROM generate_series(%3$d, %4$d) AS g,
                         LATERAL (SELECT timestamptz '2020-01-01 00:00:00+00' + g * interval '1 minute' AS t) AS at
                    """.formatted(TOPIC, TAG, from, to));
            sql.execute("""
                    INSERT INTO feed_memberships (entry_id, feed, published_at)
                    SELECT id, feed, published_at FROM feed_entries,
                           unnest(ARRAY['%1$s', 'tag:%2$s']) AS feed
                    WHERE slug LIKE 'archived-%%' AND published_at >= timestamptz '2020-01-01 00:00:00+00'
                          + %3$d * interval '1 minute'
                    """.formatted(TOPIC, TAG, from));
            sql.execute("ANALYZE");
        }
        System.err.printf("filled articles %d to %d in %.1f s%n", from, to, (System.nanoTime() - start) / 1e9);
    }

    /** The mean render time of the three feeds over {@link #RENDERS} changes each, from feed-service's timer. */
    private static double renderMillis(Connection db, String feeds, String adminKey) throws Exception {
        for (String feed : FEEDS) {
            get(feeds + feed, null);
        }
        double[] before = renders(feeds, adminKey);
        for (int i = 0; i < RENDERS; i++) {
            String[] etags = new String[FEEDS.size()];
            for (int f = 0; f < FEEDS.size(); f++) {
                etags[f] = get(feeds + FEEDS.get(f), null).headers().firstValue("ETag").orElseThrow();
            }
            try (PreparedStatement touch = db.prepareStatement("""
                    UPDATE feed_changes SET revision = revision + 1, changed_at = changed_at + interval '1 second'
                    WHERE feed IN (?, ?, ?)""");
                 Statement notify = db.createStatement()) {
                touch.setString(1, "*");
                touch.setString(2, TOPIC);
                touch.setString(3, "tag:" + TAG);
                touch.executeUpdate();
                notify.execute("NOTIFY feed_changes, '*\n" + TOPIC + "\ntag:" + TAG + "'");
            }
            for (int f = 0; f < FEEDS.size(); f++) {
                while (get(feeds + FEEDS.get(f), etags[f]).statusCode() != 200) {
                    Thread.sleep(1);
                }
            }
        }
        double[] after = renders(feeds, adminKey);
        return (after[1] - before[1]) / (after[0] - before[0]) * 1000;
    }

    /** {count, sum in seconds} of tidings.feed.renders from /actuator/prometheus. */
    private static double[] renders(String feeds, String adminKey) throws Exception {
        String metrics = HTTP.send(HttpRequest.newBuilder(URI.create(feeds + "/actuator/prometheus"))
                .header("Authorization", "Bearer " + adminKey).build(), HttpResponse.BodyHandlers.ofString()).body();
        return new double[] { metric(metrics, "tidings_feed_renders_seconds_count"),
                metric(metrics, "tidings_feed_renders_seconds_sum") };
    }

    private static double metric(String metrics, String name) {
        Matcher value = Pattern.compile("(?m)^" + name + "(?:\\{[^}]*\\})? ([0-9.eE+-]+)$").matcher(metrics);
        if (!value.find()) {
            throw new IllegalStateException("no " + name + " in /actuator/prometheus");
        }
        return Double.parseDouble(value.group(1));
    }

    private static HttpResponse<String> get(String url, String etag) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (etag != null) {
            request.header("If-None-Match", etag);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
