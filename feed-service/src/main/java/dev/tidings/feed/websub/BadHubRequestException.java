package dev.tidings.feed.websub;

/** A hub request the hub refuses (400), with what is wrong in words a subscriber's developer can act on. */
class BadHubRequestException extends RuntimeException {

    BadHubRequestException(String detail) {
        super(detail);
    }
}
