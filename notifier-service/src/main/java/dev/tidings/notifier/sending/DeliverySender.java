package dev.tidings.notifier.sending;

import dev.tidings.notifier.NotifierProperties;
import dev.tidings.notifier.composing.DigestEmail;
import dev.tidings.notifier.composing.DigestEmailComposer;
import dev.tidings.notifier.composing.InstantEmailComposer;
import dev.tidings.notifier.composing.OutgoingEmail;
import dev.tidings.notifier.composing.Recipient;
import dev.tidings.notifier.composing.RenderedArticle;
import dev.tidings.notifier.composing.RenderedArticles;
import dev.tidings.notifier.dkim.DkimSigning;
import dev.tidings.notifier.ledger.ClaimedDelivery;
import dev.tidings.notifier.ledger.Deliveries;
import dev.tidings.notifier.ledger.DeliveryOutcomes;
import dev.tidings.notifier.ratelimit.RateLimiter;
import dev.tidings.notifier.subscription.SubscriberLinks;
import dev.tidings.notifier.suppression.SuppressionReason;
import dev.tidings.notifier.suppression.Suppressions;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * Sends due deliveries, batch after batch, over one SMTP connection: an instant delivery is one
 * email, the due digest rows of one subscriber and kind are one digest email. Emails are written as
 * bytes from the article's prepared email and pipelined to the server ({@link SmtpConnection}).
 *
 * <p>A batch is claimed with a lease ({@link Deliveries#claim}), sent with no transaction or
 * database connection held, and its outcomes written in one short transaction. Rejected messages
 * are retried or failed on their own; the others are recorded as sent and never go out again. A
 * crash can repeat at most the claimed batch of each sender thread: those rows are due again when
 * their lease ends. A batch that takes longer than half its lease gives its unsent rows back, so a
 * slow server cannot make a lease run out under a live sender.
 */
@Component
public class DeliverySender {

    private static final Logger log = LoggerFactory.getLogger(DeliverySender.class);

    private static final Duration LONGEST_RETRY_DELAY = Duration.ofHours(6);

    /** Only parses messages to be signed; never connects anywhere. */
    private static final Session PARSING = Session.getInstance(new Properties());

    private final Deliveries deliveries;

    private final RenderedArticles articles;

    private final InstantEmailComposer instantComposer;

    private final DigestEmailComposer digestComposer;

    private final SubscriberLinks subscriberLinks;

    private final JavaMailSenderImpl mail;

    private final SendRate rate;

    private final Suppressions suppressions;

    private final NotifierProperties properties;

    private final Clock clock;

    private final MeterRegistry meters;

    private final ObservationRegistry observations;

    private final DkimSigning dkim;

    DeliverySender(Deliveries deliveries, RenderedArticles articles, InstantEmailComposer instantComposer,
            DigestEmailComposer digestComposer, SubscriberLinks subscriberLinks,
            JavaMailSenderImpl mail, SendRate rate, Suppressions suppressions, NotifierProperties properties,
            Clock clock, MeterRegistry meters, ObservationRegistry observations, DkimSigning dkim) {
        this.deliveries = deliveries;
        this.articles = articles;
        this.instantComposer = instantComposer;
        this.digestComposer = digestComposer;
        this.subscriberLinks = subscriberLinks;
        this.mail = mail;
        this.rate = rate;
        this.suppressions = suppressions;
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
        this.observations = observations;
        this.dkim = dkim;
    }

    /** Sends everything due now on the calling thread, under a claimer id of its own. */
    public void sendDue() {
        sendDue("caller-" + UUID.randomUUID(), () -> true);
    }

    /** Sends everything due now as {@code claimer}, while {@code running} holds. */
    void sendDue(String claimer, BooleanSupplier running) {
        try (SmtpConnection smtp = new SmtpConnection(mail)) {
            while (running.getAsBoolean()) {
                RateLimiter.Grant grant = rate.take(properties.sendBatchSize());
                if (grant.taken() == 0) {
                    pause(grant.waitFor());
                    continue;
                }
                int claimed = sendBatch(claimer, smtp, (int) grant.taken());
                rate.giveBack(grant.taken() - claimed);
                if (claimed < grant.taken()) {
                    return;
                }
            }
        }
    }

    private int sendBatch(String claimer, SmtpConnection smtp, int limit) {
        Instant claimedAt = clock.instant();
        List<ClaimedDelivery> claimed = deliveries.claim(claimedAt, limit, claimer,
                claimedAt.plus(properties.sendClaimLease()));
        if (claimed.isEmpty()) {
            return 0;
        }
        Instant giveBackAfter = claimedAt.plus(properties.sendClaimLease().dividedBy(2));
        DeliveryOutcomes outcomes = new DeliveryOutcomes();
        Map<String, Integer> sentByKind = new LinkedHashMap<>();
        Map<String, String> rejected = new LinkedHashMap<>();
        SendFailure unavailable = null;
        // Spans without scopes: nothing can leave one open on this long-lived thread.
        SendSpans spans = new SendSpans(observations);
        for (List<ClaimedDelivery> group : byMessage(claimed)) {
            if (unavailable != null) {
                recordFailure(outcomes, group, unavailable, claimedAt);
                continue;
            }
            if (clock.instant().isAfter(giveBackAfter)) {
                group.forEach(delivery -> outcomes.release(delivery.id()));
                continue;
            }
            OutgoingEmail email;
            try {
                email = signed(compose(group));
            }
            catch (UncomposableException ex) {
                recordFailure(outcomes, group, new SendFailure(true, ex.getMessage()), claimedAt);
                continue;
            }
            catch (MessagingException ex) {
                recordFailure(outcomes, group, SendFailure.of(ex), claimedAt);
                continue;
            }
            spans.sending(group.get(0));
            try {
                smtp.send(email, new SmtpConnection.Result() {
                    @Override
                    public void accepted() {
                        group.forEach(delivery -> outcomes.sent(delivery.id()));
                        sentByKind.merge(group.get(0).kind(), 1, Integer::sum);
                    }

                    @Override
                    public void refused(MessagingException why) {
                        SendFailure failure = SendFailure.of(why);
                        recordFailure(outcomes, group, failure, claimedAt);
                        if (failure.mailboxRejected()) {
                            rejected.put(group.get(0).email(), failure.reason());
                        }
                    }
                });
            }
            catch (SmtpConnection.SmtpUnavailableException ex) {
                // Every other message of the batch would wait for the same connect timeout.
                unavailable = SendFailure.of(ex);
                recordFailure(outcomes, group, unavailable, claimedAt);
            }
        }
        // The last email's reply, before the batch is recorded.
        smtp.finish();
        spans.end();
        deliveries.record(outcomes, claimer, clock.instant());
        rejected.forEach((email, reason) -> suppressions.suppress(email, SuppressionReason.REJECTED, "smtp", reason));
        sentByKind.forEach((kind, count) -> meters.counter("tidings.emails.sent", "kind", kind).increment(count));
        return claimed.size();
    }

    /** Instant rows one by one; digest rows of the same subscriber and kind together. */
    private static Collection<List<ClaimedDelivery>> byMessage(List<ClaimedDelivery> claimed) {
        Map<String, List<ClaimedDelivery>> groups = new LinkedHashMap<>();
        for (ClaimedDelivery delivery : claimed) {
            String key = delivery.instant() ? "instant/" + delivery.id()
                    : delivery.kind() + "/" + delivery.subscriberId();
            groups.computeIfAbsent(key, ignored -> new ArrayList<>()).add(delivery);
        }
        return groups.values();
    }

    private OutgoingEmail compose(List<ClaimedDelivery> group) throws UncomposableException {
        ClaimedDelivery first = group.get(0);
        SubscriberLinks.Links links = subscriberLinks.of(first.subscriberId());
        Recipient recipient = new Recipient(first.email(), links.unsubscribeUrl(), links.preferencesUrl());
        try {
            if (first.instant()) {
                return instantComposer.compose(article(first), recipient);
            }
            List<RenderedArticle> items = new ArrayList<>();
            for (ClaimedDelivery delivery : group) {
                items.add(article(delivery));
            }
            return digestComposer.compose(new DigestEmail(first.kind(), items), recipient);
        }
        catch (AddressException ex) {
            // A message that cannot be built now never will be: an address the parser refuses.
            throw new UncomposableException("cannot compose: " + ex.getMessage());
        }
    }

    /**
     * {@code email} DKIM-signed when signing is on: read back into a Jakarta Mail message for the
     * signing library, which signs it as it writes it. Costs a parse per email, small beside the
     * RSA signature.
     */
    private OutgoingEmail signed(OutgoingEmail email) throws MessagingException {
        if (!properties.dkim().enabled()) {
            return email;
        }
        MimeMessage signed = dkim.sign(new MimeMessage(PARSING, new ByteArrayInputStream(email.content())));
        ByteArrayOutputStream out = new ByteArrayOutputStream(email.content().length + 1024);
        try {
            signed.writeTo(out);
        }
        catch (IOException ex) {
            throw new MessagingException("cannot sign: " + ex.getMessage(), ex);
        }
        return new OutgoingEmail(email.envelopeFrom(), email.recipient(), out.toByteArray());
    }

    private RenderedArticle article(ClaimedDelivery delivery) throws UncomposableException {
        return articles.atLeast(delivery.articleId(), delivery.articleVersion())
                .orElseThrow(() -> new UncomposableException("article " + delivery.articleId() + " is gone"));
    }

    private void recordFailure(DeliveryOutcomes outcomes, List<ClaimedDelivery> group, SendFailure failure,
            Instant now) {
        for (ClaimedDelivery delivery : group) {
            boolean giveUp = failure.permanent() || delivery.attempts() + 1 >= properties.maxSendAttempts();
            if (giveUp) {
                outcomes.failed(delivery.id(), failure.reason());
            }
            else {
                outcomes.retry(delivery.id(), now.plus(retryDelay(delivery.attempts())), failure.reason());
            }
            meters.counter("tidings.emails.failed", "kind", delivery.kind(), "permanent", String.valueOf(giveUp))
                    .increment();
            log.warn("Email of article {} to subscriber {} failed (attempt {}, {}): {}", delivery.articleId(),
                    delivery.subscriberId(), delivery.attempts() + 1, giveUp ? "giving up" : "will retry",
                    failure.reason());
        }
    }

    private Duration retryDelay(int attemptsSoFar) {
        Duration delay = properties.retryBaseDelay().multipliedBy(1L << Math.min(attemptsSoFar, 16));
        return delay.compareTo(LONGEST_RETRY_DELAY) > 0 ? LONGEST_RETRY_DELAY : delay;
    }

    private static void pause(Duration duration) {
        try {
            // Rate limited: at most a second, so a stopping instance is not held up.
            Thread.sleep(Math.max(1, Math.min(duration.toMillis(), 1000)));
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /** The email of a row cannot be built; trying again would not help. */
    private static final class UncomposableException extends Exception {

        UncomposableException(String message) {
            super(message);
        }
    }
}
