package dev.tidings.feed.websub;

import static dev.tidings.feed.websub.TestSubscriber.Verification.ECHO_CHALLENGE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tidings.events.ArticleEventType;
import dev.tidings.events.ArticleSnapshot;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A partner subscribes to its partner feed (token in the path) through the hub: it gets the changes
 * of its own topics as its feed shows them, none of other topics, and nothing once its token is
 * revoked.
 */
class PartnerSubscriptionIntegrationTests extends HubIntegrationTest {

    @Test
    void aPartnerSubscribedThroughTheHubGetsItsTopicsUntilItsTokenIsRevoked() {
        String mine = uniqueSlug("partner-push");
        String other = uniqueSlug("partner-other");
        createTopic(mine, "Pushed");
        createTopic(other, "Not pushed");
        HttpResponse<String> created = admin("POST", "/api/admin/partners",
                "{\"name\":\"Push Partner\",\"topics\":[\"" + mine + "\"]}");
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode partner = json.readTree(created.body());
        String token = partner.get("token").asString();
        String topic = properties.publicUrl() + "/partner/" + token + "/feeds/all.atom";
        String callback = subscriber.callback("partner", ECHO_CHALLENGE, 204);

        assertThat(hub(topic, callback).statusCode()).isEqualTo(202);
        await().atMost(PATIENCE).until(() -> subscription(callback)
                .filter(view -> view.get("state").asString().equals("active")).isPresent());
        assertThat(admin("GET", "/api/admin/websub/subscriptions", null).body())
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

        assertThat(admin("DELETE", "/api/admin/partners/" + partner.get("id").asString() + "/token", null)
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

    private HttpResponse<String> hub(String topic, String callback) {
        return hub(Map.of("hub.mode", "subscribe", "hub.topic", topic, "hub.callback", callback));
    }
}
