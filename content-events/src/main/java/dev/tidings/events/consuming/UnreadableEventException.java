package dev.tidings.events.consuming;

/**
 * An event a consumer can never apply, however often it retries: bad JSON, missing CloudEvents
 * headers, an unknown type, or a payload that breaks the contract. {@link ConsumerErrorPolicy}
 * sends it to the dead-letter topic instead of letting it block its partition.
 */
public class UnreadableEventException extends RuntimeException {

    public UnreadableEventException(String message) {
        super(message);
    }

    public UnreadableEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
