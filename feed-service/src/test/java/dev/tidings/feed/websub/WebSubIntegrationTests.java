package dev.tidings.feed.websub;

import static dev.tidings.feed.websub.TestSubscriber.Verification.ECHO_CHALLENGE;
import static dev.tidings.feed.websub.TestSubscriber.Verification.NOT_FOUND;
import static dev.tidings.feed.websub.TestSubscriber.Verification.WRONG_CHALLENGE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tidings.events.ArticleEventType;
import dev.tidings.events.ArticleSnapshot;
import io.micrometer.core.instrument.Counter;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The WebSub hub against a subscriber that runs in the test ({@link TestSubscriber}), over real
 * HTTP, Kafka and PostgreSQL: verification of intent, signed content on publish, correction and
 * retraction, unsubscription, leases, refusals, retries.
 */
class WebSubIntegrationTests extends HubIntegrationTest {

    @Test
    void aVerifiedSubscriberGetsSignedContentOfEveryPublishCorrectionAndRetraction() throws Exception {
        String topic = topicFeed("websub-signed", "atom");
        String callback = subscriber.callback("signed", ECHO_CHALLENGE, 204);
        String secret = "a secret only the subscriber and the hub know";

        assertThat(hub(Map.of("hub.mode", "subscribe", "hub.topic", topic, "hub.callback", callback,
                "hub.secret", secret, "hub.lease_seconds", "86400")).statusCode()).isEqualTo(202);

        await().atMost(PATIENCE).until(() -> subscription(callback).isPresent());
        Map<String, String> verification = subscriber.verificationsOf(callback).get(0).parameters();
        assertThat(verification).containsEntry("hub.mode", "subscribe").containsEntry("hub.topic", topic)
                .containsEntry("hub.lease_seconds", "86400").containsKey("hub.challenge");
        JsonNode view = subscription(callback).orElseThrow();
        assertThat(view.get("state").asString()).isEqualTo("active");
        assertThat(view.get("signed").asBoolean()).isTrue();
        assertThat(view.toString()).doesNotContain(secret);

        String slug = slugOf(topic);
        ArticleSnapshot article = article(UUID.randomUUID(), 1, "Vitamin D", "<p>Take 4000 IU.</p>", List.of(slug));
        kafka.send(ArticleEventType.PUBLISHED, article);
        TestSubscriber.Notification published = awaitNotification(callback, "urn:uuid:" + article.id());
        assertThat(published.contentType()).isEqualTo("application/atom+xml;charset=UTF-8");
        assertThat(String.join(", ", published.links())).contains("<" + properties.hubUrl() + ">; rel=\"hub\"")
                .contains("<" + topic + ">; rel=\"self\"");
        assertThat(published.signature()).isEqualTo("sha256=" + hmacSha256(secret, published.body()));
        // The content is the feed as served.
        assertThat(published.text()).isEqualTo(new String(get(pathOf(topic)).body(), StandardCharsets.UTF_8));

        kafka.send(ArticleEventType.UPDATED, corrected(article, 2, "Vitamin D", "<p>Take 600 IU.</p>"));
        TestSubscriber.Notification correction = awaitNotification(callback, "Take 600 IU.");
        assertThat(correction.signature()).isEqualTo("sha256=" + hmacSha256(secret, correction.body()));

        kafka.send(ArticleEventType.RETRACTED, retractedNow(article, 3));
        TestSubscriber.Notification retraction = awaitNotification(callback,
                "<at:deleted-entry ref=\"urn:uuid:" + article.id() + "\"");
        assertThat(retraction.text()).contains("<at:comment>Could not be supported.</at:comment>")
                .doesNotContain("<id>urn:uuid:" + article.id() + "</id>");
        assertThat(retraction.signature()).isEqualTo("sha256=" + hmacSha256(secret, retraction.body()));
        assertThat(subscription(callback).orElseThrow().get("lastDeliveryStatus").asString()).isEqualTo("delivered");
    }

