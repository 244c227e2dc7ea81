package dev.tidings.feed.web;

import dev.tidings.feed.FeedProperties;
import dev.tidings.feed.readmodel.Topic;
import dev.tidings.feed.readmodel.Topics;
import dev.tidings.feed.rendering.FeedCatalog;
import dev.tidings.feed.rendering.FeedFormat;
import dev.tidings.feed.rendering.FeedName;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.resource.ResourceUrlProvider;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * The HTML page at {@code /} ({@code templates/directory.html}): every feed with its links per
 * format, and autodiscovery {@code <link rel="alternate">} elements so browsers and readers find the
 * feeds from the page. Thymeleaf escapes everything that came from events.
 */
@RestController
class DirectoryController {

    private static final MediaType HTML_UTF8 = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);

    private static final String STYLESHEET = "/css/tidings.css";

    /** One feed as the page lists it. */
    record Listing(String title, String description, List<Link> links) {
    }

    /** A feed in one format: its autodiscovery title, media type, URL and the format's name. */
    record Link(String title, String type, String href, String label) {
    }

    private final Topics topics;

    private final FeedCatalog catalog;

    private final FeedProperties properties;

    private final ITemplateEngine templates;

    private final ResourceUrlProvider resourceUrls;

    DirectoryController(Topics topics, FeedCatalog catalog, FeedProperties properties, ITemplateEngine templates,
            ResourceUrlProvider resourceUrls) {
        this.topics = topics;
        this.catalog = catalog;
        this.properties = properties;
        this.templates = templates;
        this.resourceUrls = resourceUrls;
    }

    @GetMapping("/")
    ResponseEntity<String> directory() {
        List<Topic> known = topics.all().stream().filter(topic -> !FeedCatalog.ALL.equals(topic.slug())).toList();
        List<Listing> feeds = new ArrayList<>();
        feeds.add(listing("All topics", "Every article, whatever its topic", properties.title() + ": all topics",
                new FeedName.All()));
        for (Topic topic : known) {
            feeds.add(listing(topic.title(), topic.description(), properties.title() + ": " + topic.title(),
                    new FeedName.Topic(topic.slug())));
        }
        List<Listing> tags = catalog.tags().stream()
                .map(tag -> listing("#" + tag, "", properties.title() + ": tagged " + tag, new FeedName.Tag(tag)))
                .toList();
        String combination = known.size() < 2 ? "/feeds/topics/eczema+microbiome.atom"
                : "/feeds/topics/" + known.get(0).slug() + "+" + known.get(1).slug() + ".atom";
        // Tag feeds are listed on the page but not announced in <head>: readers offer every alternate link.
        List<Link> autodiscovery = feeds.stream().flatMap(feed -> feed.links().stream()).toList();
        String stylesheet = resourceUrls.getForLookupPath(STYLESHEET);
        String page = templates.process("directory", new Context(null, Map.of(
                "siteName", properties.title(),
                "stylesheet", stylesheet == null ? STYLESHEET : stylesheet,
                "autodiscovery", autodiscovery,
                "feeds", feeds,
                "tags", tags,
                "combinationUrl", properties.publicUrl() + combination,
                "opmlUrl", properties.publicUrl() + "/feeds.opml")));
        return ResponseEntity.ok().contentType(HTML_UTF8).body(page);
    }

    private Listing listing(String title, String description, String feedTitle, FeedName name) {
        List<Link> links = Arrays.stream(FeedFormat.values())
                .map(format -> new Link(feedTitle + " (" + format.label() + ")", format.type(),
                        catalog.urlOf(name) + "." + format.extension(), format.label()))
                .toList();
        return new Listing(title, description, links);
    }
}
