package dev.tidings.notifier.subscription;

import dev.tidings.notifier.NotifierProperties;
import dev.tidings.notifier.delivery.Deliveries;
import dev.tidings.notifier.topics.KnownTopics;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Double opt-in subscriptions: a request stores unconfirmed topics and mails a confirmation link; a
 * POST of that link's token activates them; the one-click token ends everything.
 *
 * <p>The answer to a request never reveals whether the address is already subscribed.
 */
@Service
public class Subscriptions {

    private static final int MAX_TOPICS = 100;

    /** How often someone can get mail: each article at once, or a digest. */
    static final List<String> FREQUENCIES = List.of("instant", "daily", "weekly");

    private final Subscribers subscribers;

    private final KnownTopics topics;

    private final Deliveries deliveries;

    private final OpaqueTokens tokens;

    private final ApplicationEventPublisher events;

    private final NotifierProperties properties;

    private final Clock clock;

    Subscriptions(Subscribers subscribers, KnownTopics topics, Deliveries deliveries, OpaqueTokens tokens,
            ApplicationEventPublisher events, NotifierProperties properties, Clock clock) {
        this.subscribers = subscribers;
        this.topics = topics;
        this.deliveries = deliveries;
        this.tokens = tokens;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Records the request and, if anything awaits confirmation, mails a fresh confirmation link once
     * the transaction committed. Re-subscribing merges topics.
     *
     * @throws InvalidSubscriptionException before anything is stored, when the request is invalid
     */
    @Transactional
    public void subscribe(SubscriptionRequest request) {
        EmailAddress email = EmailAddress.parse(request.email());
        Set<String> wanted = checkedTopics(request.topics());
        Instant now = clock.instant();
        Subscriber subscriber = subscribers.lockOrCreate(email, now);
        if (subscriber.unsubscribed()) {
            subscribers.restart(subscriber.id());
        }
        subscribers.addTopics(subscriber.id(), wanted, now);
        boolean awaitsConfirmation = subscriber.confirmedAt() == null || subscriber.unsubscribed()
                || subscribers.hasUnconfirmedTopics(subscriber.id());
        if (awaitsConfirmation) {
            String token = tokens.newToken();
            subscribers.storeConfirmationToken(subscriber.id(), tokens.hash(token),
                    now.plus(properties.confirmationTokenTtl()));
            events.publishEvent(new ConfirmationRequested(email.value(), properties.baseUrl()
                    + "/subscriptions/confirm?token=" + token));
        }
    }

    /** What a confirmation token is, without using it (for the page a GET shows). */
    @Transactional
    public TokenState inspectConfirmation(String token) {
        return confirmationState(token);
    }

    /** Uses the token: the subscriber and all topics they asked for become active. */
    @Transactional
    public TokenState confirm(String token) {
        TokenState state = confirmationState(token);
        if (state == TokenState.VALID) {
            byte[] hash = tokens.hash(token);
            Instant now = clock.instant();
            Subscribers.ConfirmationToken stored = subscribers.lockConfirmationToken(hash).orElseThrow();
            subscribers.markConfirmationTokenUsed(hash, now);
            subscribers.confirm(stored.subscriberId(), now);
        }
        return state;
    }

    /** Whether an unsubscribe token is ours (for the page a GET shows). */
    @Transactional(readOnly = true)
    public TokenState inspectUnsubscribe(String token) {
        return unsubscribeTarget(token).map(id -> TokenState.VALID)
                .orElse(tokens.wellFormed(token) ? TokenState.UNKNOWN : TokenState.MALFORMED);
    }

    /** Unsubscribes the token's owner from everything and cancels their pending emails; idempotent. */
    @Transactional
    public TokenState unsubscribe(String token) {
        Optional<UUID> subscriber = unsubscribeTarget(token);
        if (subscriber.isEmpty()) {
            return tokens.wellFormed(token) ? TokenState.UNKNOWN : TokenState.MALFORMED;
        }
        subscribers.lock(subscriber.get());
        subscribers.unsubscribe(subscriber.get(), clock.instant());
        deliveries.cancelPendingOfSubscriber(subscriber.get());
        return TokenState.VALID;
    }

    /** The subscriber's current choice, for the preference page; empty for an unknown token. */
    @Transactional(readOnly = true)
    public Optional<Preferences> preferences(String token) {
        return unsubscribeTarget(token).flatMap(subscribers::find)
                .map(subscriber -> new Preferences(subscriber.email(), subscriber.unsubscribed(),
                        Set.copyOf(subscribers.confirmedTopics(subscriber.id())),
                        subscribers.frequencyOf(subscriber.id())));
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
        Optional<UUID> target = unsubscribeTarget(token);
        if (target.isEmpty()) {
            return tokens.wellFormed(token) ? TokenState.UNKNOWN : TokenState.MALFORMED;
        }
        Set<String> wanted = checkedTopics(requested);
        if (frequency != null && !FREQUENCIES.contains(frequency)) {
            throw new InvalidSubscriptionException("frequency must be one of " + String.join(", ", FREQUENCIES));
        }
        Subscriber subscriber = subscribers.lock(target.get()).orElseThrow();
        if (subscriber.unsubscribed()) {
            return TokenState.USED;
        }
        subscribers.replaceTopics(subscriber.id(), wanted, clock.instant());
        if (frequency != null) {
            subscribers.setFrequency(subscriber.id(), frequency);
        }
        return TokenState.VALID;
    }

    private TokenState confirmationState(String token) {
        if (!tokens.wellFormed(token)) {
            return TokenState.MALFORMED;
        }
        return subscribers.lockConfirmationToken(tokens.hash(token)).map(stored -> {
            if (stored.usedAt() != null) {
                return TokenState.USED;
            }
            return stored.expiresAt().isAfter(clock.instant()) ? TokenState.VALID : TokenState.EXPIRED;
        }).orElse(TokenState.UNKNOWN);
    }

    private Optional<UUID> unsubscribeTarget(String token) {
        if (!tokens.wellFormed(token)) {
            return Optional.empty();
        }
        return subscribers.subscriberOfUnsubscribeToken(tokens.hash(token));
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
