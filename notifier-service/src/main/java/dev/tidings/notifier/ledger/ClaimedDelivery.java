package dev.tidings.notifier.ledger;

import java.util.UUID;

/**
 * A ledger row a sender has claimed: who gets which article, and as what. The article's content is
 * not here; the sender renders each article once, not once per row.
 *
 * @param articleVersion the article's version when the row was claimed
 * @param traceParent the W3C {@code traceparent} of the event consumption that queued the row, null if none
 */
public record ClaimedDelivery(long id, UUID subscriberId, String email, String kind, int attempts, UUID articleId,
        long articleVersion, String traceParent) {

    /** Whether this row is an email of its own rather than a line in a digest. */
    public boolean instant() {
        return Deliveries.INSTANT.equals(kind);
    }
}
