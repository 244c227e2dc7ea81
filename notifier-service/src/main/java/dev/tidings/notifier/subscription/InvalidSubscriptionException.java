package dev.tidings.notifier.subscription;

import java.util.Map;

/** A subscription request that cannot be accepted as sent; the message says what to fix. */
public class InvalidSubscriptionException extends RuntimeException {

    private final Map<String, Object> details;

    InvalidSubscriptionException(String message) {
        this(message, Map.of());
    }

    InvalidSubscriptionException(String message, Map<String, Object> details) {
        super(message);
        this.details = Map.copyOf(details);
    }

    /** Extra members for the problem document, e.g. the unknown topics. */
    public Map<String, Object> details() {
        return details;
    }
}
