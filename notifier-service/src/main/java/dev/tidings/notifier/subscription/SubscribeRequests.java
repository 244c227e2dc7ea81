package dev.tidings.notifier.subscription;

import dev.tidings.notifier.NotifierProperties;
import dev.tidings.notifier.NotifierProperties.SubscribeLimits;
import dev.tidings.notifier.ratelimit.RateLimiter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Takes subscribe requests (API and form) and only records them: the {@link ConfirmationSender}
 * mails them later. A request is answered the same way, doing the same work, whatever the address
 * is: new, pending, subscribed or unsubscribed. Requests beyond {@code subscribe-limits.per-email}
 * for one address are answered alike and not recorded.
 */
@Service
public class SubscribeRequests {

    private final TopicChoices topicChoices;

    private final RateLimiter limiter;

    private final ConfirmationRequests requests;

    private final ApplicationEventPublisher events;

    private final TransactionOperations transactions;

    private final NotifierProperties properties;

    private final Clock clock;

    SubscribeRequests(TopicChoices topicChoices, RateLimiter limiter, ConfirmationRequests requests,
            ApplicationEventPublisher events, TransactionOperations transactions, NotifierProperties properties,
            Clock clock) {
        this.topicChoices = topicChoices;
        this.limiter = limiter;
        this.requests = requests;
        this.events = events;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Records the request for the confirmation sender; nothing else changes until its link is used.
     *
     * @throws InvalidSubscriptionException before anything is stored, when the request is invalid
     */
    public void subscribe(SubscriptionRequest request) {
        EmailAddress email = EmailAddress.parse(request.email());
        Set<String> wanted = topicChoices.checked(request.topics());
        SubscribeLimits limits = properties.subscribeLimits();
        // Keyed by a hash: the bucket table holds no addresses of people who never confirmed. Taken
        // outside the transaction, since the limiter needs a connection of its own.
        if (limiter.tryAcquire("email:" + sha256(email.value()), limits.perEmail(), limits.perEmailPeriod())
                .admitted()) {
            transactions.executeWithoutResult(status -> {
                requests.queue(UUID.randomUUID(), email, wanted, clock.instant());
                events.publishEvent(new ConfirmationQueued());
            });
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("every JVM has SHA-256", ex);
        }
    }
}
