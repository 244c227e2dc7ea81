import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Publish-to-feed latency: creates a topic, then for each of {@code count} articles writes a draft,
 * starts the clock, publishes it through content-service's API and polls the topic's Atom feed
 * (conditional GET, every millisecond) until the article is in it. Prints one line per percentile
 * and last {@code latency feed_p50_ms=... feed_p99_ms=... websub_p50_ms=n/a websub_p99_ms=n/a}
 * (there is no WebSub hub yet).
 * Usage: java Latency.java <content url> <feed url> <admin API key> <editor API key> <count>
 * (an admin creates topics, an editor writes and publishes).
 */
public class Latency {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public static void main(String[] args) throws Exception {
        String content = args[0];
        String feeds = args[1];
        String adminKey = args[2];
        String key = args[3];
        int count = Integer.parseInt(args[4]);
        String topic = "latency-" + UUID.randomUUID().toString().substring(0, 8);
        expect(201, post(content + "/api/topics", adminKey, """
                {"slug":"%s","title":"Latency","description":"Articles published by the latency benchmark."}"""
                .formatted(topic)));
        String feed = feeds + "/feeds/" + topic + ".atom";
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (get(feed, null).statusCode() != 200) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(feed + " never appeared");
            }
            Thread.sleep(50);
        }
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            HttpResponse<String> draft = post(content + "/api/articles", key, """
                    {"title":"Latency probe %d","summary":"How fast a published article reaches the feed.",\
                    "body":"Emollients **restore the skin barrier**.\\n\\nProbe %d of the latency benchmark.",\
                    "author":"Dr. Mara Lind","topics":["%s"],"tags":["benchmark"]}""".formatted(i, i, topic));
            expect(201, draft);
            Matcher id = ID.matcher(draft.body());
            if (!id.find()) {
                throw new IllegalStateException("no id in " + draft.body());
            }
            String etag = get(feed, null).headers().firstValue("ETag").orElse(null);
            long startedAt = System.currentTimeMillis();
            long start = System.nanoTime();
            HttpResponse<String> published = post(content + "/api/articles/" + id.group(1) + "/publish", key, null);
            if (published.statusCode() / 100 != 2) {
                expect(200, published);
            }
            double publishMillis = (System.nanoTime() - start) / 1e6;
            while (true) {
                HttpResponse<String> response = get(feed, etag);
                if (response.statusCode() == 200) {
                    if (response.body().contains("urn:uuid:" + id.group(1))) {
                        break;
                    }
                    etag = response.headers().firstValue("ETag").orElse(null);
                }
                if (System.nanoTime() - start > Duration.ofSeconds(30).toNanos()) {
                    throw new IllegalStateException("article " + id.group(1) + " never reached " + feed);
                }
                LockSupport.parkNanos(1_000_000);
            }
            millis.add((System.nanoTime() - start) / 1e6);
            // Per probe, for lining up with the services' logs: when it started, the publish request, the total.
            System.err.printf("probe %d article %s started %d publish_ms %.1f visible_ms %.1f%n", i, id.group(1),
                    startedAt, publishMillis, millis.get(millis.size() - 1));
        }
        Collections.sort(millis);
        System.out.printf("publishes %d, min %.1f ms, max %.1f ms%n", count, millis.get(0), millis.get(count - 1));
        System.out.printf("latency feed_p50_ms=%.1f feed_p99_ms=%.1f websub_p50_ms=n/a websub_p99_ms=n/a%n",
                percentile(millis, 50), percentile(millis, 99));
    }

    /** Nearest-rank percentile of sorted values. */
    private static double percentile(List<Double> sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    private static HttpResponse<String> post(String url, String key, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + key);
        if (json == null) {
            request.POST(HttpRequest.BodyPublishers.noBody());
        }
        else {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String url, String etag) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (etag != null) {
            request.header("If-None-Match", etag);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void expect(int status, HttpResponse<String> response) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(response.request().method() + " " + response.uri() + " answered "
                    + response.statusCode() + ": " + response.body());
        }
    }
}
