package dev.tidings.notifier.delivery;

import dev.tidings.notifier.NotifierProperties;
import dev.tidings.notifier.subscription.SubscriberLinks;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Sends due deliveries in batches, each batch over one SMTP connection: an instant delivery is one
 * email, the due digest rows of one subscriber and kind are one digest email.
 *
 * <p>A batch is claimed with {@code FOR UPDATE SKIP LOCKED} and its outcome written in the same
 * transaction, so several instances never send the same row. When the SMTP server rejects some
 * messages of a batch, only those are retried or failed; the rest are marked sent and never go out
 * twice. A crash during a send can repeat at most the messages of the batch in flight (at most
 * {@code send-batch-size}), because the rollback leaves them PENDING.
 */
@Component
public class DeliverySender {

    private static final Logger log = LoggerFactory.getLogger(DeliverySender.class);

    private static final Duration LONGEST_RETRY_DELAY = Duration.ofHours(6);

    private final Deliveries deliveries;

    private final InstantEmailComposer composer;

    private final DigestEmailComposer digestComposer;

    private final SubscriberLinks subscriberLinks;

    private final JavaMailSender mailSender;

    private final TransactionOperations transactions;

    private final NotifierProperties properties;

    private final Clock clock;

    private final MeterRegistry meters;

    DeliverySender(Deliveries deliveries, InstantEmailComposer composer, DigestEmailComposer digestComposer,
            SubscriberLinks subscriberLinks, JavaMailSender mailSender, TransactionOperations transactions,
            NotifierProperties properties, Clock clock, MeterRegistry meters) {
        this.deliveries = deliveries;
        this.composer = composer;
        this.digestComposer = digestComposer;
        this.subscriberLinks = subscriberLinks;
        this.mailSender = mailSender;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
    }

    /** Sends everything due now, batch after batch; safe to call concurrently and from several instances. */
    public void sendDue() {
        int claimed;
        do {
            claimed = transactions.execute(status -> sendBatch());
        }
        while (claimed == properties.sendBatchSize());
    }

    private int sendBatch() {
        Instant now = clock.instant();
        List<DueDelivery> due = deliveries.claimDue(now, properties.sendBatchSize());
        if (due.isEmpty()) {
            return 0;
        }
        Map<MimeMessage, List<DueDelivery>> messages = new LinkedHashMap<>();
        for (List<DueDelivery> group : byMessage(due)) {
            try {
                messages.put(compose(group), group);
            }
            catch (MessagingException ex) {
                // A message that cannot be built now never will be: fail it and keep the batch going.
                SendFailure failure = new SendFailure(true, "cannot compose: " + ex.getMessage());
                group.forEach(delivery -> recordFailure(delivery, failure, now));
            }
        }
        Map<Object, Exception> failed = send(messages);
        messages.forEach((message, group) -> {
            Exception failure = failed.get(message);
            if (failure == null) {
                group.forEach(delivery -> deliveries.markSent(delivery.id(), now));
                meters.counter("tidings.emails.sent", "kind", group.get(0).kind()).increment();
            }
            else {
                SendFailure reason = SendFailure.of(failure);
                group.forEach(delivery -> recordFailure(delivery, reason, now));
            }
        });
        return due.size();
    }

    /** Instant rows one by one; digest rows of the same subscriber and kind together. */
    private static Collection<List<DueDelivery>> byMessage(List<DueDelivery> due) {
        Map<String, List<DueDelivery>> groups = new LinkedHashMap<>();
        for (DueDelivery delivery : due) {
            String key = Deliveries.INSTANT.equals(delivery.kind()) ? "instant/" + delivery.id()
                    : delivery.kind() + "/" + delivery.subscriberId();
            groups.computeIfAbsent(key, ignored -> new ArrayList<>()).add(delivery);
        }
        return groups.values();
    }

    private MimeMessage compose(List<DueDelivery> group) throws MessagingException {
        DueDelivery first = group.get(0);
        MimeMessage message = mailSender.createMimeMessage();
        SubscriberLinks.Links links = subscriberLinks.of(first.subscriberId());
        if (Deliveries.INSTANT.equals(first.kind())) {
            composer.compose(message, new InstantEmail(first.email(), first.title(), first.summary(),
                    first.bodyHtml(), first.canonicalUrl(), links.unsubscribeUrl(), links.preferencesUrl()));
        }
        else {
            digestComposer.compose(message, new DigestEmail(first.email(), first.kind(),
                    group.stream().map(d -> new DigestEmail.Item(d.title(), d.summary(), d.canonicalUrl())).toList(),
                    links.unsubscribeUrl(), links.preferencesUrl()));
        }
        return message;
    }

    /** The messages that did not go out, with why; every other message was accepted by the server. */
    private Map<Object, Exception> send(Map<MimeMessage, List<DueDelivery>> messages) {
        if (messages.isEmpty()) {
            return Map.of();
        }
        try {
            mailSender.send(messages.keySet().toArray(MimeMessage[]::new));
            return Map.of();
        }
        catch (MailSendException ex) {
            // Empty failed messages means all were accepted and only closing the connection failed.
            return ex.getFailedMessages();
        }
        catch (MailException ex) {
            // Authentication or preparation failed before anything was sent: the whole batch retries.
            Map<Object, Exception> all = new LinkedHashMap<>();
            messages.keySet().forEach(message -> all.put(message, ex));
            return all;
        }
    }

    private void recordFailure(DueDelivery delivery, SendFailure failure, Instant now) {
        boolean giveUp = failure.permanent() || delivery.attempts() + 1 >= properties.maxSendAttempts();
        if (giveUp) {
            deliveries.markFailed(delivery.id(), failure.reason());
        }
        else {
            deliveries.markRetry(delivery.id(), now.plus(retryDelay(delivery.attempts())), failure.reason());
        }
        meters.counter("tidings.emails.failed", "kind", delivery.kind(), "permanent", String.valueOf(giveUp))
                .increment();
        log.warn("Email of article {} to subscriber {} failed (attempt {}, {}): {}", delivery.articleId(),
                delivery.subscriberId(), delivery.attempts() + 1, giveUp ? "giving up" : "will retry",
                failure.reason());
    }

    private Duration retryDelay(int attemptsSoFar) {
        Duration delay = properties.retryBaseDelay().multipliedBy(1L << Math.min(attemptsSoFar, 16));
        return delay.compareTo(LONGEST_RETRY_DELAY) > 0 ? LONGEST_RETRY_DELAY : delay;
    }
}
