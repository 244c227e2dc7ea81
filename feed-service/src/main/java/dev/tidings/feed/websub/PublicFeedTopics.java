package dev.tidings.feed.websub;

import dev.tidings.feed.FeedProperties;
import dev.tidings.feed.rendering.FeedFormat;
import dev.tidings.feed.rendering.FeedName;
import dev.tidings.feed.rendering.FeedRenditions;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriUtils;

/**
 * The public feeds as WebSub topics: {@code <public-url>/feeds/<name>.<rss|atom|json>}, exactly as
 * their self links name them (a combination's topics in alphabetical order, a tag percent-encoded).
 * A topic is known while its feed exists (a topic or tag of the read model, the all-topics feed).
 */
@Component
class PublicFeedTopics implements HubTopics {

    private final String prefix;

    private final FeedRenditions renditions;

    PublicFeedTopics(FeedProperties properties, FeedRenditions renditions) {
        this.prefix = properties.publicUrl() + "/feeds/";
        this.renditions = renditions;
    }

    @Override
    public Optional<List<String>> changeKeysOf(String topicUrl) {
        return feedAt(topicUrl)
                .filter(feed -> renditions.current(feed.name(), feed.format()).isPresent())
                .map(feed -> feed.name().changeKeys());
    }

    @Override
    public Optional<FeedContent> contentOf(String topicUrl) {
        return feedAt(topicUrl)
                .flatMap(feed -> renditions.latest(feed.name(), feed.format()))
                .map(rendition -> new FeedContent(rendition.identity(), rendition.format().mediaType().toString()));
    }

    private record PublicFeed(FeedName name, FeedFormat format) {
    }

    private Optional<PublicFeed> feedAt(String topicUrl) {
        if (!topicUrl.startsWith(prefix)) {
            return Optional.empty();
        }
        String file = topicUrl.substring(prefix.length());
        int dot = file.lastIndexOf('.');
        if (dot < 1 || file.indexOf('?') >= 0 || file.indexOf('#') >= 0) {
            return Optional.empty();
        }
        String encodedPath = file.substring(0, dot);
        Optional<FeedFormat> format = FeedFormat.fromExtension(file.substring(dot + 1));
        if (format.isEmpty()) {
            return Optional.empty();
        }
        String path;
        try {
            path = UriUtils.decode(encodedPath, StandardCharsets.UTF_8);
        }
        catch (IllegalArgumentException ex) {
            return Optional.empty();
        }
        // Only the canonical URL, the feed's self link: the one every notification names as rel="self".
        return FeedName.parse(path)
                .filter(name -> name.urlPath().equals(encodedPath))
                .filter(name -> !(name instanceof FeedName.Archive) || format.get() == FeedFormat.ATOM)
                .map(name -> new PublicFeed(name, format.get()));
    }
}