    @Test
    void everyFeedResponseLinksTheHubAndItself() {
        String topic = topicFeed("websub-links", "rss");
        String link = "<" + properties.hubUrl() + ">; rel=\"hub\", <" + topic + ">; rel=\"self\"";
        HttpResponse<byte[]> feed = get(pathOf(topic));

        assertThat(feed.headers().firstValue("Link")).hasValue(link);
        assertThat(new String(feed.body(), StandardCharsets.UTF_8))
                .contains("<atom:link href=\"" + properties.hubUrl() + "\" rel=\"hub\" />");
        String etag = feed.headers().firstValue("ETag").orElseThrow();
        HttpResponse<byte[]> notModified = get(pathOf(topic), "If-None-Match", etag);
        assertThat(notModified.statusCode()).isEqualTo(304);
        assertThat(notModified.headers().firstValue("Link")).hasValue(link);
        assertThat(exchange("HEAD", pathOf(topic)).headers().firstValue("Link")).hasValue(link);
        JsonNode jsonFeed = json.readTree(get(pathOf(topic).replace(".rss", ".json")).body());
        assertThat(jsonFeed.get("hubs").get(0).get("url").asString()).isEqualTo(properties.hubUrl());
    }

    @Test
    void anUnsubscribedCallbackGetsNothingMore() throws Exception {
        String topic = topicFeed("websub-unsubscribe", "atom");
        String leaving = subscriber.callback("leaving", ECHO_CHALLENGE, 200);
        String staying = subscriber.callback("staying", ECHO_CHALLENGE, 200);
        subscribe(topic, leaving);
        subscribe(topic, staying);
        ArticleSnapshot first = publish(topic, "First");
        awaitNotification(leaving, "urn:uuid:" + first.id());
        awaitNotification(staying, "urn:uuid:" + first.id());

        assertThat(hub(Map.of("hub.mode", "unsubscribe", "hub.topic", topic, "hub.callback", leaving)).statusCode())
                .isEqualTo(202);
        await().atMost(PATIENCE).until(() -> subscription(leaving).isEmpty());
        assertThat(subscriber.verificationsOf(leaving)).last()
                .satisfies(request -> assertThat(request.parameters()).containsEntry("hub.mode", "unsubscribe")
                        .doesNotContainKey("hub.lease_seconds"));

        ArticleSnapshot second = publish(topic, "Second");
        awaitNotification(staying, "urn:uuid:" + second.id());
        assertThat(subscriber.notificationsOf(leaving)).noneMatch(n -> n.text().contains("urn:uuid:" + second.id()));
    }

    @Test
    void aSubscriptionWhoseLeaseEndedGetsNothingUntilItIsRenewed() throws Exception {
        String topic = topicFeed("websub-lease", "atom");
        String expiring = subscriber.callback("expiring", ECHO_CHALLENGE, 200);
        String lasting = subscriber.callback("lasting", ECHO_CHALLENGE, 200);
        // The shortest lease the hub grants is an hour; asked for less, it grants that.
        assertThat(hub(Map.of("hub.mode", "subscribe", "hub.topic", topic, "hub.callback", expiring,
                "hub.lease_seconds", "60")).statusCode()).isEqualTo(202);
        await().atMost(PATIENCE).until(() -> subscription(expiring).isPresent());
        assertThat(subscriber.verificationsOf(expiring).get(0).parameters()).containsEntry("hub.lease_seconds", "3600");
        subscribe(topic, lasting);

        clock.advance(Duration.ofHours(2));
        ArticleSnapshot afterExpiry = publish(topic, "After expiry");

        awaitNotification(lasting, "urn:uuid:" + afterExpiry.id());
        assertThat(subscriber.notificationsOf(expiring)).isEmpty();
        await().atMost(PATIENCE).until(() -> subscription(expiring).isEmpty());

        subscribe(topic, expiring);
        ArticleSnapshot afterRenewal = publish(topic, "After renewal");
        awaitNotification(expiring, "urn:uuid:" + afterRenewal.id());
    }

