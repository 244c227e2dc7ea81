package dev.tidings.notifier.subscription;

import dev.tidings.notifier.NotifierProperties;
import dev.tidings.notifier.ledger.Deliveries;
import dev.tidings.notifier.suppression.Suppressions;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the links in emails do: the POST of a confirmation link activates exactly its request's
 * topics (see {@link SubscribeRequests} for how requests come in), the unsubscribe link ends
 * everything, the preference link changes topics and frequency.
 */
@Service
public class Subscriptions {

    /** How often someone can get mail: each article at once, or a digest. */
    static final List<String> FREQUENCIES = List.of("instant", "daily", "weekly");

    private final Subscribers subscribers;

    private final ConfirmationRequests requests;

    private final TopicChoices topicChoices;

    private final Deliveries deliveries;

    private final LinkTokens tokens;

    private final SubscriberLinks links;

    private final NotifierProperties properties;

    private final Clock clock;

    private final Suppressions suppressions;

    Subscriptions(Subscribers subscribers, ConfirmationRequests requests, TopicChoices topicChoices,
            Deliveries deliveries, LinkTokens tokens, SubscriberLinks links, NotifierProperties properties,
            Clock clock, Suppressions suppressions) {
        this.suppressions = suppressions;
        this.subscribers = subscribers;
        this.requests = requests;
        this.topicChoices = topicChoices;
        this.deliveries = deliveries;
        this.tokens = tokens;
        this.links = links;
        this.properties = properties;
        this.clock = clock;
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
            // Subscribing again through the mailbox is the one thing that undoes an erasure's suppression.
            suppressions.liftErasure(request.email());
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

    /** The address a preferences token belongs to; empty for a token that is not genuine. */
    @Transactional(readOnly = true)
    public Optional<String> addressOf(String preferencesToken) {
        return tokens.verify(LinkPurpose.PREFERENCES, preferencesToken).flatMap(subscribers::find)
                .map(Subscriber::email);
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
        Set<String> wanted = topicChoices.checked(requested);
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

    /** A confirmation token's state and, when VALID, its locked request. */
    private record Confirmable(TokenState state, ConfirmationRequest request) {
    }
}
