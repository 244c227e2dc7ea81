package dev.tidings.notifier.web;

import org.springframework.http.HttpStatus;

/** A failure of an HTML endpoint, answered with an HTML error page (not a problem document). */
public class PageException extends RuntimeException {

    private final HttpStatus status;

    private final String title;

    public PageException(HttpStatus status, String title, String message) {
        super(message);
        this.status = status;
        this.title = title;
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }
}
