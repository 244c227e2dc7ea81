package dev.tidings.notifier.subscription;

import dev.tidings.notifier.NotifierProperties;
import java.time.Clock;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Issues one-click unsubscribe links. Tokens are random and stored only as hashes, so the link
 * cannot be rebuilt later: every email gets a fresh token, and each of them unsubscribes the same
 * subscriber, for as long as the subscriber exists.
 */
@Component
public class UnsubscribeLinks {

    private final Subscribers subscribers;

    private final OpaqueTokens tokens;

    private final NotifierProperties properties;

    private final Clock clock;

    UnsubscribeLinks(Subscribers subscribers, OpaqueTokens tokens, NotifierProperties properties, Clock clock) {
        this.subscribers = subscribers;
        this.tokens = tokens;
        this.properties = properties;
        this.clock = clock;
    }

    /** A new unsubscribe URL for the subscriber; stored in the caller's transaction. */
    public String issue(UUID subscriberId) {
        String token = tokens.newToken();
        subscribers.storeUnsubscribeToken(subscriberId, tokens.hash(token), clock.instant());
        return properties.baseUrl() + "/unsubscribe?token=" + token;
    }
}
