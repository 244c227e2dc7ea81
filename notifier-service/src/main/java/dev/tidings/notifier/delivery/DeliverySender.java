package dev.tidings.notifier.delivery;

import dev.tidings.notifier.NotifierProperties;
import dev.tidings.notifier.subscription.SubscriberLinks;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
 * Sends due deliveries in batches, each batch over one SMTP connection.
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

    private final SubscriberLinks subscriberLinks;

    private final JavaMailSender mailSender;

    private final TransactionOperations transactions;

    private final NotifierProperties properties;

    private final Clock clock;

    private final MeterRegistry meters;

    DeliverySender(Deliveries deliveries, InstantEmailComposer composer, SubscriberLinks subscriberLinks,
            JavaMailSender mailSender, TransactionOperations transactions, NotifierProperties properties, Clock clock,
            MeterRegistry meters) {
        this.deliveries = deliveries;
        this.composer = composer;
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
        Map<MimeMessage, DueDelivery> messages = new LinkedHashMap<>();
        for (DueDelivery delivery : due) {
            try {
                MimeMessage message = mailSender.createMimeMessage();
                SubscriberLinks.Links links = subscriberLinks.issue(delivery.subscriberId());
                composer.compose(message, new InstantEmail(delivery.email(), delivery.title(), delivery.summary(),
                        delivery.bodyHtml(), delivery.canonicalUrl(), links.unsubscribeUrl(), links.preferencesUrl()));
                messages.put(message, delivery);
            }
            catch (MessagingException ex) {
                // A message that cannot be built now never will be: fail it and keep the batch going.
                recordFailure(delivery, new SendFailure(true, "cannot compose: " + ex.getMessage()), now);
            }
        }
        Map<Object, Exception> failed = send(messages);
        messages.forEach((message, delivery) -> {
            Exception failure = failed.get(message);
            if (failure == null) {
                deliveries.markSent(delivery.id(), now);
                meters.counter("tidings.emails.sent", "kind", Deliveries.INSTANT).increment();
            }
            else {
                recordFailure(delivery, SendFailure.of(failure), now);
            }
        });
        return due.size();
    }

    /** The messages that did not go out, with why; every other message was accepted by the server. */
    private Map<Object, Exception> send(Map<MimeMessage, DueDelivery> messages) {
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
        meters.counter("tidings.emails.failed", "kind", Deliveries.INSTANT, "permanent", String.valueOf(giveUp))
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
