package dev.tidings.feed.websub;

import java.util.List;
import java.util.Optional;

/**
 * The feeds the WebSub hub distributes, by their topic URL (the {@code hub.topic} of a subscription,
 * the feed's {@code rel="self"} address). Every bean of this type is asked in turn; each answers only
 * for the URLs it serves ({@link PublicFeedTopics}: {@code <public-url>/feeds/...}) and stays empty
 * for every other URL. To distribute more feeds (partner feeds, say), add a bean.
 *
 * <p>What a caller must know: {@link #content} runs on a delivery thread of whichever instance
 * claimed the delivery, possibly before that instance heard of the change that caused it, so it must
 * show every change committed before the call (read the database, or check its revision), never a
 * copy held in memory without that check.
 */
public interface HubTopics {

    /**
     * The read model's change keys ({@code FeedChanges.ALL_TOPICS}, {@code FeedChanges.topicKey(slug)},
     * {@code FeedChanges.tagKey(tag)}) whose changes change the feed at {@code topicUrl}: the hub
     * notifies its subscribers when a transaction touches any of them. Empty if this source serves no
     * feed at that URL (the hub then refuses the subscription with 400).
     */
    Optional<List<String>> changeKeysOf(String topicUrl);

    /**
     * The feed at {@code topicUrl} as it is served now: the exact bytes a GET would return (identity
     * encoding) and their media type. Empty if there is no such feed (any more).
     */
    Optional<FeedContent> contentOf(String topicUrl);

    /**
     * {@code topicUrl} as admins may see it, when it holds a secret this source must hide (a
     * partner's token); empty for URLs it does not serve or that hide nothing.
     */
    default Optional<String> shownAs(String topicUrl) {
        return Optional.empty();
    }
}
