package dev.tidings.feed.readmodel;

/**
 * An event this service can never apply (bad JSON, missing CloudEvents headers, unknown type, a
 * payload that breaks the contract). Retrying cannot help: the error handler sends it to the
 * dead-letter topic and goes on.
 */
public class UnreadableEventException extends RuntimeException {

    public UnreadableEventException(String message, Throwable cause) {
        super(message, cause);
    }

    public UnreadableEventException(String message) {
        super(message);
    }
}
