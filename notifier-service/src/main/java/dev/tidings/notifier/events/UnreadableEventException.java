package dev.tidings.notifier.events;

/**
 * An event this service can never process, however often it retries: bad JSON, missing CloudEvents
 * headers, an unknown type, or a payload that violates the contract. It goes to the dead-letter
 * topic instead of blocking its partition.
 */
public class UnreadableEventException extends RuntimeException {

    public UnreadableEventException(String message) {
        super(message);
    }

    public UnreadableEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
