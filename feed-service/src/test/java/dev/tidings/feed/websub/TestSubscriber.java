package dev.tidings.feed.websub;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A WebSub subscriber inside the test: an HTTP server on 127.0.0.1 (allow-listed in the local
 * profile) with one callback per path, each answering verifications of intent and content
 * deliveries the way the test tells it, and recording what it got.
 */
final class TestSubscriber implements AutoCloseable {

    /** How a callback answers the hub's verification GET. */
    enum Verification { ECHO_CHALLENGE, WRONG_CHALLENGE, NOT_FOUND }

    /** A verification GET: its query parameters. */
    record Verified(String callback, Map<String, String> parameters) {
    }

    /** A content delivery POST as received, and when it finished arriving. */
    record Notification(String callback, String contentType, List<String> links, String signature, byte[] body,
            Instant receivedAt) {

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final HttpServer server;

    private final ExecutorService threads = Executors.newCachedThreadPool();

    private final Map<String, Verification> verifications = new HashMap<>();

    private final Map<String, Integer> statuses = new HashMap<>();

    private final Map<String, CountDownLatch> holds = new HashMap<>();

    private final List<Verified> verified = new CopyOnWriteArrayList<>();

    private final List<Notification> notifications = new CopyOnWriteArrayList<>();

    TestSubscriber() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    /** A new callback URL answering verifications as {@code verification} and deliveries with {@code status}. */
    synchronized String callback(String name, Verification verification, int status) {
        String path = "/" + name;
        verifications.put(path, verification);
        statuses.put(path, status);
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Deliveries to {@code callback} wait (unanswered) until the returned latch is counted down. */
    synchronized CountDownLatch hold(String callback) {
        CountDownLatch latch = new CountDownLatch(1);
        holds.put(pathOf(callback), latch);
        return latch;
    }

    List<Verified> verificationsOf(String callback) {
        return verified.stream().filter(request -> request.callback().equals(callback)).toList();
    }

    List<Notification> notificationsOf(String callback) {
        return notifications.stream().filter(notification -> notification.callback().equals(callback)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String callback = "http://127.0.0.1:" + server.getAddress().getPort() + path;
        byte[] body = exchange.getRequestBody().readAllBytes();
        if (exchange.getRequestMethod().equals("GET")) {
            Map<String, String> parameters = query(exchange.getRequestURI().getRawQuery());
            verified.add(new Verified(callback, parameters));
            Verification verification;
            synchronized (this) {
                verification = verifications.get(path);
            }
            switch (verification) {
                case ECHO_CHALLENGE -> answer(exchange, 200, parameters.get("hub.challenge"));
                case WRONG_CHALLENGE -> answer(exchange, 200, parameters.get("hub.challenge") + "x");
                case NOT_FOUND -> answer(exchange, 404, "no such subscriber");
            }
            return;
        }
        notifications.add(new Notification(callback, exchange.getRequestHeaders().getFirst("Content-Type"),
                exchange.getRequestHeaders().getOrDefault("Link", List.of()),
                exchange.getRequestHeaders().getFirst("X-Hub-Signature"), body, Instant.now()));
        CountDownLatch hold;
        int status;
        synchronized (this) {
            hold = holds.get(path);
            status = statuses.get(path);
        }
        if (hold != null) {
            try {
                hold.await(30, TimeUnit.SECONDS);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
        answer(exchange, status, "");
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> parameters = new HashMap<>();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                int equals = pair.indexOf('=');
                parameters.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return parameters;
    }

    private String pathOf(String callback) {
        return callback.substring(("http://127.0.0.1:" + server.getAddress().getPort()).length());
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
