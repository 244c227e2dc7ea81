package dev.tidings.notifier.web;

/** A request body grew beyond {@code tidings.notifier.max-request-bytes} while it was read. */
public class RequestTooLargeException extends RuntimeException {

    RequestTooLargeException(long limit) {
        super("request body exceeds " + limit + " bytes");
    }
}
