package dev.tidings.notifier.ledger;

import java.time.Instant;

/** Published inside the transaction that queued deliveries; the senders run once it committed. */
public record DeliveriesQueued(Instant dueAt) {
}
