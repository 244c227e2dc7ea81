package dev.tidings.feed.websub;

import static dev.tidings.feed.websub.TestSubscriber.Verification.ECHO_CHALLENGE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tidings.events.ArticleEventType;
import dev.tidings.events.ArticleSnapshot;
import dev.tidings.feed.FeedProperties;
import dev.tidings.feed.FeedServiceIntegrationTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A partner subscribes to its partner feed (token in the path) through the hub: it gets the changes
 * of its own topics as its feed shows them, none of other topics, and nothing once its token is
 * revoked.
 */
class PartnerSubscriptionIntegrationTests extends FeedServiceIntegrationTest {

    private static final String ADMIN = "Bearer local-admin-key";

    private final HttpClient http = HttpClient.newHttpClient();

    private final JsonMapper json = JsonMapper.builder().build();

    @Autowired
    FeedProperties properties;

    @LocalServerPort
    int serverPort;

    private TestSubscriber subscriber;

    @BeforeEach
    void startSubscriber() throws IOException {
        subscriber = new TestSubscriber();
    }

    @AfterEach
    void stopSubscriber() {
        subscriber.close();
    }

    @Test
    void aPartnerSubscribedThroughTheHubGetsItsTopicsUntilItsTokenIsRevoked() {
        String mine = uniqueSlug("partner-push");
        String other = uniqueSlug("partner-other");
        createTopic(mine, "Pushed");
        createTopic(other, "Not pushed");
        HttpResponse<String> created = send("POST", "/api/admin/partners",
                "{\"name\":\"Push Partner\",\"topics\":[\"" + mine + "\"]}");
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode partner = json.readTree(created.body());
        String token = partner.get("token").asString();
        String topic = properties.publicUrl() + "/partner/" + token + "/feeds/all.atom";
        String callback = subscriber.callback("partner", ECHO_CHALLENGE, 204);

        assertThat(hub(topic, callback).statusCode()).isEqualTo(202);
        await().atMost(PATIENCE).until(() -> subscription(callback)
                .filter(view -> view.get("state").asString().equals("active")).isPresent());
        assertThat(send("GET", "/api/admin/websub/subscriptions", null).body())
                .as("the admin view hides the partner's token").doesNotContain(token)
                .contains(properties.publicUrl() + "/partner/tdp_…/feeds/all.atom");

        ArticleSnapshot first = article(UUID.randomUUID(), 1, "Pushed", "<p>One.</p>", List.of(mine));
        kafka.send(ArticleEventType.PUBLISHED, first);
        TestSubscriber.Notification pushed = awaitNotification(callback, "urn:uuid:" + first.id());
        assertThat(pushed.contentType()).isEqualTo("application/atom+xml;charset=UTF-8");
        assertThat(String.join(", ", pushed.links())).contains("<" + topic + ">; rel=\"self\"");
        assertThat(pushed.text()).contains("&lt;p&gt;One.&lt;/p&gt;")
                .isEqualTo(new String(get("/partner/" + token + "/feeds/all.atom").body(), StandardCharsets.UTF_8));

        ArticleSnapshot elsewhere = article(UUID.randomUUID(), 2, "Elsewhere", "<p>Other.</p>", List.of(other));
        kafka.send(ArticleEventType.PUBLISHED, elsewhere);
        ArticleSnapshot second = article(UUID.randomUUID(), 3, "Pushed again", "<p>Two.</p>", List.of(mine));
        kafka.send(ArticleEventType.PUBLISHED, second);
        awaitNotification(callback, "urn:uuid:" + second.id());
        assertThat(subscriber.notificationsOf(callback))
                .noneMatch(notification -> notification.text().contains(elsewhere.id().toString()));

        assertThat(send("DELETE", "/api/admin/partners/" + partner.get("id").asString() + "/token", null)
                .statusCode()).isEqualTo(204);
        ArticleSnapshot afterRevocation = article(UUID.randomUUID(), 4, "Too late", "<p>Three.</p>", List.of(mine));
        kafka.send(ArticleEventType.PUBLISHED, afterRevocation);
        await().atMost(PATIENCE).until(() -> subscription(callback)
                .filter(view -> view.get("failures").asInt() > 0).isPresent());
        assertThat(subscriber.notificationsOf(callback))
                .noneMatch(notification -> notification.text().contains(afterRevocation.id().toString()));
        // A revoked, forged or unknown token names no feed of this hub.
        assertThat(hub(topic, subscriber.callback("again", ECHO_CHALLENGE, 204)).statusCode()).isEqualTo(400);
        assertThat(hub(properties.publicUrl() + "/partner/tdp_" + "C".repeat(43) + "/feeds/all.atom",
                subscriber.callback("forged", ECHO_CHALLENGE, 204)).statusCode()).isEqualTo(400);
    }

    private TestSubscriber.Notification awaitNotification(String callback, String containing) {
        return await().atMost(PATIENCE).until(() -> subscriber.notificationsOf(callback).stream()
                .filter(notification -> notification.text().contains(containing))
                .findFirst(), Optional::isPresent).orElseThrow();
    }

    private HttpResponse<String> hub(String topic, String callback) {
        String form = Map.of("hub.mode", "subscribe", "hub.topic", topic, "hub.callback", callback).entrySet()
                .stream()
                .map(parameter -> URLEncoder.encode(parameter.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(parameter.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return exchange(HttpRequest.newBuilder(URI.create("http://localhost:" + serverPort + "/hub"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    private Optional<JsonNode> subscription(String callback) {
        return json.readTree(send("GET", "/api/admin/websub/subscriptions", null).body()).values().stream()
                .filter(view -> view.get("callback").asString().equals(callback))
                .findFirst();
    }

    private HttpResponse<String> send(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + serverPort + path))
                .header("Authorization", ADMIN)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return exchange(request);
    }

    private HttpResponse<String> exchange(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }
}
