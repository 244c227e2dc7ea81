package dev.tidings.feed.websub;

import dev.tidings.feed.FeedProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Makes one claimed delivery (W3C WebSub 7): POSTs the topic's newest content, as a GET of the feed
 * would return it, to the subscriber's callback with the feed's {@code Content-Type}, {@code Link}
 * headers naming the hub and the topic, and {@code X-Hub-Signature: sha256=<hex HMAC-SHA256 of the
 * body with the subscriber's secret>} when it gave one. A 2xx answer is a delivery; anything else
 * (including a redirect or a refused address) is retried after {@code first-retry}, doubling up to
 * {@code longest-retry}, and given up after {@code max-attempts}; a topic whose feed is gone is
 * given up at once. Metrics:
 * {@code tidings.websub.deliveries{outcome=sent|failed|given_up}}.
 */
@Component
class ContentDistributor {

    private static final Logger log = LoggerFactory.getLogger(ContentDistributor.class);

    private final Subscriptions subscriptions;

    private final PendingDeliveries deliveries;

    private final TopicSources topics;

    private final CallbackClient client;

    private final Clock clock;

    private final String hubUrl;

    private final FeedProperties.Websub settings;

    private final Counter sent;

    private final Counter failed;

    private final Counter givenUp;

    ContentDistributor(Subscriptions subscriptions, PendingDeliveries deliveries, TopicSources topics,
            CallbackClient client, Clock clock, FeedProperties properties, MeterRegistry meters) {
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.topics = topics;
        this.client = client;
        this.clock = clock;
        this.hubUrl = properties.hubUrl();
        this.settings = properties.websub();
        this.sent = deliveries(meters, "sent");
        this.failed = deliveries(meters, "failed");
        this.givenUp = deliveries(meters, "given_up");
    }

    /** Delivers the claim's content, records the outcome, and ends or reschedules the claim. */
    void deliver(PendingDeliveries.Claim claim) {
        Optional<Subscription> subscription = subscriptions.find(claim.subscriptionId());
        if (subscription.isEmpty()) {
            // Unsubscribed or expired meanwhile; its pending row went with it.
            return;
        }
        Optional<FeedContent> content = topics.contentOf(subscription.get().topic());
        if (content.isEmpty()) {
            // The feed is gone (a partner's revoked token, say): retrying cannot help.
            subscriptions.recordFailure(claim.subscriptionId(), "the topic's feed no longer exists", clock.instant(),
                    true);
            deliveries.finish(claim, clock.instant());
            givenUp.increment();
            return;
        }
        String outcome = attempt(subscription.get(), content.get());
        Instant now = clock.instant();
        if (outcome == null) {
            subscriptions.recordSuccess(claim.subscriptionId(), "delivered", now);
            deliveries.finish(claim, now);
            sent.increment();
            return;
        }
        boolean last = claim.attempt() >= settings.maxAttempts();
        subscriptions.recordFailure(claim.subscriptionId(), outcome, now, last);
        if (last) {
            log.warn("Gave up delivering {} after {} attempts: {}", subscription.get(), claim.attempt(), outcome);
            deliveries.finish(claim, now);
            givenUp.increment();
        }
        else {
            Duration delay = backoff(claim.attempt());
            log.info("Delivery attempt {} to {} failed ({}); next in {}", claim.attempt(), subscription.get(), outcome,
                    delay);
            deliveries.retryAt(claim, now.plus(delay));
            failed.increment();
        }
    }

    /** Null if the subscriber accepted the content, else what went wrong. */
    private String attempt(Subscription subscription, FeedContent content) {
        byte[] body = content.body();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Link", "<" + hubUrl + ">; rel=\"hub\", <" + subscription.topic() + ">; rel=\"self\"");
        if (subscription.secret() != null) {
            headers.put("X-Hub-Signature", "sha256=" + hmacSha256(subscription.secret(), body));
        }
        try {
            CallbackClient.Answer answer = client.post(URI.create(subscription.callback()), body,
                    content.contentType(), headers);
            return answer.successful() ? null : "HTTP " + answer.status();
        }
        catch (IOException ex) {
            return ex.getClass().getSimpleName() + ": " + ex.getMessage();
        }
    }

    private Duration backoff(int attempt) {
        Duration delay = settings.firstRetry();
        for (int i = 1; i < attempt && delay.compareTo(settings.longestRetry()) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(settings.longestRetry()) > 0 ? settings.longestRetry() : delay;
    }

    static String hmacSha256(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        }
        catch (NoSuchAlgorithmException | InvalidKeyException ex) {
            throw new IllegalStateException("every JVM has HmacSHA256 and takes any non-empty key", ex);
        }
    }

    private static Counter deliveries(MeterRegistry meters, String outcome) {
        return Counter.builder("tidings.websub.deliveries")
                .description("WebSub content deliveries: sent (2xx), failed (to be retried), given_up (every "
                        + "attempt failed)")
                .tag("outcome", outcome)
                .register(meters);
    }
}
