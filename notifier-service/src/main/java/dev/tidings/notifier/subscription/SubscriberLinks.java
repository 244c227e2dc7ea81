package dev.tidings.notifier.subscription;

import dev.tidings.notifier.NotifierProperties;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The personal links of an email: one-click unsubscribe and the preference page. They are derived
 * from the subscriber's id with an HMAC ({@link LinkTokens}), not stored: a link works even when
 * the transaction of the send that carried it rolls back, and the same subscriber always gets the
 * same links (until the signing key rotates).
 */
@Component
public class SubscriberLinks {

    private final LinkTokens tokens;

    private final NotifierProperties properties;

    SubscriberLinks(LinkTokens tokens, NotifierProperties properties) {
        this.tokens = tokens;
        this.properties = properties;
    }

    /** The links of the subscriber's emails; writes nothing. */
    public Links of(UUID subscriberId) {
        return new Links(unsubscribeUrl(subscriberId),
                properties.baseUrl() + "/preferences?token=" + tokens.sign(LinkPurpose.PREFERENCES, subscriberId));
    }

    String unsubscribeUrl(UUID subscriberId) {
        return properties.baseUrl() + "/unsubscribe?token=" + tokens.sign(LinkPurpose.UNSUBSCRIBE, subscriberId);
    }

    /** The personal links of one email. */
    public record Links(String unsubscribeUrl, String preferencesUrl) {
    }
}
