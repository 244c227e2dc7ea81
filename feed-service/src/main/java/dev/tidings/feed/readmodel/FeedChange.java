package dev.tidings.feed.readmodel;

import java.time.Instant;

/**
 * The last change of a feed: {@code changedAt}, its stamp in whole seconds (the feed's
 * {@code Last-Modified}), and {@code revision}, a counter that every change moves by one.
 */
public record FeedChange(Instant changedAt, long revision) {

    /** A feed that never changed, such as the all-topics feed before the first article. */
    public static final FeedChange NEVER = new FeedChange(Instant.EPOCH, 0);
}
