package dev.tidings.notifier.subscription;

import java.time.Instant;
import java.util.UUID;

/** A mailbox known to the service; {@code confirmedAt} null until its owner clicked a confirmation link. */
record Subscriber(UUID id, String email, Instant confirmedAt, Instant unsubscribedAt) {

    boolean unsubscribed() {
        return unsubscribedAt != null;
    }
}
