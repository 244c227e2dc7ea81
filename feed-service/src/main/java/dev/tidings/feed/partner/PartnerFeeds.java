package dev.tidings.feed.partner;

import dev.tidings.feed.FeedProperties;
import dev.tidings.feed.rendering.FeedCatalog;
import dev.tidings.feed.rendering.FeedFormat;
import dev.tidings.feed.rendering.FeedName;
import dev.tidings.feed.rendering.FeedRenditions;
import dev.tidings.feed.rendering.Rendition;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The feeds a partner may read, each a feed of the read model under a private address:
 * {@code all.<format>}, every topic of the partner in one feed (a combination of topics, see
 * {@link FeedName}), and {@code <topic>.<format>} for each of its topics. They are rendered and held
 * like public feeds ({@link FeedRenditions}), once per change for every partner with the same
 * topics, because what goes into them does not depend on the partner: the self link is the
 * header-form address {@code <public-url>/partner/feeds/<file>}, never one with a token, as feeds get
 * copied, cached and logged.
 */
@Component
class PartnerFeeds {

    /** A partner's feed: {@code file} as requested ({@code all.atom}), what it shows and its address without extension. */
    record PartnerFeed(String file, FeedName name, FeedFormat format, String url) {
    }

    private final FeedRenditions renditions;

    private final String baseUrl;

    PartnerFeeds(FeedRenditions renditions, FeedProperties properties) {
        this.renditions = renditions;
        this.baseUrl = properties.publicUrl() + "/partner/feeds/";
    }

    /** The feed at {@code file} ({@code all.rss}, {@code <topic>.json}, ...) of this partner; empty if it has none there. */
    Optional<PartnerFeed> find(Partner partner, String file) {
        int dot = file.lastIndexOf('.');
        if (dot < 1) {
            return Optional.empty();
        }
        String requested = file.substring(0, dot);
        Optional<FeedFormat> format = FeedFormat.fromExtension(file.substring(dot + 1));
        Optional<FeedName> name = requested.equals(FeedCatalog.ALL) ? Optional.of(allOf(partner))
                : partner.topics().contains(requested) ? Optional.of(new FeedName.Topic(requested))
                : Optional.empty();
        if (format.isEmpty() || name.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new PartnerFeed(file, name.get(), format.get(), baseUrl + requested));
    }

    /** The current rendition of a partner feed, as a request is answered. */
    Optional<Rendition> current(PartnerFeed feed) {
        return renditions.current(feed.name(), feed.format(), feed.url());
    }

    /** The rendition of a partner feed's newest committed change, as the WebSub hub distributes it. */
    Optional<Rendition> latest(PartnerFeed feed) {
        return renditions.latest(feed.name(), feed.format(), feed.url());
    }

    private static FeedName allOf(Partner partner) {
        return partner.topics().size() == 1 ? new FeedName.Topic(partner.topics().get(0))
                : new FeedName.Topics(partner.topics());
    }
}
