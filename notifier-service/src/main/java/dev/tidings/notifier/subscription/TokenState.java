package dev.tidings.notifier.subscription;

import org.springframework.http.HttpStatus;

/** What a link token turned out to be; everything but {@link #VALID} is answered with an error page. */
public enum TokenState {

    VALID(HttpStatus.OK, "This link is valid."),
    MALFORMED(HttpStatus.BAD_REQUEST, "This link is incomplete. Please copy the whole link from the email."),
    UNKNOWN(HttpStatus.NOT_FOUND, "This link is not valid."),
    USED(HttpStatus.GONE, "This link has already been used."),
    EXPIRED(HttpStatus.GONE, "This link has expired. Please subscribe again to get a new one.");

    private final HttpStatus status;

    private final String explanation;

    TokenState(HttpStatus status, String explanation) {
        this.status = status;
        this.explanation = explanation;
    }

    public HttpStatus status() {
        return status;
    }

    public String explanation() {
        return explanation;
    }
}
