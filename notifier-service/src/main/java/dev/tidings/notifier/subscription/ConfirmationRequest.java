package dev.tidings.notifier.subscription;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One recorded subscribe request: its confirmation link confirms exactly {@code topics}, for
 * {@code email}, and nothing else.
 */
record ConfirmationRequest(UUID id, String email, List<String> topics, Instant requestedAt, String status,
        int attempts) {

    /** Confirmed already, or cancelled by an unsubscribe: its link is used up. */
    boolean closed() {
        return "CONFIRMED".equals(status) || "CANCELLED".equals(status);
    }
}