    @Test
    void aCallbackThatDoesNotEchoTheChallengeNeverBecomesASubscription() {
        String topic = topicFeed("websub-unverified", "atom");
        String wrong = subscriber.callback("wrong", WRONG_CHALLENGE, 200);
        String missing = subscriber.callback("missing", NOT_FOUND, 200);
        double unverifiedBefore = verifications("unverified");

        assertThat(hub(Map.of("hub.mode", "subscribe", "hub.topic", topic, "hub.callback", wrong)).statusCode())
                .isEqualTo(202);
        assertThat(hub(Map.of("hub.mode", "subscribe", "hub.topic", topic, "hub.callback", missing)).statusCode())
                .isEqualTo(202);

        await().atMost(PATIENCE).until(() -> verifications("unverified") >= unverifiedBefore + 2);
        assertThat(subscriber.verificationsOf(wrong)).hasSize(1);
        assertThat(subscriber.verificationsOf(missing)).hasSize(1);
        assertThat(subscription(wrong)).isEmpty();
        assertThat(subscription(missing)).isEmpty();
    }

    @Test
    void callbacksInsideTheNetworkAreRefused() {
        String topic = topicFeed("websub-ssrf", "atom");
        int port = URI.create(subscriber.callback("inside", ECHO_CHALLENGE, 200)).getPort();
        for (String callback : List.of("http://10.0.0.7/callback", "http://169.254.169.254/latest/meta-data/",
                "http://[::1]:" + port + "/inside", "http://[::ffff:10.0.0.7]/callback", "http://0.0.0.0/",
                "http://192.168.1.1/", "http://100.64.0.1/", "http://[fd00::1]/", "http://[fe80::1]/")) {
            HttpResponse<String> refused = hub(Map.of("hub.mode", "subscribe", "hub.topic", topic,
                    "hub.callback", callback));
            assertThat(refused.statusCode()).as(callback).isEqualTo(400);
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(refused.body()).as(callback).contains("refused");
        }
        assertThat(subscriber.verificationsOf("http://[::1]:" + port + "/inside")).isEmpty();
    }

