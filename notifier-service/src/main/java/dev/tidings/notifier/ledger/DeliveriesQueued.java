package dev.tidings.notifier.delivery;

import java.time.Instant;

/** Published inside the transaction that queued deliveries; the sender runs once it committed. */
record DeliveriesQueued(Instant dueAt) {
}
