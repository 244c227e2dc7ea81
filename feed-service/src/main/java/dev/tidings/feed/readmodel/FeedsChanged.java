package dev.tidings.feed.readmodel;

import java.util.Set;

/**
 * Published by {@link FeedRevisions} (on its listener thread) when it learned of newer revisions of
 * {@code feeds} (their change keys), whichever instance applied the change.
 */
public record FeedsChanged(Set<String> feeds) {

    public FeedsChanged {
        feeds = Set.copyOf(feeds);
    }
}
