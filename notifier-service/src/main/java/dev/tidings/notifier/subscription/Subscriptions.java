package dev.tidings.notifier.subscription;

import dev.tidings.notifier.NotifierProperties;
import dev.tidings.notifier.NotifierProperties.SubscribeLimits;
import dev.tidings.notifier.delivery.Deliveries;
import dev.tidings.notifier.ratelimit.RateLimiter;
import dev.tidings.notifier.topics.KnownTopics;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Double opt-in subscriptions: a request is recorded (and later mailed by the
 * {@link ConfirmationSender}); the POST of its link's token activates exactly the request's topics;
 * the unsubscribe link ends everything.
 *
 * <p>A request is answered the same way, doing the same work, whatever the address is: new,
 * pending, subscribed or unsubscribed. Requests beyond {@code subscribe-limits.per-email} for one
 * address are answered alike and not recorded.
 */
@Service
public class Subscriptions {

    private static final int MAX_TOPICS = 100;

    /** How often someone can get mail: each article at once, or a digest. */
    static final List<String> FREQUENCIES = List.of("instant", "daily", "weekly");

    private final Subscribers subscribers;

    private final ConfirmationRequests requests;

    private final KnownTopics topics;

    private final Deliveries deliveries;

    private final LinkTokens tokens;

    private final SubscriberLinks links;

    private final RateLimiter limiter;

    private final ApplicationEventPublisher events;

    private final TransactionOperations transactions;

    private final NotifierProperties properties;

    private final Clock clock;

    Subscriptions(Subscribers subscribers, ConfirmationRequests requests, KnownTopics topics, Deliveries deliveries,
            LinkTokens tokens, SubscriberLinks links, RateLimiter limiter, ApplicationEventPublisher events,
            TransactionOperations transactions, NotifierProperties properties, Clock clock) {
        this.subscribers = subscribers;
        this.requests = requests;
        this.topics = topics;
        this.deliveries = deliveries;
        this.tokens = tokens;
        this.links = links;
        this.limiter = limiter;
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
        Set<String> wanted = checkedTopics(request.topics());
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

    /** What a confirmation token is, without using it (for the page a GET shows). */
    @Transactional
    public TokenState inspectConfirmation(String token) {
        return confirmable(token).state();
    }

    /** Uses the token: the mailbox is verified and exactly the request's topics become active. */
    @Transactional
    public TokenState confirm(String token) {
        Confirmable confirmable = confirmable(token);
        if (confirmable.state() == TokenState.VALID) {
            ConfirmationRequest request = confirmable.request();
            Instant now = clock.instant();
            Subscriber subscriber = subscribers.lockOrCreate(new EmailAddress(request.email()), now);
            if (subscriber.unsubscribed()) {
                subscribers.resume(subscriber.id());
            }
            subscribers.confirmTopics(subscriber.id(), request.topics(), now);
            requests.markConfirmed(request.id(), now);
        }
        return confirmable.state();
    }

    /** Whether an unsubscribe token is genuine (for the page a GET shows). */
    public TokenState inspectUnsubscribe(String token) {
        return tokens.verify(LinkPurpose.UNSUBSCRIBE, token).map(id -> TokenState.VALID)
                .orElseGet(() -> tokens.rejection(token));
    }

    /**
     * Unsubscribes the token's owner from everything, cancels their pending emails and outstanding
     * confirmation requests; VALID for every genuine token, also when there is nothing left to end.
     */
    @Transactional
    public TokenState unsubscribe(String token) {
        Optional<UUID> target = tokens.verify(LinkPurpose.UNSUBSCRIBE, token);
        if (target.isEmpty()) {
            return tokens.rejection(token);
        }
        subscribers.lock(target.get()).ifPresent(subscriber -> {
            subscribers.unsubscribe(subscriber.id(), clock.instant());
            deliveries.cancelPendingOfSubscriber(subscriber.id());
            requests.cancelOutstanding(subscriber.email());
        });
        return TokenState.VALID;
    }

    /** The subscriber's current choice, for the preference page; empty for a token that is not genuine. */
    @Transactional(readOnly = true)
    public Optional<Preferences> preferences(String token) {
        return tokens.verify(LinkPurpose.PREFERENCES, token).flatMap(subscribers::find)
                .map(subscriber -> new Preferences(subscriber.email(), subscriber.unsubscribed(),
                        Set.copyOf(subscribers.confirmedTopics(subscriber.id())),
                        subscribers.frequencyOf(subscriber.id()), links.unsubscribeUrl(subscriber.id())));
    }

    /**
     * Replaces the subscriber's topics and, if given, how often they get mail ({@code instant},
     * {@code daily}, {@code weekly}); the token comes from an email, so the mailbox is proven and the
     * choice applies at once. A person who unsubscribed must subscribe again instead.
     *
     * @throws InvalidSubscriptionException before anything changes, when the topics are invalid
     */
    @Transactional
    public TokenState savePreferences(String token, List<String> requested, String frequency) {
        Optional<Subscriber> target = tokens.verify(LinkPurpose.PREFERENCES, token).flatMap(subscribers::lock);
        if (target.isEmpty()) {
            return tokens.rejection(token);
        }
        Set<String> wanted = checkedTopics(requested);
        if (frequency != null && !FREQUENCIES.contains(frequency)) {
            throw new InvalidSubscriptionException("frequency must be one of " + String.join(", ", FREQUENCIES));
        }
        Subscriber subscriber = target.get();
        if (subscriber.unsubscribed()) {
            return TokenState.USED;
        }
        subscribers.replaceTopics(subscriber.id(), wanted, clock.instant());
        if (frequency != null) {
            subscribers.setFrequency(subscriber.id(), frequency);
        }
        return TokenState.VALID;
    }

    private Confirmable confirmable(String token) {
        Optional<ConfirmationRequest> request = tokens.verify(LinkPurpose.CONFIRM, token).flatMap(requests::lock);
        if (request.isEmpty()) {
            return new Confirmable(tokens.rejection(token), null);
        }
        if (request.get().closed()) {
            return new Confirmable(TokenState.USED, null);
        }
        boolean fresh = request.get().requestedAt().plus(properties.confirmationTokenTtl()).isAfter(clock.instant());
        return fresh ? new Confirmable(TokenState.VALID, request.get()) : new Confirmable(TokenState.EXPIRED, null);
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

    /** A confirmation token's state and, when VALID, its locked request. */
    private record Confirmable(TokenState state, ConfirmationRequest request) {
    }

    private Set<String> checkedTopics(List<String> requested) {
        if (requested == null || requested.isEmpty()) {
            throw new InvalidSubscriptionException("choose at least one topic");
        }
        if (requested.size() > MAX_TOPICS) {
            throw new InvalidSubscriptionException("at most " + MAX_TOPICS + " topics can be chosen");
        }
        if (requested.stream().anyMatch(topic -> topic == null || topic.isBlank())) {
            throw new InvalidSubscriptionException("topics must not be blank");
        }
        Set<String> wanted = new LinkedHashSet<>(requested);
        Set<String> unknown = topics.unknownAmong(wanted);
        if (!unknown.isEmpty()) {
            throw new InvalidSubscriptionException("unknown topic: " + String.join(", ", unknown),
                    Map.of("unknownTopics", List.copyOf(unknown)));
        }
        return wanted;
    }
}
