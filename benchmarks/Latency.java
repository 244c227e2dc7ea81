import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Publish-to-feed and publish-to-WebSub latency: creates a topic and subscribes a WebSub subscriber
 * that runs here (an HTTP server on 127.0.0.1, which the 'local' profile allow-lists, with a secret)
 * to the topic's Atom feed; then for each of {@code warmup} + {@code count} articles writes a draft,
 * starts the clock, publishes it through content-service's API, polls the topic's Atom feed
 * (conditional GET, every millisecond) until the article is in it, and waits for the first notification whose
 * {@code X-Hub-Signature} verifies and that holds the article. Only the last {@code count} are
 * counted: the first {@code warmup} bring the services' JIT to the code a running service has
 * compiled (the first hundreds of publishes take two to three times as long). Prints the spread
 * and last {@code latency feed_p50_ms=... feed_p99_ms=... websub_p50_ms=... websub_p99_ms=...}.
 * Usage: java Latency.java <content url> <feed url> <admin API key> <editor API key> <count> <warmup>
 * (an admin creates topics, an editor writes and publishes).
 */
public class Latency {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static final Pattern ENTRY_ID = Pattern.compile("urn:uuid:([0-9a-f-]{36})");

    public static void main(String[] args) throws Exception {
        String content = args[0];
        String feeds = args[1];
        String adminKey = args[2];
        String key = args[3];
        int count = Integer.parseInt(args[4]);
        int warmup = Integer.parseInt(args[5]);
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
        Subscriber subscriber = new Subscriber();
        subscriber.subscribe(feeds, feed, adminKey);
        List<Double> millis = new ArrayList<>();
        List<Double> websubMillis = new ArrayList<>();
        for (int i = -warmup; i < count; i++) {
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
            double visibleMillis = (System.nanoTime() - start) / 1e6;
            long notifiedAt = subscriber.awaitNotified(id.group(1), Duration.ofSeconds(30));
            double notifiedMillis = (notifiedAt - start) / 1e6;
            if (i < 0) {
                continue;
            }
            millis.add(visibleMillis);
            websubMillis.add(notifiedMillis);
            // Per probe, for lining up with the services' logs: when it started, the publish request, the totals.
            System.err.printf("probe %d article %s started %d publish_ms %.1f visible_ms %.1f websub_ms %.1f%n", i,
                    id.group(1), startedAt, publishMillis, visibleMillis, notifiedMillis);
        }
        subscriber.unsubscribe(feeds, feed);
        Collections.sort(millis);
        Collections.sort(websubMillis);
        System.out.printf("publishes %d after %d to warm up, feed min %.1f ms, max %.1f ms; "
                + "websub min %.1f ms, max %.1f ms; %d signed notifications%n", count, warmup, millis.get(0),
                millis.get(count - 1), websubMillis.get(0), websubMillis.get(count - 1),
                subscriber.notifications.get());
        System.out.printf("latency feed_p50_ms=%.1f feed_p99_ms=%.1f websub_p50_ms=%.1f websub_p99_ms=%.1f%n",
                percentile(millis, 50), percentile(millis, 99), percentile(websubMillis, 50),
                percentile(websubMillis, 99));
        subscriber.server.stop(0);
        System.exit(0);
    }

    /**
     * A WebSub subscriber: answers the hub's verification of intent with its challenge, and records
     * for every article id the {@link System#nanoTime()} of the first signed notification holding it.
     * A notification whose signature does not verify stops the benchmark.
     */
    private static final class Subscriber {

        private final HttpServer server;

        private final String secret = HexFormat.of().formatHex(SecureRandom.getSeed(16));

        private final Map<String, Long> firstSeen = new ConcurrentHashMap<>();

        private final AtomicInteger notifications = new AtomicInteger();

        private final CountDownLatch unsubscribed = new CountDownLatch(1);

        private volatile CountDownLatch verified = new CountDownLatch(1);

        Subscriber() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setExecutor(Executors.newFixedThreadPool(4));
            server.createContext("/websub", this::handle);
            server.start();
        }

        String callback() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/websub";
        }

        /** Subscribes to {@code topic} at the hub of {@code feeds}, until the admin view lists the subscription. */
        void subscribe(String feeds, String topic, String adminKey) throws Exception {
            expect(202, hub(feeds, "subscribe", topic));
            if (!verified.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the hub never verified the subscription to " + topic);
            }
            HttpRequest subscriptions = HttpRequest.newBuilder(URI.create(feeds + "/api/admin/websub/subscriptions"))
                    .header("Authorization", "Bearer " + adminKey).build();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!HTTP.send(subscriptions, HttpResponse.BodyHandlers.ofString()).body().contains(callback())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the hub verified but never listed the subscription");
                }
                Thread.sleep(20);
            }
        }

        void unsubscribe(String hub, String topic) throws Exception {
            expect(202, hub(hub, "unsubscribe", topic));
            unsubscribed.await(30, TimeUnit.SECONDS);
        }

        long awaitNotified(String articleId, Duration patience) throws InterruptedException {
            long deadline = System.nanoTime() + patience.toNanos();
            while (true) {
                Long at = firstSeen.get(articleId);
                if (at != null) {
                    return at;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("no WebSub notification with article " + articleId);
                }
                LockSupport.parkNanos(200_000);
            }
        }

        private HttpResponse<String> hub(String hub, String mode, String topic) throws Exception {
            String form = "hub.mode=" + mode + "&hub.topic=" + URLEncoder.encode(topic, StandardCharsets.UTF_8)
                    + "&hub.callback=" + URLEncoder.encode(callback(), StandardCharsets.UTF_8)
                    + "&hub.secret=" + secret;
            return HTTP.send(HttpRequest.newBuilder(URI.create(hub + "/hub"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        }

        private void handle(HttpExchange exchange) throws IOException {
            byte[] body = exchange.getRequestBody().readAllBytes();
            long receivedAt = System.nanoTime();
            if (exchange.getRequestMethod().equals("GET")) {
                String challenge = "";
                String mode = "";
                for (String pair : exchange.getRequestURI().getRawQuery().split("&")) {
                    String[] parameter = pair.split("=", 2);
                    String value = URLDecoder.decode(parameter[1], StandardCharsets.UTF_8);
                    if (parameter[0].equals("hub.challenge")) {
                        challenge = value;
                    }
                    else if (parameter[0].equals("hub.mode")) {
                        mode = value;
                    }
                }
                answer(exchange, 200, challenge.getBytes(StandardCharsets.UTF_8));
                (mode.equals("subscribe") ? verified : unsubscribed).countDown();
                return;
            }
            String signature = exchange.getRequestHeaders().getFirst("X-Hub-Signature");
            if (signature == null || !MessageDigest.isEqual(signature.getBytes(StandardCharsets.US_ASCII),
                    ("sha256=" + hmacSha256(body)).getBytes(StandardCharsets.US_ASCII))) {
                System.err.println("a WebSub notification whose signature does not verify: " + signature);
                answer(exchange, 400, new byte[0]);
                System.exit(1);
            }
            notifications.incrementAndGet();
            Matcher ids = ENTRY_ID.matcher(new String(body, StandardCharsets.UTF_8));
            while (ids.find()) {
                firstSeen.putIfAbsent(ids.group(1), receivedAt);
            }
            answer(exchange, 204, new byte[0]);
        }

        private String hmacSha256(byte[] body) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                return HexFormat.of().formatHex(mac.doFinal(body));
            }
            catch (Exception ex) {
                throw new IllegalStateException(ex);
            }
        }

        private static void answer(HttpExchange exchange, int status, byte[] body) throws IOException {
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
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
