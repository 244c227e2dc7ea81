package dev.tidings.feed.web;

/** A feed URL that names no known topic or no supported format; answered with 404. */
class UnknownFeedException extends RuntimeException {

    UnknownFeedException(String message) {
        super(message);
    }
}
