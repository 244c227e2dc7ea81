package dev.tidings.feed.websub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tidings.feed.FeedProperties;
import dev.tidings.feed.FeedServiceIntegrationTest;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the hub's tests share: a {@link TestSubscriber} per test, requests to {@code POST /hub}, and
 * the admin's view of the subscriptions.
 */
abstract class HubIntegrationTest extends FeedServiceIntegrationTest {

    private static final String ADMIN_KEY = "local-admin-key";

    protected final JsonMapper json = JsonMapper.builder().build();

    @Autowired
    protected FeedProperties properties;

    protected TestSubscriber subscriber;

    @BeforeEach
    void startSubscriber() throws IOException {
        subscriber = new TestSubscriber();
    }

    @AfterEach
    void stopSubscriber() {
        subscriber.close();
    }

    /** The first notification to {@code callback} whose body contains {@code containing}, waited for. */
    protected TestSubscriber.Notification awaitNotification(String callback, String containing) {
        return await().atMost(PATIENCE).until(() -> subscriber.notificationsOf(callback).stream()
                .filter(notification -> notification.text().contains(containing))
                .findFirst(), Optional::isPresent).orElseThrow();
    }

    /** {@code POST /hub} with {@code form} as its form-encoded body. */
    protected HttpResponse<String> hub(Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(parameter -> URLEncoder.encode(parameter.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(parameter.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(uri("/hub"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)), HttpResponse.BodyHandlers.ofString());
    }

    /** The admin's view of the subscription of {@code callback}, if the hub holds one. */
    protected Optional<JsonNode> subscription(String callback) {
        HttpResponse<String> response = admin("GET", "/api/admin/websub/subscriptions", null);
        assertThat(response.statusCode()).isEqualTo(200);
        return json.readTree(response.body()).values().stream()
                .filter(view -> view.get("callback").asString().equals(callback))
                .findFirst();
    }

    /** A request with the admin's key; {@code body}, if any, as JSON. */
    protected HttpResponse<String> admin(String method, String path, String body) {
        return withJson(method, path, ADMIN_KEY, body);
    }
}
