package dev.tidings.notifier.subscription;

import dev.tidings.notifier.NotifierProperties;
import java.time.Clock;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Issues the personal links of an email: one-click unsubscribe and the preference page. Tokens are
 * random and stored only as hashes, so a link cannot be rebuilt later: every email gets a fresh
 * token, and each of them stands for the same subscriber, for as long as the subscriber exists.
 */
@Component
public class SubscriberLinks {

    private final Subscribers subscribers;

    private final OpaqueTokens tokens;

    private final NotifierProperties properties;

    private final Clock clock;

    SubscriberLinks(Subscribers subscribers, OpaqueTokens tokens, NotifierProperties properties, Clock clock) {
        this.subscribers = subscribers;
        this.tokens = tokens;
        this.properties = properties;
        this.clock = clock;
    }

    /** New links for the subscriber; the token is stored in the caller's transaction. */
    public Links issue(UUID subscriberId) {
        String token = tokens.newToken();
        subscribers.storeUnsubscribeToken(subscriberId, tokens.hash(token), clock.instant());
        return new Links(properties.baseUrl() + "/unsubscribe?token=" + token,
                properties.baseUrl() + "/preferences?token=" + token);
    }

    /** The personal links of one email. */
    public record Links(String unsubscribeUrl, String preferencesUrl) {
    }
}