    @Test
    void badHubRequestsGetAProblem() {
        String topic = topicFeed("websub-bad", "atom");
        String callback = subscriber.callback("bad", ECHO_CHALLENGE, 200);
        Map<String, Map<String, String>> requests = new LinkedHashMap<>();
        requests.put("no mode", Map.of("hub.topic", topic, "hub.callback", callback));
        requests.put("unknown mode", Map.of("hub.mode", "publish", "hub.topic", topic, "hub.callback", callback));
        requests.put("unknown topic", Map.of("hub.mode", "subscribe", "hub.topic",
                properties.publicUrl() + "/feeds/no-such-topic.atom", "hub.callback", callback));
        requests.put("topic elsewhere", Map.of("hub.mode", "subscribe", "hub.topic",
                "https://elsewhere.example/feeds/all.atom", "hub.callback", callback));
        requests.put("not http", Map.of("hub.mode", "subscribe", "hub.topic", topic,
                "hub.callback", "ftp://127.0.0.1/x"));
        requests.put("relative", Map.of("hub.mode", "subscribe", "hub.topic", topic, "hub.callback", "/callback"));
        requests.put("CRLF", Map.of("hub.mode", "subscribe", "hub.topic", topic,
                "hub.callback", callback + "\r\nX-Injected: 1"));
        requests.put("secret of 200 bytes", Map.of("hub.mode", "subscribe", "hub.topic", topic,
                "hub.callback", callback, "hub.secret", "s".repeat(200)));
        requests.put("lease not a number", Map.of("hub.mode", "subscribe", "hub.topic", topic,
                "hub.callback", callback, "hub.lease_seconds", "ten days"));
        requests.put("oversized", Map.of("hub.mode", "subscribe", "hub.topic", topic,
                "hub.callback", callback, "padding", "x".repeat(10_000)));
        requests.forEach((what, form) -> {
            HttpResponse<String> response = hub(form);
            assertThat(response.statusCode()).as(what).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).as(what).hasValue("application/problem+json");
            assertThat(json.readTree(response.body()).get("detail").asString()).as(what).isNotBlank();
        });
        assertThat(hub(Map.of("hub.mode", "subscribe", "hub.topic", topic, "hub.callback", callback,
                "hub.secret", "s".repeat(199))).statusCode()).isEqualTo(202);
        await().atMost(PATIENCE).until(() -> subscription(callback).isPresent());
        // Only the good request reached the callback.
        assertThat(subscriber.verificationsOf(callback)).hasSize(1);
    }

    @Test
    void aFailingCallbackIsRetriedThenGivenUpWithoutDelayingAnother() throws Exception {
        String topic = topicFeed("websub-failing", "atom");
        String failing = subscriber.callback("failing", ECHO_CHALLENGE, 500);
        String healthy = subscriber.callback("healthy", ECHO_CHALLENGE, 200);
        subscribe(topic, failing);
        subscribe(topic, healthy);
        double givenUpBefore = deliveries("given_up");
        CountDownLatch failingAnswers = subscriber.hold(failing);

        ArticleSnapshot article = publish(topic, "Retried");

        // The failing callback has not even answered its first delivery when the healthy one got its own.
        await().atMost(PATIENCE).until(() -> subscriber.notificationsOf(failing).size() == 1);
        awaitNotification(healthy, "urn:uuid:" + article.id());
        failingAnswers.countDown();

        await().atMost(PATIENCE).until(() -> deliveries("given_up") >= givenUpBefore + 1);
        assertThat(subscriber.notificationsOf(failing)).hasSize(3)
                .allSatisfy(notification -> assertThat(notification.text()).contains("urn:uuid:" + article.id()));
        JsonNode view = subscription(failing).orElseThrow();
        assertThat(view.get("lastDeliveryStatus").asString()).isEqualTo("HTTP 500");
        assertThat(view.get("failures").asInt()).isEqualTo(3);
        assertThat(view.get("givenUp").asInt()).isEqualTo(1);
        assertThat(view.get("deliveryPending").asBoolean()).isFalse();
        assertThat(subscriber.notificationsOf(healthy)).hasSize(1);
    }

    /** A new topic and the URL of its feed in {@code format}, as its self link names it. */
    private String topicFeed(String prefix, String format) {
        String slug = uniqueSlug(prefix);
        createTopic(slug, "WebSub " + slug);
        return properties.publicUrl() + "/feeds/" + slug + "." + format;
    }

    private ArticleSnapshot publish(String topic, String title) {
        ArticleSnapshot article = article(UUID.randomUUID(), 1, title, "<p>" + title + ".</p>",
                List.of(slugOf(topic)));
        kafka.send(ArticleEventType.PUBLISHED, article);
        return article;
    }

    private void subscribe(String topic, String callback) {
        assertThat(hub(Map.of("hub.mode", "subscribe", "hub.topic", topic, "hub.callback", callback)).statusCode())
                .isEqualTo(202);
        await().atMost(PATIENCE).until(() -> subscription(callback).isPresent());
    }

    private String pathOf(String topic) {
        return topic.substring(properties.publicUrl().length());
    }

    private static String slugOf(String topic) {
        String file = topic.substring(topic.lastIndexOf('/') + 1);
        return file.substring(0, file.lastIndexOf('.'));
    }

    private double verifications(String outcome) {
        Counter counter = meters.find("tidings.websub.verifications").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    private double deliveries(String outcome) {
        Counter counter = meters.find("tidings.websub.deliveries").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    private static String hmacSha256(String secret, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }
}
