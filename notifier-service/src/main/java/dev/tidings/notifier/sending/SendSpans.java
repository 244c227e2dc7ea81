package dev.tidings.notifier.sending;

import dev.tidings.events.tracing.TraceParents;
import dev.tidings.notifier.ledger.ClaimedDelivery;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.ReceiverContext;
import java.util.Objects;

/**
 * The spans of one batch's SMTP sends (ADR 0024): one span for each run of consecutive instant
 * emails queued in the same trace, a child of the event consumption that queued them, so the send
 * shows in the article's trace. Not one per email: a fan-out to 100,000 readers would be 100,000
 * spans. Digests gather several articles' traces and start none. Not thread-safe: one per batch.
 */
final class SendSpans {

    private final ObservationRegistry observations;

    private String traceParent;

    private Observation current;

    private int emails;

    SendSpans(ObservationRegistry observations) {
        this.observations = observations;
    }

    /** Counts the email of {@code delivery} into the span of its trace, ending the previous run's span. */
    void sending(ClaimedDelivery delivery) {
        String next = delivery.instant() ? delivery.traceParent() : null;
        if (current != null && Objects.equals(next, traceParent)) {
            emails++;
            return;
        }
        end();
        if (next == null) {
            return;
        }
        ReceiverContext<String> context = new ReceiverContext<>(
                (carrier, key) -> TraceParents.HEADER.equals(key) ? carrier : null, Kind.CLIENT);
        context.setCarrier(next);
        traceParent = next;
        emails = 1;
        current = Observation.createNotStarted("tidings.smtp.send", () -> context, observations)
                .contextualName("smtp send")
                .start();
    }

    /** Ends the open span, if any; the batch is done. */
    void end() {
        if (current != null) {
            current.highCardinalityKeyValue("tidings.emails", Integer.toString(emails)).stop();
            current = null;
            traceParent = null;
        }
    }
}
