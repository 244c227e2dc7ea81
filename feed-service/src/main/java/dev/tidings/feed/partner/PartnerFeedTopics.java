package dev.tidings.feed.partner;

import dev.tidings.feed.FeedProperties;
import dev.tidings.feed.websub.FeedContent;
import dev.tidings.feed.websub.HubTopics;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Partner feeds as WebSub topics, so that a partner can subscribe to them through the hub: only the
 * address with the token in the path, {@code <public-url>/partner/<token>/feeds/<file>} (a hub has
 * no header to send). The token is checked on every delivery: once it is revoked or replaced, the
 * subscription's deliveries find no content and nothing more reaches the partner.
 */
@Component
class PartnerFeedTopics implements HubTopics {

    private static final String MASKED_TOKEN = "tdp_…";

    private final String prefix;

    private final Partners partners;

    private final PartnerFeeds feeds;

    PartnerFeedTopics(FeedProperties properties, Partners partners, PartnerFeeds feeds) {
        this.prefix = properties.publicUrl() + "/partner/";
        this.partners = partners;
        this.feeds = feeds;
    }

    @Override
    public Optional<List<String>> changeKeysOf(String topicUrl) {
        return feedAt(topicUrl)
                .filter(feed -> feeds.current(feed).isPresent())
                .map(feed -> feed.name().changeKeys());
    }

    @Override
    public Optional<FeedContent> contentOf(String topicUrl) {
        return feedAt(topicUrl)
                .flatMap(feeds::latest)
                .map(rendition -> new FeedContent(rendition.identity(), rendition.format().mediaType().toString()));
    }

    /** The address with its token masked, so that the hub's admin view does not hand out credentials. */
    @Override
    public Optional<String> shownAs(String topicUrl) {
        if (!topicUrl.startsWith(prefix)) {
            return Optional.empty();
        }
        String afterPrefix = topicUrl.substring(prefix.length());
        int slash = afterPrefix.indexOf('/');
        return Optional.of(prefix + MASKED_TOKEN + (slash < 0 ? "" : afterPrefix.substring(slash)));
    }

    private Optional<PartnerFeeds.PartnerFeed> feedAt(String topicUrl) {
        if (!topicUrl.startsWith(prefix)) {
            return Optional.empty();
        }
        String[] parts = topicUrl.substring(prefix.length()).split("/", -1);
        if (parts.length != 3 || !parts[1].equals("feeds")) {
            return Optional.empty();
        }
        return partners.findByToken(parts[0]).flatMap(partner -> feeds.find(partner, parts[2]));
    }
}
