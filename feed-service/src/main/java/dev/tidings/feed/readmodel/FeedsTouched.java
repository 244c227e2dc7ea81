package dev.tidings.feed.readmodel;

import java.time.Instant;
import java.util.Set;

/**
 * Published by {@link FeedChanges} inside the transaction that changes {@code feeds} (their change
 * keys), on the thread that applies the event, before it commits. A listener that writes to the
 * database joins that transaction: its rows commit exactly when the change does. {@code at} is the
 * time the change was applied. Compare {@link FeedsChanged}, published after the commit on every
 * instance.
 */
public record FeedsTouched(Set<String> feeds, Instant at) {

    public FeedsTouched {
        feeds = Set.copyOf(feeds);
    }
}
