package dev.tidings.notifier.subscription;

import dev.tidings.notifier.NotifierProperties;
import dev.tidings.notifier.composing.NewsletterEnvelope;
import dev.tidings.notifier.dkim.DkimSigning;
import dev.tidings.notifier.suppression.Suppressions;
import dev.tidings.notifier.topics.KnownTopics;
import dev.tidings.notifier.topics.Topic;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Mails the queued confirmation requests, away from the request thread, so that answering a
 * subscribe request takes the same time whatever the address is.
 *
 * <p>Rows are claimed with {@code FOR UPDATE SKIP LOCKED} and settled in the same transaction as
 * the send, so several instances never mail one request twice; an advisory lock per address makes
 * one transaction at a time decide about an address. Per address at most one email goes out per
 * {@code confirmation-email-interval}: a request within it waits until the interval has passed, and
 * of several waiting requests only the newest is mailed. A request whose topics the address already
 * receives is skipped, and so is one to a suppressed address (rejected, bounced or complained). A
 * crash between the send and the commit can repeat that batch's emails; their links stay valid,
 * since they are HMACs of the request id.
 */
@Component
class ConfirmationSender {

    private static final Logger log = LoggerFactory.getLogger(ConfirmationSender.class);

    private static final Duration LONGEST_RETRY_DELAY = Duration.ofHours(6);

    private final ConfirmationRequests requests;

    private final Subscribers subscribers;

    private final KnownTopics topics;

    private final ConfirmationEmailComposer composer;

    private final JavaMailSenderImpl mailSender;

    private final NewsletterEnvelope envelope;

    private final TransactionOperations transactions;

    private final NotifierProperties properties;

    private final Clock clock;

    private final MeterRegistry meters;

    private final Suppressions suppressions;

    private final DkimSigning dkim;

    ConfirmationSender(ConfirmationRequests requests, Subscribers subscribers, KnownTopics topics,
            ConfirmationEmailComposer composer, JavaMailSenderImpl mailSender, NewsletterEnvelope envelope,
            TransactionOperations transactions, NotifierProperties properties, Clock clock, MeterRegistry meters,
            Suppressions suppressions, DkimSigning dkim) {
        this.suppressions = suppressions;
        this.dkim = dkim;
        this.requests = requests;
        this.subscribers = subscribers;
        this.topics = topics;
        this.composer = composer;
        this.mailSender = mailSender;
        this.envelope = envelope;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
    }

    /** Settles everything due now, batch after batch; safe to call concurrently and from several instances. */
    void sendDue() {
        int settled;
        do {
            settled = transactions.execute(status -> sendBatch());
        }
        while (settled == properties.sendBatchSize());
    }

    /** Returns how many claimed rows it settled (sent, postponed, superseded, skipped, failed). */
    private int sendBatch() {
        Instant now = clock.instant();
        List<ConfirmationRequest> due = requests.claimDue(now, properties.sendBatchSize());
        Map<String, String> titles = due.isEmpty() ? Map.of()
                : topics.all().stream().collect(Collectors.toMap(Topic::slug, Topic::title));
        Map<MimeMessage, ConfirmationRequest> messages = new LinkedHashMap<>();
        int settled = 0;
        for (ConfirmationRequest request : due) {
            if (!requests.tryLockAddress(request.email())) {
                // Another transaction decides about this address right now; the next round retries.
                continue;
            }
            settled++;
            Optional<Instant> waitUntil = requests.lastSentTo(request.email())
                    .map(last -> last.plus(properties.confirmationEmailInterval())).filter(now::isBefore);
            if (requests.newerRequestWaits(request)) {
                requests.markSettled(request.id(), "SUPERSEDED");
            }
            else if (waitUntil.isPresent()) {
                requests.postpone(request.id(), waitUntil.get());
            }
            else if (subscribers.receivesAll(request.email(), request.topics())
                    || suppressions.refusesConfirmations(request.email())) {
                requests.markSettled(request.id(), "SKIPPED");
            }
            else {
                compose(request, titles).ifPresent(message -> messages.put(message, request));
            }
        }
        Map<Object, Exception> failed = send(messages.keySet());
        messages.forEach((message, request) -> {
            Exception failure = failed.get(message);
            if (failure == null) {
                requests.markSent(request.id(), now);
                meters.counter("tidings.emails.sent", "kind", "confirmation").increment();
            }
            else {
                recordFailure(request, String.valueOf(failure.getMessage()), now);
            }
        });
        return settled;
    }

    private Optional<MimeMessage> compose(ConfirmationRequest request, Map<String, String> titles) {
        try {
            // The newsletters' kind of message: its Message-ID names the sending domain, not this host.
            MimeMessage message = envelope.newMessage(mailSender.getSession());
            composer.compose(message, request,
                    request.topics().stream().map(slug -> titles.getOrDefault(slug, slug)).toList());
            return Optional.of(dkim.sign(message));
        }
        catch (MessagingException ex) {
            requests.markFailed(request.id(), "cannot compose: " + ex.getMessage());
            meters.counter("tidings.emails.failed", "kind", "confirmation", "permanent", "true").increment();
            return Optional.empty();
        }
    }

    /** The messages that did not go out, with why; every other message was accepted by the server. */
    private Map<Object, Exception> send(Set<MimeMessage> messages) {
        if (messages.isEmpty()) {
            return Map.of();
        }
        try {
            mailSender.send(messages.toArray(MimeMessage[]::new));
            return Map.of();
        }
        catch (MailSendException ex) {
            return ex.getFailedMessages();
        }
        catch (MailException ex) {
            Map<Object, Exception> all = new LinkedHashMap<>();
            messages.forEach(message -> all.put(message, ex));
            return all;
        }
    }

    private void recordFailure(ConfirmationRequest request, String reason, Instant now) {
        boolean giveUp = request.attempts() + 1 >= properties.maxSendAttempts();
        if (giveUp) {
            requests.markFailed(request.id(), reason);
        }
        else {
            Duration delay = properties.retryBaseDelay().multipliedBy(1L << Math.min(request.attempts(), 16));
            requests.markRetry(request.id(), now.plus(delay.compareTo(LONGEST_RETRY_DELAY) > 0
                    ? LONGEST_RETRY_DELAY : delay), reason);
        }
        meters.counter("tidings.emails.failed", "kind", "confirmation", "permanent", String.valueOf(giveUp))
                .increment();
        log.warn("Confirmation email of request {} failed (attempt {}, {}): {}", request.id(),
                request.attempts() + 1, giveUp ? "giving up" : "will retry", reason);
    }
}
