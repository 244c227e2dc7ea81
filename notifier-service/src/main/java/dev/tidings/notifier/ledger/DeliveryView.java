package dev.tidings.notifier.ledger;

import java.time.Instant;
import java.util.UUID;

/** One ledger row as the admin API shows it. */
public record DeliveryView(String subscriber, UUID articleId, String kind, String status, int attempts,
        Instant sentAt, String lastError) {
}
